import Foundation
import StoryGraphTestSupport
import XCTest

/// `storygraph check` as a CI gate, end to end through the built binary, on
/// corpora from gen_corpus.py: SARIF locations against truth.json, exit
/// codes, baselines, `--fix`, and each output format read by its consumer.
final class CheckGateTests: XCTestCase {
    /// A generated corpus in a fresh folder: the folder (the working directory
    /// for the runs, so paths are relative as in CI) and truth.json.
    private func generate(_ arguments: [String]) throws -> (folder: URL, truth: [String: Int]) {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let generated = try CLI.python([generator] + [arguments[0], folder.path] + arguments.dropFirst())
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("truth.json"))) as? [String: Int])
        return (folder, truth)
    }

    private func check(_ arguments: [String], in folder: URL) throws -> Subprocess.Result {
        try CLI.storygraph(["check"] + arguments, in: folder)
    }

    private func lines(of file: URL) throws -> [Substring] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Python's json reads the SARIF log, and every part GitHub code scanning
    /// needs is there and well-typed; prints the dangling results as JSON.
    private static let sarifChecker = #"""
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
assert log["$schema"].endswith("sarif-2.1.0.json")
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "storygraph"
rules = driver["rules"]
ids = [r["id"] for r in rules]
assert len(ids) == len(set(ids))
for r in rules:
    assert r["shortDescription"]["text"] and r["fullDescription"]["text"], r
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note"), r
assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
assert run["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/")
for res in run["results"]:
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"], res
    assert res["level"] in ("error", "warning", "note"), res
    assert isinstance(res["message"]["text"], str) and res["message"]["text"]
    [loc] = res["locations"]
    art = loc["physicalLocation"]["artifactLocation"]
    assert art["uriBaseId"] == "SRCROOT" and not art["uri"].startswith("/"), art
    region = loc["physicalLocation"]["region"]
    assert isinstance(region["startLine"], int) and region["startLine"] >= 1
    assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1
    assert len(res["partialFingerprints"]["storygraphFindingKey/v1"]) == 16
print(json.dumps({"rules": ids, "dangling": [
    [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
     r["locations"][0]["physicalLocation"]["region"]["startLine"],
     r["locations"][0]["physicalLocation"]["region"]["startColumn"],
     "suppressions" in r]
    for r in run["results"] if r["ruleId"] == "dangling"]}))
