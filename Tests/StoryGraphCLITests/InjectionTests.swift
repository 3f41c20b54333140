import Foundation
import StoryGraphTestSupport
import XCTest

/// Titles, excerpts, providers and URLs full of DOT, SVG, HTML, CSV and XML
/// metacharacters, `<script>`, event handlers, `javascript:`/`data:`/`vbscript:`
/// URLs and control characters reach the diagrams only as text:
/// - the DOT file parses, and has exactly the nodes and edges that the same
///   records with plain titles give (no title added a node, an edge or an attribute);
/// - every diagram parses (Python's XML parser for SVG; `.html` with its HTML
///   parser), holds no script, handler or embedded document, and links only to http(s).
///
/// index.html (which carries the page's own script and relative links) is covered by
/// DiagramOutputTests through `Tests/Consumers/read_html.py`; exports and the check
/// formats by ExportCommandTests.testHostileTextRoundTrips
/// and CheckOptionsTests.testHostileTextIsEscapedForGitHubAndJUnit.
final class InjectionTests: XCTestCase {
    /// The diagrams a run writes, by the command that writes them; a new output (an
    /// index.html, per-cluster SVGs) is one more entry.
    static func diagrams(_ records: String, into folder: URL) -> [(arguments: [String], files: [String])] {
        let out = folder.path
        return [
            (["analyze", records, "--output", out], [out + "/graph.svg", out + "/clusters/1.svg"]),
            (["render", records, "--format", "svg", "--layout", "neato", "-o", out + "/neato.svg"], [out + "/neato.svg"]),
            (["render", records, "--format", "svg", "--cluster", "1", "-o", out + "/cluster1.svg"], [out + "/cluster1.svg"]),
        ]
    }

