import Dispatch
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StoryGraphRender
import XCTest

final class GraphvizRendererTests: XCTestCase {
    private let renderer = GraphvizRenderer()
    private let simple = "digraph { a -> b }"

    // MARK: SVG

    func testSimpleGraphRendersWellFormedSVGWithNodeAndEdgeTitles() throws {
        let svg = try renderer.renderString(dot: simple)
        assertWellFormedXML(svg)
        XCTAssertTrue(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"))
        // Anonymous graphs are titled %3 on every render, as `dot -Tsvg` does.
        XCTAssertTrue(svg.contains("<title>%3</title>"))
        XCTAssertTrue(svg.contains("<title>a</title>"))
        XCTAssertTrue(svg.contains("<title>b</title>"))
        // Graphviz 2.43 writes the edge name "a->b" with '-' as &#45; and '>' as &gt;.
        XCTAssertTrue(svg.contains("<title>a&#45;&gt;b</title>"))
        XCTAssertTrue(svg.contains("<g id=\"edge1\" class=\"edge\">"))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
    }

    func testLabelWithMarkupQuotesAmpersandAndBackslashIsEscapedInSVG() throws {
        // DOT-escaped as a DOT writer would: \" for a quote, \\ for a backslash.
        let dot = #"digraph { n [label="<script>alert(\"q\")</script> & \\ end"]; }"#
        let svg = try renderer.renderString(dot: dot)
        assertWellFormedXML(svg)
        XCTAssertTrue(svg.contains(
            "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt; &amp; \\ end</text>"))
        XCTAssertFalse(svg.contains("<script>"))
    }

    // MARK: Errors

    func testInvalidDOTThrowsParseErrorWithGraphvizMessage() throws {
        XCTAssertThrowsError(try renderer.render(dot: "digraph { a -> }")) { error in
            guard case RenderError.parse(let message) = error else {
                return XCTFail("expected .parse, got \(error)")
            }
            XCTAssertFalse(message.isEmpty)
            XCTAssertEqual(message, "syntax error in line 1 near '}'")
            XCTAssertTrue(String(describing: error).contains(message))
        }
        // The parser recovers: the next render succeeds.
        XCTAssertTrue(try renderer.renderString(dot: simple).contains("<title>a</title>"))
    }

    func testEmptyInputThrowsParseError() {
        XCTAssertThrowsError(try renderer.render(dot: "")) { error in
            guard case RenderError.parse(let message) = error else {
                return XCTFail("expected .parse, got \(error)")
            }
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testWarningsDoNotFailTheRender() throws {
        // Graphviz warns about both attributes (to stderr, unless suppressed).
        let svg = try renderer.renderString(
            dot: "digraph { a [shape=bogus]; b [color=notacolor]; a -> b }")
        assertWellFormedXML(svg)
        XCTAssertTrue(svg.contains("<title>a&#45;&gt;b</title>"))
    }

    func testRenderStringRejectsBinaryFormats() {
        XCTAssertThrowsError(try renderer.renderString(dot: simple, format: .png)) { error in
            XCTAssertEqual(error as? RenderError, .notText(.png))
        }
    }

    // MARK: Layouts and formats

    func testEveryLayoutRendersSVG() throws {
        let dot = "digraph { a -> b; b -> c; c -> a; a -> d }"
        for layout in Layout.allCases {
            let svg = try renderer.renderString(dot: dot, layout: layout)
            assertWellFormedXML(svg, layout.rawValue)
            for node in ["a", "b", "c", "d"] {
                XCTAssertTrue(svg.contains("<title>\(node)</title>"), "\(layout) lacks \(node)")
            }
        }
    }

    func testPNGAndPDFRenderThroughTheCairoPlugin() throws {
        let signatures: [RenderFormat: [UInt8]] = [
            .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], // \x89PNG\r\n\x1a\n
            .pdf: Array("%PDF-".utf8),
        ]
        for (format, signature) in signatures {
            // libgvc6 depends on its cairo plugin, so both devices are always there.
            let bytes = try renderer.render(dot: simple, format: format)
            XCTAssertEqual(Array(bytes.prefix(signature.count)), signature, format.rawValue)
        }
    }

    func testLaidOutDOTHasPositions() throws {
        let output = try renderer.renderString(dot: simple, format: .dot)
        XCTAssertTrue(output.hasPrefix("digraph {\n"))
        XCTAssertTrue(output.contains("graph [bb=\"0,0,54,108\"];"))
        XCTAssertTrue(output.contains("pos=\"27,90\""))
        XCTAssertTrue(output.contains("a -> b\t[pos=\"e,27,36.104"))
    }

    func testCanonOutputIsExactAndRoundTrips() throws {
        let canon = try renderer.renderString(dot: simple, format: .canon)
        XCTAssertEqual(canon, "digraph {\n\tnode [label=\"\\N\"];\n\ta -> b;\n}\n")
        XCTAssertEqual(try renderer.renderString(dot: canon, format: .canon), canon)
        XCTAssertEqual(
            try renderer.render(dot: canon), try renderer.render(dot: simple),
            "canonical DOT lays out exactly like the original")
    }

    // MARK: Concurrency and determinism

    func testConcurrentRendersAllSucceedWithIdenticalBytes() throws {
        let expected = try renderer.render(dot: simple)
        let dot = simple
        let results = Results(count: 50)
        DispatchQueue.concurrentPerform(iterations: 50) { index in
            results.set(index, Result { try GraphvizRenderer().render(dot: dot) })
        }
        let outcomes = results.all
        XCTAssertEqual(outcomes.count, 50)
        for (index, outcome) in outcomes.enumerated() {
            let bytes = try XCTUnwrap(outcome, "render \(index) did not run").get()
            XCTAssertTrue(bytes == expected, "render \(index) differs")
        }
    }

    func testSameInputRendersIdenticalBytesTwice() throws {
        let dot = "digraph { rankdir=LR; a -> b -> c; a -> c [label=\"x\"] }"
        let first = try renderer.render(dot: dot)
        let second = try renderer.render(dot: dot)
        XCTAssertFalse(first.isEmpty)
        XCTAssertTrue(first == second, "second render differs")
    }

    /// Layouts walk subgraphs in id order. With cgraph's default ids (the
    /// addresses of the names) the order of many cluster boxes followed where
    /// malloc put their names, so a render after other work could come out
    /// different. `SequentialIDs` numbers names in the order they are read:
    /// after the heap is stirred with names of every nearby size, freed in a
    /// scattered order, the render is byte for byte the first one.
    func testClusterOrderDoesNotDependOnTheHeap() throws {
        let clusters = (1...40).map { index in
            "subgraph \"cluster_\(index)\" { label=\"C\(index)\"; n\(index)a -> n\(index)b }"
        }
        let dot = "digraph { " + clusters.joined(separator: " ") + " n1a -> n2a; n3b -> n40a }"
        for layout in [Layout.sfdp, .dot] {
            let first = try renderer.render(dot: dot, layout: layout)
            for round in 0..<3 {
                var blocks: [UnsafeMutableRawPointer?] = []
                for size in 16..<96 { for _ in 0..<24 { blocks.append(malloc(size)) } }
                for (index, block) in blocks.enumerated() where (index * 7 + round) % 3 == 0 { free(block) }
                let again = try renderer.render(dot: dot, layout: layout)
                for (index, block) in blocks.enumerated() where (index * 7 + round) % 3 != 0 { free(block) }
                XCTAssertTrue(again == first, "\(layout) render \(round + 2) differs after the heap changed")
            }
        }
    }

    // MARK: Helpers

    private func assertWellFormedXML(
        _ text: String, _ context: String = "", file: StaticString = #filePath, line: UInt = #line
    ) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        XCTAssertTrue(
            ok, "\(context) not well-formed: \(String(describing: parser.parserError))",
            file: file, line: line)
    }
}

/// Per-index result slots written from concurrentPerform, guarded by a lock.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[UInt8], any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[UInt8], any Error>) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
    }

    var all: [Result<[UInt8], any Error>?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
