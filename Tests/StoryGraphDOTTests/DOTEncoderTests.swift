import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import StoryGraph
@testable import StoryGraphDOT
import StoryGraphTestSupport

final class DOTEncoderTests: XCTestCase {
    /// Index: record
    ///   0 Alpha  ↔ 1 Beta (mutual), 0 → 2 Gamma (one-way, Gamma unpublished)
    ///   1 Beta   → gone.example/x (dangling: ghost d0), → javascript: (malformed, no ghost)
    ///   3 Epsilon → 4 (webUrl javascript:, reached and linked through its https originalUrl)
    ///   5 Gee    singleton with an ftp:// URL
    /// Clusters: 1 = {0, 1, 2}, 2 = {3, 4}, 3 = {5}.
    private var analysis: Analysis {
        let records = [
            Record(file: "a.md", title: "Alpha", publishedDateTime: "2024-01-01T10:00:00Z",
                   urls: ArticleURLs(webUrl: "https://example.com/a"), published: true,
                   provider: Provider(name: "Wire"),
                   related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://example.com/b")),
                             Stub(line: 3, urls: ArticleURLs(webUrl: "https://example.com/c"))]),
            Record(file: "b.md", title: "Beta", urls: ArticleURLs(webUrl: "https://example.com/b"),
                   related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://example.com/a")),
                             Stub(line: 3, title: "Missing piece", urls: ArticleURLs(webUrl: "https://gone.example/x")),
                             Stub(line: 4, title: "Evil", urls: ArticleURLs(webUrl: "javascript:alert(1)"))]),
            Record(file: "c.md", title: "Gamma", urls: ArticleURLs(webUrl: "https://example.com/c"), published: false),
            Record(file: "e.md", title: "Epsilon", urls: ArticleURLs(webUrl: "https://example.com/e"),
                   related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://example.com/f"))]),
            Record(file: "f.md", title: "Phi",
                   urls: ArticleURLs(webUrl: "javascript:alert(2)", originalUrl: "https://example.com/f")),
            Record(file: "g.md", title: "Gee", urls: ArticleURLs(webUrl: "ftp://example.com/g")),
        ]
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The line that declares a node (`r0 [` or `d0 [`), trimmed.
    private func nodeLine(_ id: String, in dot: String) -> String? {
        let lines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let matching = lines.filter { $0.hasPrefix(id + " [") }
        XCTAssertLessThanOrEqual(matching.count, 1, "\(id) declared more than once")
        return matching.first
    }

    /// The text of `subgraph cluster_<id> { … }` (up to its closing brace).
    private func block(_ id: String, in dot: String) -> String? {
        guard let start = dot.range(of: "subgraph cluster_\(id) {") else { return nil }
        guard let end = dot.range(of: "\n  }\n", range: start.upperBound..<dot.endIndex) else { return nil }
        return String(dot[start.lowerBound..<end.upperBound])
    }

    // MARK: Structure

    func testStructureOfTheWholeGraph() throws {
        let dot = DOTEncoder().encode(analysis)
        XCTAssertTrue(dot.hasPrefix("digraph storygraph {\n"))
        XCTAssertTrue(dot.hasSuffix("}\n"))
        XCTAssertEqual(occurrences(of: "subgraph cluster_1 {", in: dot), 1)
        XCTAssertEqual(occurrences(of: "subgraph cluster_2 {", in: dot), 1)
        XCTAssertEqual(occurrences(of: "subgraph cluster_3", in: dot), 0, "a singleton is not boxed")
        XCTAssertEqual(occurrences(of: "subgraph cluster_", in: dot), 2, "clusters 1 and 2; the legend is no cluster")

        let one = try XCTUnwrap(block("1", in: dot))
        for id in ["r0", "r1", "r2", "d0"] { XCTAssertTrue(one.contains("\n    \(id) ["), "\(id) in cluster 1") }
        for id in ["r3", "r4", "r5"] { XCTAssertFalse(one.contains("\(id) ["), "\(id) not in cluster 1") }
        XCTAssertTrue(one.contains("label=\"Cluster 1 · 3 articles · 2024-01-01\""), one)
        let two = try XCTUnwrap(block("2", in: dot))
        for id in ["r3", "r4"] { XCTAssertTrue(two.contains("\n    \(id) ["), "\(id) in cluster 2") }
        XCTAssertNotNil(nodeLine("r5", in: dot))
        XCTAssertEqual(occurrences(of: "d1 [", in: dot), 0, "one ghost only: the javascript: stub is malformed")
    }

