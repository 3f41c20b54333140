import Foundation
import StoryGraphTestSupport
import XCTest

/// What `analyze` draws beside the report: one diagram per cluster, the
/// overview, index.html; and `render`'s other pictures (a neighbourhood, PNG, PDF).
final class DiagramOutputTests: XCTestCase {
    static let hostile = "<script>alert('x')</script> \"Quoted\" & <b>bold</b>"

    /// Two records linking each other, both with the hostile title (and
    /// hostile excerpt, provider and topic), one of them with a dangling stub titled the same.
    private func hostileFolder() throws -> URL {
        let folder = try CLI.temporaryFolder(self)
        let yaml = "\"<script>alert('x')</script> \\\"Quoted\\\" & <b>bold</b>\""
        func record(_ name: String, _ other: String, extra: String = "") -> String {
            """
            ---
            title: \(yaml)
            excerpt: "<img src=x onerror=alert(1)> & </td></tr></table><script>alert(2)</script>"
            publishedDateTime: 2024-03-0\(name == "a" ? 1 : 2)T10:00:00Z
            webUrl: "https://example.com/\(name)?q=<script>"
            published: true
            provider:
              name: \(yaml)
            topics:
              - \(yaml)
            related:
              - title: \(yaml)
                webUrl: "https://example.com/\(other)?q=<script>"
            \(extra)---

            """
        }
        try Data(record("a", "b", extra: "  - title: \(yaml)\n    webUrl: \"javascript:alert(3)\"\n  - title: \(yaml)\n    webUrl: \"https://gone.example/<b>\"\n").utf8)
            .write(to: folder.appendingPathComponent("a.md"))
        try Data(record("b", "a").utf8).write(to: folder.appendingPathComponent("b.md"))
        return folder
    }

    func testHostileTitleIsEscapedInDOTSVGAndHTML() throws {
        let input = try hostileFolder()
        let output = input.appendingPathComponent("out")
        let result = try CLI.storygraph(["analyze", input.path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.text.contains("storygraph: 2 records, 4 related links → 2 edges"), result.text)

        for name in ["graph", "clusters/1"] {
            let dot = try Data(contentsOf: output.appendingPathComponent(name + ".dot"))
            let canon = try Subprocess.dot(["-Tcanon"], stdin: dot)
            XCTAssertEqual(canon.status, 0, "\(name).dot: \(canon.stderr)")
            XCTAssertTrue(String(decoding: dot, as: UTF8.self).contains("<script>alert('x')</script> \\\"Quoted\\\" &amp; <b>bold</b>"), name)
            let svgData = try Data(contentsOf: output.appendingPathComponent(name + ".svg"))
            try XMLCheck.assertWellFormed(svgData)
            let svg = String(decoding: svgData, as: UTF8.self)
            XCTAssertFalse(svg.contains("<script"), "\(name).svg")
            XCTAssertFalse(svg.contains("<b>"), "\(name).svg")
            XCTAssertFalse(svg.contains("<img"), "\(name).svg")
            XCTAssertFalse(svg.contains("javascript:"), "\(name).svg")
            XCTAssertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "\(name).svg")
        }

        let page = try read(output.appendingPathComponent("index.html"))
        let tags = try XCTUnwrap(page["tags"] as? [String: Int])
        XCTAssertEqual(tags["script"], 1, "only the page's own script")
        XCTAssertNil(tags["b"], "no <b> from the data")
        XCTAssertNil(tags["img"].flatMap { $0 > 1 ? $0 : nil }, "only the overview's <img>")
        let scripts = try XCTUnwrap(page["scripts"] as? [String])
        XCTAssertFalse(scripts[0].contains("alert"), "no data in the script")
        let attributes = try XCTUnwrap(page["attributes"] as? [String])
        XCTAssertFalse(attributes.contains { $0.hasPrefix("on") }, "no event handler attribute: \(attributes)")
        let links = try XCTUnwrap(page["links"] as? [String])
        XCTAssertFalse(links.contains { $0.lowercased().contains("javascript") }, "\(links)")
        XCTAssertTrue(links.contains("https://example.com/a?q=<script>"), "the URL, unescaped by the parser: \(links)")
        let text = try XCTUnwrap(page["text"] as? String)
        XCTAssertTrue(text.contains(Self.hostile), "the title reaches the reader as text")
        XCTAssertTrue(text.contains("\(Self.hostile) (2)"), "the provider column")
    }

