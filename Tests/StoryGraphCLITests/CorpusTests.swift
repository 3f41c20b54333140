import Foundation
import StoryGraphTestSupport
import XCTest

/// Every contract figure against gen_corpus.py's truth.json and against the
/// PyYAML + networkx reference on the real archives of ../shared/corpus.
final class CorpusTests: XCTestCase {
    /// Generated corpora of several sizes and settings: summary == truth.json.
    func testGeneratedCorporaMatchTheirTruth() throws {
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let settings: [[String]] = [
            ["50", "--seed", "3", "--mutual", "1.0", "--dangling", "0"],
            ["300", "--seed", "1"],
            ["1000", "--seed", "7", "--related-mean", "3", "--dangling", "0.2", "--mutual", "0.3", "--bridge", "0.05", "--per-dir", "100"],
            ["2500", "--seed", "42", "--related-mean", "1.5", "--bridge", "0.02", "--per-dir", "300"],
        ]
        for setting in settings {
            let folder = try CLI.temporaryFolder(self)
            let generated = try CLI.python([generator, setting[0], folder.path] + setting.dropFirst())
            XCTAssertEqual(generated.status, 0, generated.stderr)
            let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("truth.json"))) as? [String: Any])
            let result = try CLI.storygraph(["analyze", folder.appendingPathComponent("records").path, "--format", "json",
                                             "--no-render", "--output", folder.appendingPathComponent("out").path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let summary = try XCTUnwrap(try result.json()["summary"] as? [String: Any])
            XCTAssertEqual(CLI.contract(summary), CLI.contract(truth), "gen_corpus.py \(setting.joined(separator: " "))")
            XCTAssertEqual(summary["unreadable"] as? Int, 0)
        }
    }

    /// The report is the same bytes whatever the thread count.
    func testReportIsIdenticalForOneAndManyJobs() throws {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        XCTAssertEqual(try CLI.python([generator, "800", folder.path, "--seed", "11", "--per-dir", "50"]).status, 0)
        let records = folder.appendingPathComponent("records").path
        let one = try CLI.storygraph(["analyze", records, "--format", "json", "--jobs", "1", "--output", folder.appendingPathComponent("o1").path])
        let four = try CLI.storygraph(["analyze", records, "--format", "json", "--jobs", "4", "--output", folder.appendingPathComponent("o4").path])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, four.stdout)
        for name in ["report.json", "graph.dot", "graph.svg"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("o1/\(name)")),
                           try Data(contentsOf: folder.appendingPathComponent("o4/\(name)")), name)
        }
    }

    /// Each folder of ../shared/corpus: every contract key equals peer_networkx.py's, in one run.
    func testRealArchivesMatchTheNetworkxReference() throws {
        let shared = try CLI.shared()
        for name in ["everyday-ai", "everyday-azure"] {
            let corpus = shared.appendingPathComponent("corpus/\(name)").path
            let peer = try CLI.python([shared.appendingPathComponent("bench/peer_networkx.py").path, corpus])
            XCTAssertEqual(peer.status, 0, peer.stderr)
            let result = try CLI.storygraph(["analyze", corpus, "--format", "json", "--no-render",
                                             "--output", try CLI.temporaryFolder(self).path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let report = try result.json()
            let summary = try XCTUnwrap(report["summary"] as? [String: Any])
            XCTAssertEqual(CLI.contract(summary), CLI.contract(try peer.json()), name)
            // SOURCE.md has no front matter: skipped with a notice, not an error.
            XCTAssertEqual(summary["skipped"] as? Int, 1, name)
            XCTAssertEqual(summary["unreadable"] as? Int, 0, name)
            XCTAssertTrue(result.stderr.contains("\(corpus)/SOURCE.md:1: skipped: no front matter: not a record"), result.stderr)
        }
    }

    /// The findings of `check` agree with the summary, stub by stub.
    func testCheckListsEveryDanglingStubOfAGeneratedCorpus() throws {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        XCTAssertEqual(try CLI.python([generator, "400", folder.path, "--seed", "5", "--dangling", "0.3"]).status, 0)
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("truth.json"))) as? [String: Any])
        let records = folder.appendingPathComponent("records").path
        let check = try CLI.storygraph(["check", records])
        XCTAssertEqual(check.status, 1)
        let lines = check.text.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(": error[dangling]: ") }.count, truth["dangling"] as? Int)
        XCTAssertEqual(lines.filter { $0.contains(": error[asymmetric]: ") }.count, truth["asymmetric"] as? Int)
        // Every dangling line points at the `- title:` line of its stub.
        for line in lines where line.contains(": error[dangling]: ") {
            let parts = line.split(separator: ":", maxSplits: 2)
            let file = try String(contentsOfFile: String(parts[0]), encoding: .utf8)
            let stubLine = file.split(separator: "\n", omittingEmptySubsequences: false)[Int(parts[1])! - 1]
            XCTAssertTrue(stubLine.hasPrefix("  - title: \"A story that is gone"), "\(line) → \(stubLine)")
        }
        let ignoring = try CLI.storygraph(["check", records, "--ignore", "dangling,asymmetric,duplicate-record"])
        XCTAssertEqual(ignoring.status, 0, ignoring.text.prefix(500) + "")
        let onlyDuplicates = try CLI.storygraph(["check", records, "--fail-on", "duplicate-record"])
        XCTAssertEqual(onlyDuplicates.status, 0)
    }
}
