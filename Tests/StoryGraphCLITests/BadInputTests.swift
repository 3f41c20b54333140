import Foundation
import StoryGraphTestSupport
import XCTest

/// Hostile text reaches no output unescaped; bad options are usage errors.
/// (Bad files: HostileInputTests.)
final class BadInputTests: XCTestCase {
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

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try CLI.storygraph(["analyze", "no/such/folder"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--fail-on", "no-such-kind"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["render", "seeds", "--cluster", "9"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["analyze", "--jobs", "0"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["analyze", "--bogus"]).status, 2)
        let missing = try CLI.storygraph(["check", "no/such/folder"])
        XCTAssertTrue(missing.stderr.contains("no such file or directory: no/such/folder"), missing.stderr)
    }
}
