import Foundation
import StoryGraphTestSupport
import XCTest

/// `storygraph check` options end to end: the config file, --strict,
/// did-you-mean, hostile text in every format, and usage errors (exit 2).
final class CheckOptionsTests: XCTestCase {
    /// Two records: moon.md, and a file (with a comma and a colon in its
    /// name) whose stubs dangle near moon.md and link to it one way.
    private func corpus() throws -> URL {
        let folder = try CLI.temporaryFolder(self)
        try """
        ---
        title: "Moon landing, 50 years on"
        webUrl: "https://news.example.com/2019/07/20/moon-landing-50-years/"
        published: true
        ---

        """.write(to: folder.appendingPathComponent("moon.md"), atomically: true, encoding: .utf8)
        try #"""
        ---
        title: "Space <roundup> & 100% \"odd\""
        webUrl: "https://news.example.com/2019/07/21/space-roundup/"
        related:
          - title: "Moon landing, 50 years on"
            webUrl: "https://other.example.org/moon"
          - title: "Gone\u0001 <b>&\nnext"
            webUrl: "https://news.example.com/2019/07/20/moon-landing-50-yrs/"
          - title: "By date"
            webUrl: "https://news.example.com/2019/07/19/moon-landing-50-years/"
          - webUrl: "https://news.example.com/2019/07/20/moon-landing-50-years/"
        ---

        """#.write(to: folder.appendingPathComponent("links, with: colon.md"), atomically: true, encoding: .utf8)
        return folder
    }

    func testDanglingLinksGetDidYouMeanCandidates() throws {
        let folder = try corpus()
        let result = try CLI.storygraph(["check", ".", "--format", "json"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        let findings = try XCTUnwrap(try result.json()["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["rule"] as? String }, ["dangling", "dangling", "dangling", "asymmetric"])
        let suggestions = findings.prefix(3).map { finding in
            (finding["did_you_mean"] as? [[String: Any]] ?? []).map { "\($0["file"]!) \($0["reason"]!)" }
        }
        XCTAssertEqual(suggestions, [["./moon.md same title"],
                                     ["./moon.md URL differs only in its slug"],
                                     ["./moon.md URL differs only in its date"]])
        let fix = try XCTUnwrap(findings[3]["fix"] as? [String: Any])
        XCTAssertEqual(fix["file"] as? String, "./moon.md")
        XCTAssertEqual(fix["yaml"] as? String, #"""
          - title: "Space <roundup> & 100% \"odd\""
            webUrl: "https://news.example.com/2019/07/21/space-roundup/"

        """#)
    }

    /// Titles with markup, quotes, `%`, a newline and a control character, in a
    /// file whose name has a comma and a colon: GitHub's escaping, and JUnit
    /// XML that Python's parser reads back to the same text.
    func testHostileTextIsEscapedForGitHubAndJUnit() throws {
        let folder = try corpus()
        let github = try CLI.storygraph(["check", ".", "--format", "github"], in: folder)
        XCTAssertEqual(github.status, 1)
        let lines = github.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, github.text)
        XCTAssertEqual(lines[1], "::error file=links%2C with%3A colon.md,line=7,col=5,title=storygraph dangling::"
            + "related link to news.example.com/2019/07/20/moon-landing-50-yrs (\"Gone\u{1} <b>&%0Anext\") names no record"
            + "%0A    did you mean https://news.example.com/2019/07/20/moon-landing-50-years/ \"Moon landing, 50 years on\" "
            + "(./moon.md; URL differs only in its slug)?")
        XCTAssertTrue(lines[3].hasSuffix("%0A  - title: \"Space <roundup> & 100%25 \\\"odd\\\"\""
            + "%0A    webUrl: \"https://news.example.com/2019/07/21/space-roundup/\""), String(lines[3]))

        let junit = try CLI.storygraph(["check", ".", "--format", "junit"], in: folder)
        XCTAssertEqual(junit.status, 1)
        try XMLCheck.assertWellFormed(junit.stdout)
        let read = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
        import json, sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(json.dumps([root.get("failures"), [f.get("message") for f in root.iter("failure")]]))
        """], stdin: junit.stdout)
        XCTAssertEqual(read.status, 0, read.stderr)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: read.stdout) as? [Any])
        XCTAssertEqual(parsed[0] as? String, "4")
        // The control character, which XML cannot hold, is U+FFFD; everything else reads back as written.
        XCTAssertEqual((parsed[1] as? [String])?[1],
                       "related link to news.example.com/2019/07/20/moon-landing-50-yrs (\"Gone\u{FFFD} <b>&\nnext\") names no record")
    }

    func testConfigFileSetsSeveritiesIgnoresAndExcludes() throws {
        let folder = try CLI.temporaryFolder(self)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("seeds"), to: folder.appendingPathComponent("seeds"))
        let config = folder.appendingPathComponent("seeds/.storygraph.yml")
        XCTAssertEqual(try CLI.storygraph(["check", "seeds"], in: folder).status, 0)

        // The seeds' one warning made an error: the check fails.
        try "severity:\n  unpublished-target: error\n".write(to: config, atomically: true, encoding: .utf8)
        let severe = try CLI.storygraph(["check", "seeds"], in: folder)
        XCTAssertEqual(severe.status, 1)
        XCTAssertTrue(severe.text.hasPrefix("seeds/000_25832b02d12fdacf.txt:34:5: error[unpublished-target]: "), severe.text)
        // --ignore on the command line adds to the config.
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--ignore", "unpublished-target"], in: folder).status, 0)
        // An empty --config replaces it; --strict makes the warning fail.
        try "".write(to: folder.appendingPathComponent("empty.yml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--config", "empty.yml"], in: folder).status, 0)
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--config", "empty.yml", "--strict"], in: folder).status, 1)

        // Excluding the unpublished target makes the link dangle instead.
        try "exclude: ['003_*']\nignore: asymmetric\n".write(to: config, atomically: true, encoding: .utf8)
        let excluded = try CLI.storygraph(["check", "seeds", "--format", "json"], in: folder)
        XCTAssertEqual(excluded.status, 1)
        let findings = try XCTUnwrap(try excluded.json()["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["rule"] as? String }, ["dangling"])
        XCTAssertEqual((try excluded.json()["summary"] as? [String: Any])?["records"] as? Int, 1)

        // An explicit --config replaces .storygraph.yml: nothing excluded, nothing dangles.
        let other = folder.appendingPathComponent("other.yml")
        try "strict: false\npaths: ['*.txt']\n".write(to: other, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--config", other.path], in: folder).status, 0)
    }

    func testUsageErrorsExitTwoWithAClearMessage() throws {
        let folder = try CLI.temporaryFolder(self)
        let config = folder.appendingPathComponent("bad.yml")
        let cases: [(String, [String], String)] = [
            ("fail-on: [danglin]\n", ["--config", config.path], "bad.yml: fail-on: unknown rule 'danglin' (rules: unreadable, "),
            ("severity:\n  dangling: fatal\n", ["--config", config.path], "severity: dangling: unknown level 'fatal' (levels: error, warning, notice, off)"),
            ("colour: blue\n", ["--config", config.path], "unknown setting 'colour'"),
            ("fail-on: [\n", ["--config", config.path], "YAML does not parse"),
            ("", ["--config", folder.appendingPathComponent("missing.yml").path], "missing.yml: cannot be read"),
            ("", ["--baseline", folder.appendingPathComponent("missing.json").path], "missing.json cannot be read"),
            ("", ["--baseline", config.path], "is not a storygraph baseline"),
            ("", ["--format", "xml"], "--format"),
            ("", ["--fail-on", "nothing"], "--fail-on"),
        ]
        for (text, arguments, message) in cases {
            try text.write(to: config, atomically: true, encoding: .utf8)
            let result = try CLI.storygraph(["check", "seeds"] + arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout.count, 0)
        }
    }
}
