import Foundation
import StoryGraphTestSupport
import XCTest

/// Bad files are reported with path and line; every good record still loads.
final class BadInputTests: XCTestCase {
    func testBadFilesAreListedAndGoodRecordsLoad() throws {
        let folder = try CLI.temporaryFolder(self)
        let good = try String(contentsOf: CLI.packageRoot.appendingPathComponent("seeds/000_25832b02d12fdacf.txt"), encoding: .utf8)
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try write("a_good.md", Array(good.utf8))
        try write("b_unclosed.md", Array("---\ntitle: never closed\n".utf8))
        try write("c_bad_yaml.md", Array("---\ntitle: ok\nrelated: [unclosed\nwebUrl: x\n---\n".utf8))
        try write("d_utf8.md", Array("---\ntitle: ok\n".utf8) + [0xFF, 0xFE] + Array("\n---\n".utf8))
        try write("e_list.md", Array("---\n- a\n- b\n---\n".utf8))
        try write("f_readme.md", Array("# Notes\nNo front matter here.\n".utf8))
        try write("g_empty.md", [])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("h_dir.md"), withIntermediateDirectories: true)

        let output = folder.appendingPathComponent("out")
        let result = try CLI.storygraph(["analyze", folder.path, "--format", "json", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try result.json()
        let summary = try XCTUnwrap(report["summary"] as? [String: Any])
        XCTAssertEqual(summary["records"] as? Int, 1)
        XCTAssertEqual(summary["links"] as? Int, 1)
        XCTAssertEqual(summary["dangling"] as? Int, 1)
        XCTAssertEqual(summary["unreadable"] as? Int, 4)
        XCTAssertEqual(summary["skipped"] as? Int, 2)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        let located = findings.compactMap { finding -> String? in
            guard let kind = finding["kind"] as? String, kind == "unreadable" || kind == "skipped" else { return nil }
            return "\((finding["file"] as! String).replacingOccurrences(of: folder.path + "/", with: "")):\(finding["line"]!):\(kind)"
        }
        XCTAssertEqual(located, [
            "b_unclosed.md:1:unreadable", "c_bad_yaml.md:4:unreadable", "d_utf8.md:3:unreadable",
            "e_list.md:2:unreadable", "f_readme.md:1:skipped", "g_empty.md:1:skipped",
        ])
        XCTAssertTrue(result.stderr.contains("\(folder.path)/b_unclosed.md:1: unreadable: front matter opened with '---' but never closed"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(folder.path)/d_utf8.md:3: unreadable: invalid UTF-8"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("graph.svg").path))

        let check = try CLI.storygraph(["check", folder.path, "--ignore", "dangling"])
        XCTAssertEqual(check.status, 1, "an unreadable file fails the check")
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
