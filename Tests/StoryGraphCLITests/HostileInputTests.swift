import Foundation
import StoryGraphTestSupport
import XCTest

/// Every kind of hostile file issue 7 names, in one folder beside good records:
/// each is reported with its file and line, every good record loads, `analyze`
/// exits 0 and `check` exits 1, within a time limit and well under 1 GiB.
///
/// The binary runs as a child with a deadline (`BoundedRun`); its own peak
/// resident memory is read from `wait4`. The limits are bounds that catch a
/// hang or a blow-up, not timings (BENCHMARKS.md has those).
final class HostileInputTests: XCTestCase {
    /// A run past this is a hang: the whole folder takes about 2 s in a debug build.
    static let timeLimit = 60.0
    /// A run over this blew up: the 8 MB title makes a run peak at about 60 MB.
    /// AddressSanitizer's shadow memory and quarantine multiply that (800 MB
    /// measured), so a sanitized build (`make test-asan`) gets 1 GiB.
    static let memoryLimit = isSanitized ? 1 << 30 : 256 << 20

    /// True when this test process (and so the binary beside it) is built with a sanitizer.
    static let isSanitized = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil

    /// What one hostile file must give: a finding, or a record that still loads.
    struct Expectation {
        var file: String
        var finding: String?   // "line: kind: message", or nil for a file that loads as a record
    }

    /// Writes the folder; returns what each entry must give, in path order.
    static func writeHostileFolder(_ folder: TemporaryFolder) throws -> (expected: [Expectation], records: Int) {
        let seed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("seeds/000_25832b02d12fdacf.txt"), encoding: .utf8)
        let seedURL = "https://techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/"
        var expected: [Expectation] = []
        func add(_ name: String, _ bytes: [UInt8], _ finding: String?) throws {
            try folder.write(name, bytes: bytes)
            expected.append(Expectation(file: name, finding: finding))
        }
        func add(_ name: String, _ text: String, _ finding: String?) throws {
            try add(name, Array(text.utf8), finding)
        }
        /// A record in the seed's cluster: it links to the seed, so the report lists its title.
        func linking(_ title: String, url: String) -> String {
            "---\ntitle: \(title)\nwebUrl: \"\(url)\"\nrelated:\n  - title: seed\n    webUrl: \"\(seedURL)\"\n---\n"
        }

        try add("a_good.md", seed, nil)
        try add("alias_bomb.md", billionLaughs(), nil)
        try add("big_title.md", linking("\"" + String(repeating: "A", count: 8 << 20) + "\"", url: "https://example.com/big"), nil)
        // PNG's signature: 0x89 is never UTF-8.
        try add("binary_noise.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise(count: 65_536),
                "1: unreadable: invalid UTF-8")
        try add("control_characters.md", "---\ntitle: ok\nnote: \"a\u{01}b\"\n---\n",
                "3: unreadable: YAML does not read: control characters are not allowed")
        try add("deep_block.md", "---\ntitle: x\nother:\n" + String(repeating: "- ", count: 20_000) + "x\n---\n",
                "4: unreadable: YAML does not parse: collections nested more than 1000 deep")
        try add("deep_flow.md", "---\ntitle: x\nother: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n---\n",
                "3: unreadable: YAML does not parse: collections nested more than 1000 deep")
        try add("deep_json.json", String(repeating: "{\"a\": ", count: 20_000) + "1" + String(repeating: "}", count: 20_000),
                "1: unreadable: YAML does not parse: collections nested more than 1000 deep")
        try add("empty.md", "", "1: skipped: no front matter: not a record")
        try add("invalid_utf8.md", Array("---\ntitle: ok\n".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8),
                "3: unreadable: invalid UTF-8")
        try add("list_not_mapping.md", "---\n- a\n- b\n---\n", "2: unreadable: front matter is not a mapping")
        try add("never_closed.md", "---\ntitle: never closed\nwebUrl: https://example.com/open\n",
                "1: unreadable: front matter opened with '---' but never closed")
        try add("readme.md", "# Notes\nNo front matter here.\n", "1: skipped: no front matter: not a record")
        try add("related_numbers.md", "---\ntitle: numbers\nwebUrl: https://example.com/numbers\nrelated: [1, null, 2.5, ~, true]\n---\n", nil)
        try add("related_string.md", "---\ntitle: string\nwebUrl: https://example.com/string\nrelated: \"\(seedURL)\"\n---\n", nil)
        try add("title_number.md", linking("2024", url: "https://example.com/number"), nil)
        try add("unparseable.md", "---\ntitle: ok\nrelated: [unclosed\nwebUrl: x\n---\n",
                "4: unreadable: YAML does not parse: did not find expected ',' or ']' (while parsing a flow sequence)")