"""#

    /// The SARIF `dangling` results (uri, line, column, suppressed), after the checker passed the log.
    private func sarifDangling(_ sarif: URL) throws -> (rules: [String], dangling: [(String, Int, Int, Bool)]) {
        let checked = try CLI.python(["-c", Self.sarifChecker, sarif.path])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: checked.stdout) as? [String: Any])
        let rows = try XCTUnwrap(object["dangling"] as? [[Any]])
        return (try XCTUnwrap(object["rules"] as? [String]),
                rows.map { ($0[0] as! String, $0[1] as! Int, $0[2] as! Int, $0[3] as! Bool) })
    }

    /// The issue's acceptance test: SARIF results of rule `dangling` are
    /// truth.json's dangling, each at the `- title:` line of its stub.
    func testSARIFDanglingResultsAreTheTruthAtTheirStubLines() throws {
        let (folder, truth) = try generate(["400", "--seed", "5", "--dangling", "0.3"])
        let result = try check(["records", "--format", "sarif", "--output", "check.sarif"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout.count, 0, "with --output nothing goes to stdout")
        // The same bytes whatever the thread count.
        let serial = try check(["records", "--format", "sarif", "--jobs", "1"], in: folder)
        XCTAssertEqual(serial.stdout, try Data(contentsOf: folder.appendingPathComponent("check.sarif")))
        let sarif = try sarifDangling(folder.appendingPathComponent("check.sarif"))
        XCTAssertEqual(sarif.rules, ["unreadable", "duplicate-record", "malformed", "dangling", "asymmetric", "self-link",
                                     "duplicate-link", "stale-title", "stale-date", "unpublished-target", "skipped"])
        XCTAssertEqual(sarif.dangling.count, truth["dangling"])
        XCTAssertEqual(Set(sarif.dangling.map { "\($0.0):\($0.1)" }).count, truth["dangling"], "one stub per result")
        for (uri, line, column, suppressed) in sarif.dangling {
            XCTAssertFalse(suppressed)
            let file = try lines(of: folder.appendingPathComponent(uri))
            let text = file[line - 1]
            // gen_corpus.py writes a dangling stub as `  - title: "A story that is gone …"`, then its webUrl.
            XCTAssertTrue(text.hasPrefix("  - title: \"A story that is gone "), "\(uri):\(line) is \(text)")
            XCTAssertTrue(file[line].hasPrefix("    webUrl: \"https://") && file[line].hasSuffix("/gone/\(text.dropLast(2).split(separator: "/").last!)/\""),
                          "\(uri):\(line + 1) is \(file[line])")
            XCTAssertEqual(String(text.dropFirst(column - 1).prefix(6)), "title:", "\(uri):\(line):\(column)")
        }
    }

    func testSeedsPassInEveryFormat() throws {
        let seedFile = "seeds/000_25832b02d12fdacf.txt"
        let message = "published record links to unpublished \"Alibaba Leads Record Deal to Mint $2.5 Billion China AI Firm\" "
            + "(seeds/003_29daa9ea93b981f3.txt)"
        let github = try CLI.storygraph(["check", "seeds", "--format", "github"])
        XCTAssertEqual(github.status, 0, github.stderr)
        XCTAssertEqual(github.text, "::warning file=\(seedFile),line=34,col=5,title=storygraph unpublished-target::\(message)\n")

        let folder = try CLI.temporaryFolder(self)
        let sarifFile = folder.appendingPathComponent("seeds.sarif")
        let sarif = try CLI.storygraph(["check", "seeds", "--format", "sarif", "-o", sarifFile.path])
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        XCTAssertEqual(try sarifDangling(sarifFile).dangling.count, 0)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: sarifFile)) as? [String: Any])
        let results = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(results[0]["ruleId"] as? String, "unpublished-target")
        XCTAssertEqual(results[0]["level"] as? String, "warning")

        let json = try CLI.storygraph(["check", "seeds", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try json.json()
        XCTAssertEqual(document["failing"] as? Int, 0)
        XCTAssertEqual((document["findings"] as? [[String: Any]])?.map { $0["rule"] as? String }, ["unpublished-target"])

        let junit = try CLI.storygraph(["check", "seeds", "--format", "junit"])
        XCTAssertEqual(junit.status, 0, junit.stderr)
        let counts = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(root.get("tests"), root.get("failures"), len(root.findall("testsuite")), len(root.findall(".//failure")), len(root.findall(".//system-out")))
        """], stdin: junit.stdout)
        XCTAssertEqual(counts.status, 0, counts.stderr)
        // 11 rules: 10 with no finding (one passing case each) and unpublished-target with one.
        XCTAssertEqual(counts.text, "11 0 11 0 1\n")
    }

    /// Exit 1 with dangling links, 0 with their own baseline (also after every
    /// line moved), and one new dangling stub is exactly one new result.
    func testBaselineAcceptsTodayAndFailsOnOneNewDanglingStub() throws {
        let (folder, truth) = try generate(["200", "--seed", "9", "--dangling", "0.2"])
        XCTAssertGreaterThan(truth["dangling"]!, 0)
        XCTAssertEqual(try check(["records"], in: folder).status, 1)

        let written = try check(["records", "--write-baseline", "baseline.json"], in: folder)
        XCTAssertEqual(written.status, 0, written.stderr)
        let baseline = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("baseline.json"))) as? [String: Any])
        let entries = try XCTUnwrap(baseline["findings"] as? [[String: Any]])
        XCTAssertEqual(entries.filter { $0["rule"] as? String == "dangling" }.count, truth["dangling"])
        XCTAssertEqual(entries.filter { $0["rule"] as? String == "asymmetric" }.count, truth["asymmetric"])

        let accepted = try check(["records", "--baseline", "baseline.json", "--format", "json"], in: folder)
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        let document = try accepted.json()
        XCTAssertEqual(document["failing"] as? Int, 0)
        XCTAssertEqual(document["suppressed"] as? Int, entries.count)

        // Unrelated edits: a new first line in every record's front matter moves every stub down.
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("records").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        for name in files {
            let url = folder.appendingPathComponent("records/" + name)
            let text = try String(contentsOf: url, encoding: .utf8)
            try ("---\nreviewed: true" + text.dropFirst(3)).write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try check(["records", "--baseline", "baseline.json"], in: folder).status, 0)

        // One new dangling stub, first in a record's `related`.
        let target = try XCTUnwrap(files.first { name in
            (try? String(contentsOf: folder.appendingPathComponent("records/" + name), encoding: .utf8))?.contains("\nrelated:\n") == true
        })
        let url = folder.appendingPathComponent("records/" + target)
        let text = try String(contentsOf: url, encoding: .utf8)
        let stub = "related:\n  - title: \"A new story that is gone\"\n    webUrl: \"https://example.org/news/new-gone/\"\n"
        try text.replacingOccurrences(of: "related:\n", with: stub).write(to: url, atomically: true, encoding: .utf8)
        let stubLine = try lines(of: url).firstIndex { $0.contains("A new story that is gone") }! + 1

        let fresh = try check(["records", "--baseline", "baseline.json", "--format", "sarif", "-o", "new.sarif"], in: folder)
        XCTAssertEqual(fresh.status, 1, fresh.stderr)
        let sarif = try sarifDangling(folder.appendingPathComponent("new.sarif"))
        let new = sarif.dangling.filter { !$0.3 }
        XCTAssertEqual(new.count, 1)
        XCTAssertEqual(new.first?.0, "records/" + target)
        XCTAssertEqual(new.first?.1, stubLine)
        XCTAssertEqual(sarif.dangling.count, truth["dangling"]! + 1)
        let text2 = try check(["records", "--baseline", "baseline.json"], in: folder)
        XCTAssertEqual(text2.text.split(separator: "\n").filter { $0.contains(": error[") }.count, 1, text2.text)
    }

    /// `--fix` adds every missing back-link: afterwards no asymmetric link is
    /// left, and each file differs from before only by inserted lines. Among
    /// the targets: a CRLF file, one with `related: []` and one with no
    /// `related` key.
    func testFixLeavesNoAsymmetricLinksAndChangesNothingElse() throws {
        let (folder, _) = try generate(["300", "--seed", "13", "--dangling", "0.1", "--per-dir", "100"])
        let records = folder.appendingPathComponent("records")
        let names = try FileManager.default.subpathsOfDirectory(atPath: records.path).filter { $0.hasSuffix(".md") }.sorted()
        func text(_ name: String) throws -> String { try String(contentsOf: records.appendingPathComponent(name), encoding: .utf8) }
        func webUrl(_ name: String) throws -> String {
            let line = try XCTUnwrap(try text(name).split(separator: "\n").first { $0.hasPrefix("webUrl: ") })
            return String(line.dropFirst("webUrl: ".count))
        }
        let linking = try names.filter { try text($0).contains("\nrelated:\n") }
        let emptyList = try XCTUnwrap(try names.first { try text($0).contains("\nrelated: []\n") })
        let noKey = try XCTUnwrap(try names.first { !(try text($0).contains("related:")) })
        // Two records gain a link to them (nothing links back), and a third target turns CRLF.
        for (source, target) in [(linking[0], emptyList), (linking[1], noKey)] {
            let stub = "related:\n  - title: \"Added\"\n    webUrl: \(try webUrl(target))\n"
            try text(source).replacingOccurrences(of: "related:\n", with: stub)
                .write(to: records.appendingPathComponent(source), atomically: true, encoding: .utf8)
        }
        let plan = try check(["records", "--format", "json"], in: folder).json()
        let fixFiles = try XCTUnwrap(plan["findings"] as? [[String: Any]]).compactMap { ($0["fix"] as? [String: Any])?["file"] as? String }
        let crlf = try XCTUnwrap(fixFiles.first { ![emptyList, noKey].map { "records/" + $0 }.contains($0) })
        let crlfName = String(crlf.dropFirst("records/".count))
        try Data(try text(crlfName).replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: records.appendingPathComponent(crlfName))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: records.appendingPathComponent(crlfName).path)
        XCTAssertTrue(fixFiles.contains("records/" + emptyList) && fixFiles.contains("records/" + noKey))

        let start = try XCTUnwrap(try CLI.storygraph(["analyze", "records", "--format", "json", "--no-render", "--output", "out"], in: folder).json()["summary"] as? [String: Int])
        var before: [String: Data] = [:]
        for name in names { before[name] = try Data(contentsOf: records.appendingPathComponent(name)) }

        let fixed = try check(["records", "--fix", "--format", "json"], in: folder)
        XCTAssertEqual(fixed.status, 1, "dangling links still fail: \(fixed.stderr)")
        XCTAssertTrue(fixed.stderr.contains("added \(start["asymmetric"]!) back-links to "), fixed.stderr)
        let rules = try XCTUnwrap(try fixed.json()["findings"] as? [[String: Any]]).map { $0["rule"] as? String }
        XCTAssertEqual(rules.filter { $0 == "asymmetric" }.count, 0)
        XCTAssertEqual(rules.filter { $0 == "dangling" }.count, start["dangling"])

        let end = try XCTUnwrap(try CLI.storygraph(["analyze", "records", "--format", "json", "--no-render", "--output", "out"], in: folder).json()["summary"] as? [String: Int])
        XCTAssertEqual(end["asymmetric"], 0)
        XCTAssertEqual(end["edges"], start["edges"]! + start["asymmetric"]!)
        XCTAssertEqual(end["mutual_pairs"], start["mutual_pairs"]! + start["asymmetric"]!)
        XCTAssertEqual(end["dangling"], start["dangling"])
        XCTAssertEqual(end["unreadable"], 0)
        XCTAssertEqual(end["stale_titles"], start["stale_titles"], "the new stubs copy their targets' titles")

        // The diff: every original line still there, in order, byte for byte;
        // only whole lines added (and `related: []` opened up as `related:`).
        var changed = 0
        for name in names {
            let old = Self.lines(before[name]!), new = Self.lines(try Data(contentsOf: records.appendingPathComponent(name)))
            if old == new { continue }
            changed += 1
            let crlfFile = old[0].suffix(2) == [13, 10]
            var next = 0
            for line in new {
                if next < old.count && (line == old[next] || (old[next] == Array("related: []\n".utf8) && line == Array("related:\n".utf8))) {
                    next += 1
                    continue
                }
                let text = String(decoding: line, as: UTF8.self)
                XCTAssertTrue(text.hasPrefix("  ") || text.hasPrefix("related:"), "\(name): \(text)")
                XCTAssertEqual(line.suffix(2) == [13, 10], crlfFile, "\(name): a new line takes the file's line end")
            }
            XCTAssertEqual(next, old.count, "\(name): an original line is missing or moved")
        }
        XCTAssertGreaterThan(changed, 2)
        XCTAssertTrue(try text(emptyList).contains("\nrelated:\n  - title: "))
        XCTAssertTrue(try text(noKey).contains("\nrelated:\n  - title: "))
        XCTAssertTrue(try text(crlfName).contains("\r\nrelated:\r\n"))
        let permissions = try FileManager.default.attributesOfItem(atPath: records.appendingPathComponent(crlfName).path)[.posixPermissions]
        XCTAssertEqual(permissions as? Int, 0o600, "a fixed file keeps its permissions")
        // Fixing again changes nothing.
        let second = try check(["records", "--fix"], in: folder)
        XCTAssertTrue(second.stderr.contains("added 0 back-links to 0 files"), second.stderr)
    }

    /// Lines with their line ends.
    private static func lines(_ data: Data) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in data {
            current.append(byte)
            if byte == 10 { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
