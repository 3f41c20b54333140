import XCTest
@testable import StoryGraph

/// `FindingList` keeps the findings of edges as entries and builds them from
/// the graph when read: what it hands out must be what the passes build
/// whole, in the order `FindingOrder` gives whole findings.
final class FindingListTests: XCTestCase {
    /// Two corpora with every kind of finding, hostile text, whitespace to
    /// trim, files the corpus does not list and ties.
    private var corpora: [LoadedCorpus] { [StoryCorpusFixture.corpus, FindingMessageTests.corpus] }

    /// The plain way: every pass's findings built whole (the loader's problems
    /// first), merged as whole findings.
    private func wholeFindings(_ corpus: LoadedCorpus, _ graph: ArticleGraph) -> [Finding] {
        var parts = [corpus.problems.map { problem in
            Finding(kind: problem.kind == .unreadable ? .unreadable : .skipped,
                    file: problem.file, line: problem.line, message: problem.message)
        }]
        parts += AnalysisPasses.all.map { $0.findings(in: graph) }
        return FindingOrder(fileOrder: corpus.files).merged(&parts)
    }

    func testTheListHoldsWhatThePassesBuildWholeInTheSameOrder() {
        for corpus in corpora {
            let analysis = Analysis(corpus)
            let whole = wholeFindings(corpus, analysis.graph)
            let read = Array(analysis.findings)
            XCTAssertEqual(read, whole)
            // `==` leaves the subject out (a decoded finding has none): compared here.
            XCTAssertEqual(read.map(\.subject), whole.map(\.subject))
            XCTAssertEqual(read.map(\.message), whole.map(\.message))
            // Every kind an `EdgeFindingPass` yields is there, so the entries were read, not only whole findings.
            XCTAssertTrue(Set(read.map(\.kind)).isSuperset(of: [.staleTitle, .staleDate, .asymmetric, .unpublishedTarget]),
                          "\(Set(read.map(\.kind)))")
        }
    }

    /// What the order and the summary read without building a finding agrees with the finding built.
    func testKindPlaceAndTargetAgreeWithTheFindingBuilt() {
        for corpus in corpora {
            let findings = Analysis(corpus).findings
            for index in findings.indices {
                let (finding, entry) = (findings[index], findings.entries[index])
                XCTAssertEqual(findings.kind(at: index), finding.kind)
                let place = findings.place(of: entry)
                XCTAssertEqual([place.file, "\(place.line)", "\(place.column)"], [finding.file, "\(finding.line)", "\(finding.column)"])
                XCTAssertEqual(findings.target(of: entry), finding.target)
            }
        }
    }

    /// The report writes an edge finding from the graph without building it:
    /// the same bytes as the finding built and written.
    func testEachFindingIsWrittenAsTheFindingBuiltWritesItself() {
        for corpus in corpora {
            let findings = Analysis(corpus).findings
            var edgeFindings = 0
            for index in findings.indices {
                var direct: [UInt8] = [], built: [UInt8] = []
                findings.writeJSON(at: index, depth: 2, into: &direct)
                findings[index].writeJSON(depth: 2, into: &built)
                XCTAssertEqual(String(decoding: direct, as: UTF8.self), String(decoding: built, as: UTF8.self))
                if findings.record(of: findings.entries[index]) != nil { edgeFindings += 1 }
            }
            XCTAssertGreaterThan(edgeFindings, 0, "no edge finding was written from the graph")
        }
    }

    /// A stub whose text differs only by whitespace is not stale, however
    /// often the list is read; one that differs says so in the trimmed text.
    func testStaleFindingsAreReadAsTheirPassFoundThem() {
        let findings = Analysis(StoryCorpusFixture.corpus).findings
        for _ in 0..<2 {
            let stale = findings.filter { [.staleTitle, .staleDate].contains($0.kind) && ["a.md", "b.md"].contains($0.file) }
            XCTAssertEqual(stale.map { "\($0.file):\($0.line) \($0.message)" }, [
                "a.md:14 stub publishedDateTime 2023-12-31T00:00:00Z differs from the target's 2024-01-03T00:00:00Z",
                "b.md:8 stub title \"Alpha (old)\" differs from the target's title \"Alpha\"",
            ])
        }
    }

    func testAnEntryIsSixteenBytes() {
        XCTAssertEqual(MemoryLayout<FindingList.Entry>.stride, 16)
    }

    func testDecodedListKeepsTheFindingsWholeAndEqual() throws {
        let findings = Analysis(StoryCorpusFixture.corpus).findings
        let decoded = try JSONDecoder().decode(FindingList.self, from: JSONEncoder().encode(findings))
        XCTAssertEqual(decoded, findings)
        XCTAssertEqual(decoded.count, findings.count)
        XCTAssertEqual(decoded, FindingList(Array(findings)))
        XCTAssertNotEqual(decoded, FindingList(Array(findings.dropLast())))
        XCTAssertEqual(FindingList([]), [])
    }
}

extension FindingListTests {
    /// The order goes by each file's first place in the corpus' list, also
    /// when a path is listed twice or the records are not in path order (the
    /// ranks are then looked up, not found by walking records and files together).
    func testOrderGoesByFirstPlaceWhenPathsRepeatOrRecordsAreOutOfOrder() {
        for corpus in corpora {
            var repeated = corpus
            repeated.files = corpus.files + corpus.files.reversed()
            var reordered = corpus
            reordered.records = corpus.records.reversed()
            // Every path given twice (`analyze x y x`): each file read, and its records found, twice.
            var twice = corpus
            (twice.files, twice.records, twice.problems) = (corpus.files + corpus.files, corpus.records + corpus.records,
                                                             corpus.problems + corpus.problems)
            var otherFileOrder = corpus
            otherFileOrder.files = corpus.files.reversed()
            for (name, variant) in [("repeated", repeated), ("twice", twice), ("reordered", reordered), ("other file order", otherFileOrder), ("as loaded", corpus)] {
                let analysis = Analysis(variant)
                let read = Array(analysis.findings)
                XCTAssertEqual(read, wholeFindings(variant, analysis.graph), name)
                var rank: [String: Int] = [:]
                for (index, file) in variant.files.enumerated() where rank[file] == nil { rank[file] = index }
                let kinds = FindingKind.allCases
                let keys = read.map { (rank[$0.file] ?? Int.max, $0.line, $0.column, kinds.firstIndex(of: $0.kind)!, $0.target ?? "") }
                XCTAssertFalse(zip(keys, keys.dropFirst()).contains { $0 > $1 }, name)
                XCTAssertGreaterThan(read.count, 10, name)
            }
        }
    }
}