        // File-system oddities: a folder named like a record is walked; links
        // that lead nowhere and a FIFO are reported, never followed or waited on.
        try folder.write("x.md/inside.md", linking("inside a folder named x.md", url: "https://example.com/inside"))
        try FileManager.default.createSymbolicLink(atPath: folder.path("link_dangling.md"), withDestinationPath: "nowhere.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path("link_loop_a.md"), withDestinationPath: "link_loop_b.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path("link_loop_b.md"), withDestinationPath: "link_loop_a.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path("link_to_parent"), withDestinationPath: "..")
        guard mkfifo(folder.path("named_pipe.md"), 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        expected += [
            Expectation(file: "link_dangling.md", finding: "1: unreadable: cannot be read: No such file or directory"),
            Expectation(file: "link_loop_a.md", finding: "1: unreadable: cannot be read: Too many levels of symbolic links"),
            Expectation(file: "link_loop_b.md", finding: "1: unreadable: cannot be read: Too many levels of symbolic links"),
            Expectation(file: "named_pipe.md", finding: "1: unreadable: is not a regular file (a FIFO, socket or device): not read"),
        ]
        // A file its reader may not open. Root opens anything, so as root it loads.
        try add("no_permission.md", linking("locked", url: "https://example.com/locked"),
                geteuid() == 0 ? nil : "1: unreadable: cannot be read: Permission denied")
        chmod(folder.path("no_permission.md"), 0)
        expected.append(Expectation(file: "x.md/inside.md", finding: nil))

        expected.sort { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
        return (expected, expected.filter { $0.finding == nil }.count)
    }

    /// Ten levels of nine aliases each: 9^10 "lol"s if expanded, under `lol` and under `related`.
    static func billionLaughs() -> String {
        var lines = ["---", "title: bomb", "webUrl: https://example.com/bomb",
                     "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<10 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["related: *l9", "topics: *l9", "---", ""]
        return lines.joined(separator: "\n")
    }

    /// The same bytes every run: a linear congruential generator.
    static func noise(count: Int) -> [UInt8] {
        var state: UInt64 = 0x2545F4914F6CDD1D
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    func testEveryHostileFileIsReportedAndEveryGoodRecordLoads() throws {
        let folder = try TemporaryFolder("storygraph-hostile")
        let (expected, records) = try Self.writeHostileFolder(folder)
        var reports: [Data] = []
        for jobs in ["1", "2"] {
            let output = folder.url.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: output) }
            let run = try bounded(["analyze", folder.path, "--format", "json", "--output", output.path, "--jobs", jobs])
            XCTAssertEqual(run.status, 0, run.stderr)
            reports.append(run.stdout)
            print("hostile folder: analyze --jobs \(jobs) took \(String(format: "%.1f", run.seconds)) s, peak \(run.peakBytes >> 20) MiB")

            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            let summary = try XCTUnwrap(report["summary"] as? [String: Any])
            XCTAssertEqual(summary["records"] as? Int, records)
            XCTAssertEqual(summary["unreadable"] as? Int, expected.filter { $0.finding?.contains(": unreadable:") == true }.count)
            XCTAssertEqual(summary["skipped"] as? Int, 2)
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
            let problems = findings.compactMap { finding -> String? in
                guard let kind = finding["kind"] as? String, kind == "unreadable" || kind == "skipped" else { return nil }
                let file = (finding["file"] as! String).replacingOccurrences(of: folder.path + "/", with: "")
                return "\(file):\(finding["line"]!): \(kind): \(finding["message"]!)"
            }
            XCTAssertEqual(problems, expected.compactMap { entry in entry.finding.map { "\(entry.file):\($0)" } })
            // stderr names each one too, path first, as a compiler would.
            for entry in expected { if let finding = entry.finding {
                XCTAssertTrue(run.stderr.contains("\(folder.path)/\(entry.file):\(finding)"), "\(entry.file) not on stderr")
            } }

            // The records behind the odd cases read as a reader would expect.
            let members = try XCTUnwrap((report["clusters"] as? [[String: Any]])?.first?["members"] as? [[String: Any]])
            let titles = members.compactMap { $0["title"] as? String }
            XCTAssertTrue(titles.contains("2024"), "a title that is a number is its text")
            XCTAssertTrue(titles.contains(String(repeating: "A", count: 8 << 20)), "the 8 MB title survives whole")
            XCTAssertTrue(titles.contains("inside a folder named x.md"))
            // related: "URL" is one stub naming nothing; [1, null, 2.5, ~, true] is five.
            let malformed = findings.filter { $0["kind"] as? String == "malformed" }
                .map { "\(($0["file"] as! String).replacingOccurrences(of: folder.path + "/", with: "")):\($0["line"]!)" }
            XCTAssertEqual(malformed.filter { $0.hasPrefix("related_") }, Array(repeating: "related_numbers.md:4", count: 5) + ["related_string.md:4"])
            // The bomb's related list is nine nested lists: nine malformed stubs, not 9^10.
            XCTAssertEqual(malformed.filter { $0.hasPrefix("alias_bomb.md") }.count, 9)

            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("graph.svg").path))
        }
        XCTAssertEqual(reports[0], reports[1], "the report does not depend on --jobs")

        let check = try bounded(["check", folder.path, "--format", "text"])
        XCTAssertEqual(check.status, 1, "unreadable files fail the check")
        for entry in expected { if let finding = entry.finding, finding.contains(": unreadable:") {
            let line = finding.prefix { $0 != ":" }
            XCTAssertTrue(check.text.contains("\(entry.file):\(line):1: error[unreadable]:"), "\(entry.file) not in: \(check.text.prefix(2000))")
        } }
    }