    func testOneValidDiagramPerClusterOfARealArchive() throws {
        let corpus = try CLI.shared().appendingPathComponent("corpus/everyday-ai").path
        let output = try CLI.temporaryFolder(self)
        XCTAssertEqual(try CLI.storygraph(["analyze", corpus, "--output", output.path, "--format", "json"]).status, 0)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json"))) as? [String: Any])
        let ids = try XCTUnwrap(report["clusters"] as? [[String: Any]]).map { $0["id"] as! Int }
        XCTAssertEqual(ids, [1, 2, 3])
        let files = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("clusters").path).sorted()
        XCTAssertEqual(files, ["1.dot", "1.svg", "2.dot", "2.svg", "3.dot", "3.svg"])
        for id in ids {
            let svg = try Data(contentsOf: output.appendingPathComponent("clusters/\(id).svg"))
            try XMLCheck.assertWellFormed(svg)
            XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains(">Cluster \(id): "), "cluster \(id)'s caption")
            let canon = try Subprocess.dot(["-Tcanon"], stdin: try Data(contentsOf: output.appendingPathComponent("clusters/\(id).dot")))
            XCTAssertEqual(canon.status, 0, canon.stderr)
        }
        let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        for id in ids { XCTAssertTrue(html.contains("<a href=\"clusters/\(id).svg\">diagram</a>"), "row \(id) links its diagram") }

        // A cap keeps the largest; the files of an earlier run beyond it are removed; the page says so.
        XCTAssertEqual(try CLI.storygraph(["analyze", corpus, "--output", output.path, "--max-diagrams", "1"]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("clusters").path).sorted(), ["1.dot", "1.svg"])
        let capped = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(capped.contains("The 1 largest of 3 clusters have a diagram (--max-diagrams)."), capped)
        XCTAssertFalse(capped.contains("clusters/2.svg"))
    }

    /// everyday-ai has 24 articles: every one is drawn by default (up to 500), boxes above a limit of 23.
    func testSameBytesWhateverTheThreadCount() throws {
        let corpus = try CLI.shared().appendingPathComponent("corpus/everyday-ai").path
        let (one, two) = (try CLI.temporaryFolder(self), try CLI.temporaryFolder(self))
        XCTAssertEqual(try CLI.storygraph(["analyze", corpus, "--output", one.path, "--jobs", "1"]).status, 0)
        XCTAssertEqual(try CLI.storygraph(["analyze", corpus, "--output", two.path, "--jobs", "2"]).status, 0)
        for name in ["index.html", "graph.dot", "graph.svg", "clusters/1.dot", "clusters/1.svg", "clusters/3.svg"] {
            XCTAssertEqual(try Data(contentsOf: one.appendingPathComponent(name)), try Data(contentsOf: two.appendingPathComponent(name)), name)
        }
    }

    func testOverviewSwitchesToTheClusterGraphAboveTheLimit() throws {
        let corpus = try CLI.shared().appendingPathComponent("corpus/everyday-ai").path
        let every = try CLI.storygraph(["render", corpus, "--format", "dot"])
        XCTAssertEqual(every.status, 0, every.stderr)
        XCTAssertTrue(every.text.contains("subgraph cluster_1 {"))
        let boxes = try CLI.storygraph(["render", corpus, "--format", "dot", "--overview-limit", "23"])
        XCTAssertTrue(boxes.text.contains("label=\"Overview: 24 articles in 3 clusters of two or more and 0 singletons · one box per cluster ·"), boxes.text.prefix(400).description)
        XCTAssertTrue(boxes.text.contains("  c1 [label="))
        XCTAssertTrue(boxes.text.contains("  c3 [label="))
        XCTAssertFalse(boxes.text.contains("  r0 ["), "no article node")
        let svg = try CLI.storygraph(["render", corpus, "--overview-limit", "23"])
        XCTAssertEqual(svg.status, 0, svg.stderr)
        try XMLCheck.assertWellFormed(svg.stdout)
    }

    func testNeighbourhoodOfOneArticle() throws {
        let url = "http://www.techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china?utm_source=x"
        let alone = try CLI.storygraph(["render", "seeds", "--around", url, "--depth", "0", "--format", "dot"])
        XCTAssertEqual(alone.status, 0, alone.stderr)
        XCTAssertTrue(alone.text.contains("label=\"Around “Alibaba staffer offers a glimpse into building LLMs in China”: 1 article within 0 links\""), alone.text)
        XCTAssertTrue(alone.text.contains("r0 [") && !alone.text.contains("r1 ["))
        let both = try CLI.storygraph(["render", "seeds", "--around", url, "--format", "dot"])
        XCTAssertTrue(both.text.contains(": 2 articles within 1 link\""), both.text)
        XCTAssertTrue(both.text.contains("penwidth=3"), "the article it starts from stands out")
        let unknown = try CLI.storygraph(["render", "seeds", "--around", "https://nowhere.example/x"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--around https://nowhere.example/x: no article has this URL"), unknown.stderr)
    }

    func testPNGAndPDFThroughLibgvc() throws {
        let folder = try CLI.temporaryFolder(self)
        for (format, magic) in [("png", [0x89, 0x50, 0x4E, 0x47] as [UInt8]), ("pdf", Array("%PDF".utf8))] {
            let file = folder.appendingPathComponent("seeds.\(format)")
            let result = try CLI.storygraph(["render", "seeds", "--cluster", "1", "--format", format, "-o", file.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let bytes = try Data(contentsOf: file)
            XCTAssertEqual(Array(bytes.prefix(4)), magic, format)
            XCTAssertGreaterThan(bytes.count, 1_000, format)
        }
    }

    /// index.html as Python's html.parser reads it (Tests/Consumers/read_html.py).
    private func read(_ page: URL) throws -> [String: Any] {
        let script = CLI.packageRoot.appendingPathComponent("Tests/Consumers/read_html.py").path
        let result = try CLI.python([script, page.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try result.json()
    }
}