    /// Four records that link to one another, and a dangling stub: every field a diagram shows is hostile.
    static func hostileRecords(plain: Bool) -> [String: String] {
        func title(_ hostile: String, _ index: Int) -> String { plain ? "\"Title \(index)\"" : hostile }
        let links = (1...4).map { "  - title: \(title(#""<i>stub</i> \"x\" & \\N""#, 0))\n    webUrl: \"https://example.com/inj/\($0)\"" }
            .joined(separator: "\n")
        let ghost = "  - title: \(title(#""<img src=x onerror=alert(1)> \" ]]>""#, 9))\n    webUrl: \"https://evil.example/a\\\"onclick=\\\"alert(1)\"\n"
            + "  - webUrl: \"javascript:alert(1)\"\n  - webUrl: \" JaVaScRiPt:alert(2)\""
        func record(_ index: Int, _ hostileTitle: String, urls: String, provider: String) -> String {
            """
            ---
            title: \(title(hostileTitle, index))
            excerpt: \(plain ? "\"plain\"" : #""<script>alert('excerpt')</script> ]]> --> <!--""#)
            publishedDateTime: \(plain ? "2024-01-0\(index)" : #""2024-01-0\#(index)\"><script>x</script>""#)
            webUrl: "https://example.com/inj/\(index)"
            \(urls)
            provider:
              name: \(plain ? "\"Provider \(index)\"" : provider)
              domain: "example.com"
            published: \(index == 4 ? "false" : "true")
            related:
            \(links)
            \(index == 1 ? ghost : "")
            ---

            """
        }
        return [
            "1.md": record(1, #""\"}; node [label=<<b>x</b>>]; a -> b; // \\G \\L \\\\""#,
                           urls: #"originalUrl: "javascript:alert(document.cookie)""#,
                           provider: #""P</title><script>alert(1)</script>""#),
            "2.md": record(2, #""<svg onload=alert(1)><![CDATA[ x ]]> &lt; &#60; &amp;""#,
                           urls: "ampWebUrl: \"data:text/html,<script>alert(1)</script>\"\ncdnAmpWebUrl: \"vbscript:msgbox(1)\"",
                           provider: #""<a href='javascript:alert(1)'>p</a>""#),
            "3.md": record(3, #""\x01\x1b[31mred\x7f \u202Eevil\u2028line \t tab""#,
                           urls: #"originalUrl: "https://example.com/inj/3#\"onmouseover=\"alert(1)""#,
                           provider: #""\x00nul""#),
            "4.md": record(4, #""=HYPERLINK(\"http://evil.example\",\"x\"),\"a\"\"b\" <!ENTITY x SYSTEM \"file:///etc/passwd\">""#,
                           urls: #"originalUrl: "https://example.com/inj/4?q=\"><svg/onload=alert(1)>""#,
                           provider: #""P & <Q>""#),
        ]
    }

    func testHostileTextIsOnlyTextInEveryDiagram() throws {
        var shapes: [[String: [String: Int]]] = []
        for plain in [true, false] {
            let folder = try CLI.temporaryFolder(self)
            let records = folder.appendingPathComponent("records")
            for (name, text) in Self.hostileRecords(plain: plain) {
                try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: records.appendingPathComponent(name))
            }
            var files: [String] = []
            for (arguments, written) in Self.diagrams(records.path, into: folder.appendingPathComponent("out")) {
                let run = try CLI.storygraph(arguments)
                XCTAssertEqual(run.status, 0, "\(arguments[0]): \(run.stderr)")
                files += written
            }
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/report.json"))) as? [String: Any])
            XCTAssertEqual((report["summary"] as? [String: Any])?["records"] as? Int, 4, "every hostile record loads")

            // Graphviz reads the DOT, with as many nodes and edges as plain titles give.
            let dot = try Data(contentsOf: folder.appendingPathComponent("out/graph.dot"))
            XCTAssertEqual(try Subprocess.dot(["-Tcanon"], stdin: dot).status, 0)
            let counted = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/gc"), ["-n", "-e", "-c"], stdin: dot)
            XCTAssertEqual(counted.status, 0, counted.stderr)

            let script = CLI.packageRoot.appendingPathComponent("Tests/Consumers/active_content.py").path
            let read = try CLI.python([script] + files)
            XCTAssertEqual(read.status, 0, read.stderr)
            let results = try XCTUnwrap(try JSONSerialization.jsonObject(with: read.stdout) as? [String: [String: Any]])
            // gc's "nodes edges components" line.
            var shape: [String: [String: Int]] = ["graph.dot": [counted.text.trimmingCharacters(in: .whitespacesAndNewlines): 1]]
            for file in files {
                let name = (file as NSString).lastPathComponent
                let result = try XCTUnwrap(results[file], name)
                XCTAssertEqual(result["parsed"] as? Bool, true, "\(name): \(result["error"] ?? "")")
                XCTAssertEqual(result["active"] as? [String], [], "\(name) holds active content")
                XCTAssertEqual(result["handlers"] as? [String], [], "\(name) holds event handlers")
                let links = try XCTUnwrap(result["links"] as? [String])
                XCTAssertFalse(links.isEmpty, "\(name) links its articles")
                for link in links {
                    let scheme = link.lowercased()
                    XCTAssertTrue(scheme.hasPrefix("https://") || scheme.hasPrefix("http://"), "\(name): href \(link)")
                }
                shape[name] = result["counts"] as? [String: Int] ?? [:]
                if !plain {
                    // The markup is there, as text a reader sees.
                    let text = try XCTUnwrap(result["text"] as? String)
                    XCTAssertTrue(text.contains("onload=alert(1)><![CDATA["), "\(name): \(text.prefix(500))")
                }
            }
            shapes.append(shape)
        }
        XCTAssertEqual(shapes[1], shapes[0], "hostile titles changed the diagrams' structure")
    }

    func testHostileTitlesReachNoOutputUnescaped() throws {
        let folder = try CLI.temporaryFolder(self)
        let hostile = #"<script>alert('x')</script> \"Quoted\" & <b>bold</b> \\ back"#
        let record = """
        ---
        title: "\(hostile)\\nslash"
        webUrl: "javascript:alert(1)"
        originalUrl: "https://example.com/a?x=1&y=<2>"
        related:
          - title: "\(hostile)"
            webUrl: "https://example.com/gone?q=\\"<&>"
        ---

        """
        try Data(record.utf8).write(to: folder.appendingPathComponent("hostile.md"))
        let output = folder.appendingPathComponent("out")
        let result = try CLI.storygraph(["analyze", folder.path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let svgData = try CLI.assertValidDiagrams(in: output)
        let svg = String(decoding: svgData, as: UTF8.self)
        XCTAssertFalse(svg.contains("<script"), "a title became markup")
        XCTAssertFalse(svg.contains("<b>"), "a title became markup")
        XCTAssertFalse(svg.contains("javascript:"), "a javascript: URL reached the SVG")
        XCTAssertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), svg)
        // The report is JSON: the title survives exactly.
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json"))) as? [String: Any])
        let clusters = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertTrue(clusters.contains { ($0["message"] as? String)?.contains(#"<script>alert('x')</script> "Quoted" & <b>bold</b> \ back"#) == true })
    }
}