    /// Git stores links, so a content repository can hold `.storygraph.yml -> /dev/zero`:
    /// the check stops with a usage error at once, instead of reading forever.
    func testConfigOrBaselineThatIsADeviceIsAUsageError() throws {
        let folder = try TemporaryFolder("storygraph-hostile")
        try folder.write("a.md", "---\ntitle: a\n---\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path(".storygraph.yml"), withDestinationPath: "/dev/zero")
        let config = try bounded(["check", folder.path])
        XCTAssertEqual(config.status, 2)
        XCTAssertTrue(config.stderr.contains("\(folder.path)/.storygraph.yml: cannot be read: is not a regular file"), config.stderr)

        try FileManager.default.removeItem(atPath: folder.path(".storygraph.yml"))
        let baseline = try bounded(["check", folder.path, "--baseline", "/dev/zero"])
        XCTAssertEqual(baseline.status, 2)
        XCTAssertTrue(baseline.stderr.contains("baseline /dev/zero cannot be read: is not a regular file"), baseline.stderr)
    }

    /// Runs the binary with the limits, failing the test when one is broken.
    func bounded(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> BoundedRun.Result {
        let run = try BoundedRun.run(CLI.binary, arguments, timeout: Self.timeLimit)
        XCTAssertFalse(run.timedOut, "\(arguments[0]) ran past \(Self.timeLimit) s", file: file, line: line)
        XCTAssertNil(run.signal, "\(arguments[0]) died of signal \(run.signal ?? 0): \(run.stderr.suffix(2000))", file: file, line: line)
        XCTAssertLessThan(run.peakBytes, Self.memoryLimit, "\(arguments[0]) peaked at \(run.peakBytes >> 20) MiB", file: file, line: line)
        return run
    }
}

extension BoundedRun.Result {
    var text: String { String(decoding: stdout, as: UTF8.self) }
}
