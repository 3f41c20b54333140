import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// Baseline keys: rule, source record and target, worked out by hand for the
/// hand-made corpus (see StoryCorpusFixture), and the baseline file.
final class CheckIdentityTests: XCTestCase {
    private let files = CheckFiles(["."])

    func testKeysOfTheHandMadeCorpus() {
        let analysis = StoryCorpusFixture.analysis
        XCTAssertEqual(FindingIdentity.keys(for: analysis.findings, in: analysis.graph, files: files), [
            "asymmetric example.com/a example.com/c",
            "stale-date example.com/a example.com/c",
            "unpublished-target example.com/a example.com/c",
            "dangling example.com/a gone.example.com/x",
            "duplicate-link example.com/a gone.example.com/x",
            "self-link example.com/a example.com/a",
            "duplicate-link example.com/a example.com/b",
            "malformed example.com/a -",
            "malformed example.com/a - #2",
            "stale-title example.com/b example.com/a",
            "dangling example.com/b gone.example.com/x",
            "unreadable file:broken.md -",
            "duplicate-record file:d.md example.com/b",
            "asymmetric example.com/d example.com/c",
            "asymmetric example.com/e example.com/f",
            "skipped file:readme.md -",
        ])
    }

    /// Moving every stub (lines added above them) and every file into a
    /// folder leaves every key as it was.
    func testKeysSurviveLineShiftsAndMoves() {
        let before = StoryCorpusFixture.analysis
        var records = StoryCorpusFixture.records
        for index in records.indices {
            records[index].file = "moved/" + records[index].file
            records[index].line += 3
            for stub in records[index].related.indices { records[index].related[stub].line += 7 }
        }
        let problems = StoryCorpusFixture.problems.map { problem -> FileProblem in
            var moved = problem
            moved.file = "moved/" + problem.file
            moved.line += 3
            return moved
        }
        let after = Analysis(LoadedCorpus(records: records, problems: problems, files: StoryCorpusFixture.files.map { "moved/" + $0 }))
        XCTAssertEqual(FindingIdentity.keys(for: after.findings, in: after.graph, files: CheckFiles(["moved"])),
                       FindingIdentity.keys(for: before.findings, in: before.graph, files: files))
        XCTAssertNotEqual(after.findings.map(\.line), before.findings.map(\.line))
    }

    func testFingerprintIsFNV1a64() {
        // Published FNV-1a 64-bit test vectors.
        XCTAssertEqual(FindingIdentity.fingerprint(""), "cbf29ce484222325")
        XCTAssertEqual(FindingIdentity.fingerprint("a"), "af63dc4c8601ec8c")
        XCTAssertEqual(FindingIdentity.fingerprint("foobar"), "85944171f73967e8")
    }