    func testEdges() {
        let dot = DOTEncoder().encode(analysis)
        let edgeLines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.contains(" -> ") && !$0.hasPrefix("legend_") }
        XCTAssertEqual(edgeLines, [
            "r0 -> r1 [dir=both];",
            "r0 -> r2 [style=dashed];",
            "r3 -> r4 [style=dashed];",
            "r1 -> d0 [style=dashed, color=\"#c53030\"];",
        ])
        XCTAssertEqual(occurrences(of: "r1 -> r0", in: dot), 0, "a mutual pair is one edge")
    }

    func testGhostNode() throws {
        let dot = DOTEncoder().encode(analysis)
        let ghost = try XCTUnwrap(nodeLine("d0", in: dot))
        XCTAssertTrue(ghost.contains("label=\"Missing piece\\nmissing\""), ghost)
        XCTAssertTrue(ghost.contains("tooltip=\"dangling: gone.example/x\""), ghost)
        XCTAssertTrue(ghost.contains("style=\"rounded,dashed\""), ghost)
        XCTAssertTrue(ghost.contains("color=\"#c53030\""), ghost)
        XCTAssertTrue(ghost.contains("URL=\"https://gone.example/x\""), ghost)
    }

    func testNodeAttributes() throws {
        let dot = DOTEncoder().encode(analysis)
        let alpha = try XCTUnwrap(nodeLine("r0", in: dot))
        XCTAssertTrue(alpha.hasPrefix("r0 [label=\"Alpha\\n2024-01-01 · Wire\", "), alpha)
        XCTAssertTrue(alpha.contains("tooltip=\"Alpha\\nWire · 2024-01-01 10:00\""), alpha)
        XCTAssertTrue(alpha.contains("URL=\"https://example.com/a\""), alpha)
        XCTAssertTrue(alpha.contains("fillcolor=\"#8dd3c7\""), "the first provider's colour: \(alpha)")
        XCTAssertTrue(alpha.hasSuffix(", fontsize=11.5];"), "degree 2: 8 + 2·√2 points: \(alpha)")

        let gamma = try XCTUnwrap(nodeLine("r2", in: dot))
        XCTAssertTrue(gamma.contains("tooltip=\"Gamma\\nc.md\""), gamma)
        XCTAssertTrue(gamma.contains("label=\"Gamma\\nunpublished\""), gamma)
        XCTAssertTrue(gamma.contains("URL=\"https://example.com/c\""), gamma)
        XCTAssertTrue(gamma.contains("fillcolor=\"#e2e8f0\""), "unpublished records are grey: \(gamma)")

        let phi = try XCTUnwrap(nodeLine("r4", in: dot))
        XCTAssertTrue(phi.contains("URL=\"https://example.com/f\""), "the first http(s) URL is the link: \(phi)")
        let gee = try XCTUnwrap(nodeLine("r5", in: dot))
        XCTAssertFalse(gee.contains("URL="), "ftp: URL must not become a link: \(gee)")

        XCTAssertEqual(occurrences(of: "URL=", in: dot), 6, "r0 to r4 and the ghost, not r5")
        XCTAssertFalse(dot.contains("javascript:"))
        XCTAssertFalse(dot.contains("ftp:"))
    }

    func testLegendAndCaption() {
        let dot = DOTEncoder().encode(analysis)
        XCTAssertEqual(occurrences(of: "subgraph legend {", in: dot), 1)
        XCTAssertTrue(dot.contains("legend_m1 -> legend_m2 [dir=both"))
        XCTAssertTrue(dot.contains("legend_o1 -> legend_o2 [style=dashed"))
        XCTAssertTrue(dot.contains("legend_d1 -> legend_d2 [style=dashed, color=\"#c53030\""))
        XCTAssertTrue(dot.contains("label=\"6 articles · 4 links · 1 mutual · 2 one-way · 1 dangling\""))

        let bare = DOTEncoder(options: .init(legend: false)).encode(analysis)
        XCTAssertFalse(bare.contains("legend"))
        XCTAssertEqual(occurrences(of: "subgraph cluster_", in: bare), 2)
    }

    func testOneClusterOnly() throws {
        let dot = DOTEncoder(options: .init(cluster: 2)).encode(analysis)
        XCTAssertNotNil(nodeLine("r3", in: dot))
        XCTAssertNotNil(nodeLine("r4", in: dot))
        for id in ["r0", "r1", "r2", "r5", "d0"] { XCTAssertNil(nodeLine(id, in: dot), "\(id) is not in cluster 2") }
        XCTAssertEqual(occurrences(of: "subgraph cluster_2 {", in: dot), 1)
        XCTAssertEqual(occurrences(of: "subgraph cluster_1", in: dot), 0)
        XCTAssertTrue(dot.contains("label=\"Cluster 2: 2 articles: Epsilon\""))
        XCTAssertEqual(occurrences(of: " -> r", in: dot), 1)
        XCTAssertTrue(dot.contains("  r3 -> r4 [style=dashed];\n"))

        let first = DOTEncoder(options: .init(cluster: 1)).encode(analysis)
        XCTAssertNotNil(nodeLine("d0", in: first), "cluster 1 keeps the ghost of its dangling link")
        XCTAssertNil(nodeLine("r3", in: first))

        let singleton = DOTEncoder(options: .init(cluster: 3)).encode(analysis)
        XCTAssertNotNil(nodeLine("r5", in: singleton))
        XCTAssertNil(nodeLine("r0", in: singleton))
        XCTAssertTrue(singleton.contains("label=\"Cluster 3: 1 article: Gee\""))

        let missing = DOTEncoder(options: .init(cluster: 99)).encode(analysis)
        for id in ["r0", "r1", "r2", "r3", "r4", "r5", "d0"] { XCTAssertNil(nodeLine(id, in: missing)) }
        XCTAssertTrue(missing.contains("label=\"Cluster 99: 0 articles\""))
    }

    func testEncodingIsDeterministic() {
        let encoder = DOTEncoder()
        let once = encoder.encode(analysis)
        XCTAssertEqual(encoder.encode(analysis), once)
        XCTAssertEqual(DOTEncoder().encode(analysis), once)
        XCTAssertEqual(DOTEncoder(options: .init(cluster: 1)).encode(analysis),
                       DOTEncoder(options: .init(cluster: 1)).encode(analysis))
    }

    func testGraphvizAcceptsTheGraph() throws {
        let result = try Subprocess.dot(["-Tcanon"], stdin: Data(DOTEncoder().encode(analysis).utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    // MARK: Hostile input

    static let hostileTitle = "<script>alert('x')</script> \"Quoted\" & <b>bold</b> \\ back\nslash"

    private var hostileAnalysis: Analysis {
        let huge = String(repeating: "word ", count: 1_600_000)   // 8,000,000 characters
        let records = [
            Record(file: "h.md", title: Self.hostileTitle, excerpt: huge,
                   publishedDateTime: "2024-03-03T03:03:03Z\"><script>alert(3)</script>",
                   urls: ArticleURLs(webUrl: "javascript:alert(document.cookie)", originalUrl: "https://example.com/h"),
                   provider: Provider(name: "</title><script>alert(1)</script> & \\"),
                   related: [
                       Stub(line: 2, title: Self.hostileTitle, urls: ArticleURLs(webUrl: "https://example.com/i?y=<2>&x=1")),
                       Stub(line: 3, title: Self.hostileTitle, urls: ArticleURLs(webUrl: "https://gone.example/<script>?a=1&b=\"2\"")),
                       Stub(line: 4, title: "js", urls: ArticleURLs(webUrl: "javascript:alert(4)")),
                   ]),
            Record(file: "i.md", title: Self.hostileTitle + " " + huge, excerpt: huge,
                   urls: ArticleURLs(webUrl: "https://example.com/i?x=1&y=<2>"),
                   related: [
                       Stub(line: 2, urls: ArticleURLs(webUrl: "https://example.com/h")),
                       Stub(line: 3, title: huge, urls: ArticleURLs(webUrl: "https://gone.example/" + String(repeating: "a", count: 8_000_000))),
                   ]),
            Record(file: "j\"&<x>.md", urls: ArticleURLs(webUrl: "data:text/html,<script>alert(5)</script>")),
        ]
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
    }

    func testHostileTitlesSurviveGraphviz() throws {
        let analysis = hostileAnalysis
        let dot = DOTEncoder().encode(analysis)
        XCTAssertEqual(DOTEncoder().encode(analysis), dot, "same analysis → same DOT")
        XCTAssertLessThan(dot.utf8.count, 20_000, "huge texts are shortened")
        XCTAssertFalse(dot.contains("javascript:"))
        XCTAssertFalse(dot.contains("data:"))

        let canon = try Subprocess.dot(["-Tcanon"], stdin: Data(dot.utf8))
        XCTAssertEqual(canon.status, 0, canon.stderr)

        let svg = try Subprocess.dot(["-Tsvg"], stdin: Data(dot.utf8))
        XCTAssertEqual(svg.status, 0, svg.stderr)
        let text = try XCTUnwrap(String(data: svg.stdout, encoding: .utf8))
        XCTAssertFalse(text.contains("<script"), "raw <script> in the SVG")
        XCTAssertTrue(text.contains("&lt;script&gt;"))
        XCTAssertFalse(text.lowercased().contains("javascript:"))

        let collector = SVGCollector()
        let parser = XMLParser(data: svg.stdout)
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        // Exactly the http(s) links, percent-encoded; no javascript: or data: URL.
        XCTAssertEqual(collector.hrefs.sorted(), [
            "https://example.com/h",
            "https://example.com/i?x=1&y=%3C2%3E",
            "https://gone.example/%3Cscript%3E?a=1&b=%222%22",
        ])
        XCTAssertFalse(collector.elements.contains("script"))
        // The title reaches the reader as literal text, wrapped at word boundaries.
        XCTAssertTrue(collector.texts.contains("<script>alert('x')</script>"), "\(collector.texts)")
        XCTAssertTrue(collector.texts.contains("\"Quoted\" & <b>bold</b> \\"), "\(collector.texts)")
        XCTAssertTrue(collector.texts.contains("back slash"), "\(collector.texts)")
    }
}

/// Collects what an SVG parse saw: element names, `<text>` contents and link targets.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: Set<String> = []
    var hrefs: [String] = []
    var texts: [String] = []
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        elements.insert(elementName.lowercased())
        for (name, value) in attributes where name == "href" || name.hasSuffix(":href") { hrefs.append(value) }
        if elementName == "text" { text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "text", let done = text { texts.append(done) }
        text = nil
    }
}