    func testBaselineSuppressesItsFindingsOnly() throws {
        let analysis = StoryCorpusFixture.analysis
        let policy = CheckPolicy()
        let today = CheckResult(analysis, policy: policy, files: files)
        XCTAssertEqual(today.failures, 9)
        XCTAssertEqual(today.exitCode, 1)

        // Written and read back, the baseline accepts everything but the b.md dangling link.
        var baseline = today.baseline(files: files)
        baseline.entries.removeAll { $0.key == "dangling example.com/b gone.example.com/x" }
        let folder = try TemporaryFolder()
        let path = folder.path("baseline.json")
        try baseline.jsonData().write(to: URL(fileURLWithPath: path))
        let loaded = try Baseline.load(path)
        XCTAssertEqual(loaded, baseline)
        XCTAssertEqual(loaded.entries.map(\.key), loaded.entries.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

        let result = CheckResult(analysis, policy: policy, files: files, baseline: loaded, baselineFile: path)
        XCTAssertEqual(result.failures, 1)
        XCTAssertEqual(result.suppressed, 15)
        XCTAssertEqual(result.findings.filter(\.failsRun).map { "\($0.finding.file):\($0.finding.line)" }, ["b.md:12"])
    }

    /// `acceptingAll` is what accepting the result's own baseline gives: every
    /// finding suppressed (the `#2` key too), from a result with none or some
    /// suppressed already; `keys(for:)` gives the keys the findings read.
    func testAcceptingAllIsAcceptingTheResultsOwnBaseline() {
        let analysis = StoryCorpusFixture.analysis
        var partial = CheckResult(analysis, policy: CheckPolicy(), files: files).baseline(files: files)
        partial.entries.removeAll { $0.key.hasPrefix("malformed") }
        for start in [CheckResult(analysis, policy: CheckPolicy(), files: files),
                      CheckResult(analysis, policy: CheckPolicy(), files: files, baseline: partial, baselineFile: "old.json")] {
            XCTAssertEqual(start.findings.map(\.key), FindingIdentity.keys(for: analysis.findings, in: analysis.graph, files: files))
            let all = start.acceptingAll(from: "new.json")
            let looked = start.accepting(start.baseline(files: files), from: "new.json")
            XCTAssertEqual(all.findings.map(\.suppressed), looked.findings.map(\.suppressed))
            XCTAssertEqual(all.findings.map(\.suppressed), Array(repeating: true, count: 16))
            XCTAssertEqual([all.baselineFile, looked.baselineFile], ["new.json", "new.json"])
            XCTAssertEqual(all.failures, 0)
            XCTAssertEqual(all.exitCode, 0)
        }
    }

    func testForeignBaselinesAreRejected() throws {
        let folder = try TemporaryFolder()
        let wrongVersion = try folder.write("v2.json", #"{"storygraph_baseline": 2, "findings": []}"#)
        XCTAssertThrowsError(try Baseline.load(wrongVersion)) { error in
            XCTAssertEqual("\(error)", "baseline \(wrongVersion) is baseline version 2; this storygraph reads version 1")
        }
        let sarif = try folder.write("x.sarif", #"{"version": "2.1.0", "runs": []}"#)
        XCTAssertThrowsError(try Baseline.load(sarif)) { error in
            XCTAssertTrue("\(error)".hasSuffix("is not a storygraph baseline (JSON with \"storygraph_baseline\" and \"findings\")"))
        }
    }

    /// `base(at:)` spells an edge finding's base from the alias table's bytes;
    /// it must be the bytes `base(of:)` joins from the built finding, for
    /// every finding of a real archive and of the hand-made and hostile corpora.
    func testBasesSpeltFromTheGraphAreTheBasesOfTheBuiltFindings() throws {
        let shared = try TestPaths.requireShared()
        let azure = Analysis(try RecordLoader().load(["\(shared)/corpus/everyday-azure"]))
        var edgeFindings: [Int] = []
        for (analysis, files) in [(azure, CheckFiles(["\(shared)/corpus/everyday-azure"])),
                                  (StoryCorpusFixture.analysis, files), (Analysis(FindingMessageTests.corpus), files)] {
            var buffer: [UInt8] = []
            edgeFindings.append(0)
            for index in analysis.findings.indices {
                let built = FindingIdentity.base(of: analysis.findings[index], in: analysis.graph, files: files)
                let spelt = FindingIdentity.base(at: index, in: analysis.findings, graph: analysis.graph, files: files, buffer: &buffer)
                XCTAssertEqual(Array(spelt.utf8), Array(built.utf8), built)
                if analysis.findings.edge(at: index) != nil { edgeFindings[edgeFindings.count - 1] += 1 }
            }
        }
        // Every stale date, stale title, asymmetric link and unpublished target of everyday-azure took the byte path.
        let summary = azure.summary
        XCTAssertEqual(edgeFindings[0], summary.staleDates + summary.staleTitles + summary.asymmetric + summary.unpublishedTargets)
        XCTAssertGreaterThan(edgeFindings[0], 1_000)
    }

    /// Keys are numbered by grouping findings on their hashes; the definition
    /// is a dictionary filled in finding order. Both must agree on repeats far
    /// apart, on canonically equivalent texts (`String` calls them equal, so
    /// the second is `#2`), and when every hash ties (forced here) or none do.
    func testOccurrencesMatchADictionaryInFindingOrder() {
        var generator = SplitMix64(seed: 11)
        let pool = ["dangling a b", "dangling a c", "asymmetric a b", "malformed file:caf\u{E9}.md -",
                    "malformed file:cafe\u{301}.md -", "stale-date x y", ""]
        let texts = (0..<5_000).map { _ in pool[generator.next(below: pool.count)] + (generator.next(below: 3) == 0 ? " \(generator.next(below: 50))" : "") }
        var seen: [String: Int] = [:]
        let expected = texts.map { text -> Int32 in
            seen[text, default: 0] += 1
            return Int32(seen[text]!)
        }
        func occurrences(_ texts: [String], hash: (String) -> Int) -> [Int32] {
            FindingIdentity.occurrences(hashes: texts.map(hash)) { texts[$0] }
        }
        XCTAssertEqual(occurrences(texts) { $0.hashValue }, expected)
        XCTAssertEqual(occurrences(texts) { _ in 0 }, expected, "every hash tied")
        XCTAssertEqual(occurrences(texts) { $0.count << 40 }, expected, "ties across texts of one length in Characters")
        XCTAssertEqual(occurrences(["caf\u{E9}", "cafe\u{301}"]) { $0.hashValue }, [1, 2])
        XCTAssertEqual(occurrences([]) { $0.hashValue }, [])
    }
}
