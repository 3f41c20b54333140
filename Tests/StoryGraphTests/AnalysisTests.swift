import Foundation
import XCTest
@testable import StoryGraph

/// A hand-made corpus whose every figure is worked out by hand below.
///
/// Records (index: file, aliases):
///   0 a.md  example.com/a   published true   → B (mutual), → C (one-way, stale date, unpublished target),
///                                              dangling gone.example.com/x twice, self link, B again,
///                                              a stub with no URL, an ftp:// stub
///   1 b.md  example.com/b   published true   → A (stale title), dangling gone.example.com/x
///   2 c.md  example.com/c   published false
///   3 d.md  example.com/d + example.com/b (duplicate of B), published nil → C (one-way)
///   4 e.md  example.com/e   published true   → F (one-way; F's published is nil)
///   5 f.md  example.com/f
///   6 g.md  example.com/g   singleton
///   7 h.md  aaa.example.org/h singleton (sorts before g by alias)
/// Problems: broken.md (unreadable, line 3), readme.md (skipped).
enum StoryCorpusFixture {
    static let files = ["a.md", "b.md", "broken.md", "c.md", "d.md", "e.md", "f.md", "g.md", "h.md", "readme.md"]

    static var records: [Record] {
        [
            Record(file: "a.md", title: "Alpha", publishedDateTime: "2024-01-01T10:00:00Z",
                   urls: ArticleURLs(webUrl: "https://www.example.com/a/"), published: true,
                   provider: Provider(name: "Wire"), topics: ["world", "politics"],
                   related: [
                       Stub(line: 10, title: "Beta", publishedDateTime: " 2024-01-02T00:00:00Z\n",
                            urls: ArticleURLs(webUrl: "https://example.com/b")),
                       Stub(line: 14, title: "  Gamma \t", publishedDateTime: "2023-12-31T00:00:00Z",
                            urls: ArticleURLs(webUrl: "http://example.com/c?utm_source=x")),
                       Stub(line: 18, title: "Gone", urls: ArticleURLs(webUrl: "https://gone.example.com/x")),
                       Stub(line: 22, urls: ArticleURLs(webUrl: "https://gone.example.com/x#again")),
                       Stub(line: 26, urls: ArticleURLs(webUrl: "https://example.com/a")),
                       Stub(line: 30, urls: ArticleURLs(webUrl: "https://www.example.com/b/")),
                       Stub(line: 34, title: "No URL at all"),
                       Stub(line: 38, urls: ArticleURLs(webUrl: "ftp://example.com/f")),
                   ]),
            Record(file: "b.md", title: "Beta", publishedDateTime: "2024-01-02T00:00:00Z",
                   urls: ArticleURLs(webUrl: "https://example.com/b"), published: true,
                   provider: Provider(name: "Wire"), topics: ["world"],
                   related: [
                       Stub(line: 8, title: "Alpha (old)", urls: ArticleURLs(webUrl: "https://example.com/a")),
                       Stub(line: 12, urls: ArticleURLs(webUrl: "https://gone.example.com/x")),
                   ]),
            Record(file: "c.md", title: "Gamma", publishedDateTime: "2024-01-03T00:00:00Z",
                   urls: ArticleURLs(webUrl: "https://example.com/c"), published: false,
                   provider: Provider(name: "Zeta"), topics: ["politics", "politics"]),
            Record(file: "d.md", title: "Beta copy",
                   urls: ArticleURLs(webUrl: "https://example.com/d", originalUrl: "https://example.com/b"),
                   provider: Provider(name: "Alpha Press"), topics: ["economy"],
                   related: [Stub(line: 6, urls: ArticleURLs(webUrl: "https://example.com/c"))]),
            Record(file: "e.md", title: "Epsilon", publishedDateTime: "2024-02-01T00:00:00Z",
                   urls: ArticleURLs(webUrl: "https://example.com/e"), published: true,
                   related: [Stub(line: 5, title: "Phi", urls: ArticleURLs(webUrl: "https://example.com/f"))]),
            Record(file: "f.md", title: "Phi", urls: ArticleURLs(webUrl: "https://example.com/f")),
            Record(file: "g.md", title: "Gee", urls: ArticleURLs(webUrl: "https://example.com/g")),
            Record(file: "h.md", title: "Aitch", urls: ArticleURLs(webUrl: "https://aaa.example.org/h")),
        ]
    }

    static var problems: [FileProblem] {
        [
            FileProblem(kind: .unreadable, file: "broken.md", line: 3, message: "front matter is never closed"),
            FileProblem(kind: .skipped, file: "readme.md", line: 1, message: "no front matter"),
        ]
    }

    static var corpus: LoadedCorpus { LoadedCorpus(records: records, problems: problems, files: files) }
    static var analysis: Analysis { Analysis(corpus) }
}

final class AnalysisTests: XCTestCase {
    private struct Located: Equatable, CustomStringConvertible {
        let kind: FindingKind
        let file: String
        let line: Int
        var description: String { "(\(kind.rawValue), \(file), \(line))" }
    }

    func testSummaryOfTheHandMadeCorpus() {
        let summary = StoryCorpusFixture.analysis.summary
        XCTAssertEqual(summary.records, 8)
        XCTAssertEqual(summary.links, 12)
        XCTAssertEqual(summary.edges, 5)
        XCTAssertEqual(summary.mutualPairs, 1)
        XCTAssertEqual(summary.asymmetric, 3)
        XCTAssertEqual(summary.dangling, 2)
        XCTAssertEqual(summary.selfLinks, 1)
        XCTAssertEqual(summary.duplicateLinks, 2)
        XCTAssertEqual(summary.components, 4)
        XCTAssertEqual(summary.largestComponent, 4)
        XCTAssertEqual(summary.singletons, 2)
        XCTAssertEqual(summary.malformed, 2)
        XCTAssertEqual(summary.duplicateRecords, 1)
        XCTAssertEqual(summary.staleTitles, 1)
        XCTAssertEqual(summary.staleDates, 1)
        XCTAssertEqual(summary.unpublishedTargets, 1)
        XCTAssertEqual(summary.unreadable, 1)
        XCTAssertEqual(summary.skipped, 1)
    }

    func testFindingsInSortedOrder() {
        let found = StoryCorpusFixture.analysis.findings.map { Located(kind: $0.kind, file: $0.file, line: $0.line) }
        let expected: [Located] = [
            Located(kind: .asymmetric, file: "a.md", line: 14),
            Located(kind: .staleDate, file: "a.md", line: 14),
            Located(kind: .unpublishedTarget, file: "a.md", line: 14),
            Located(kind: .dangling, file: "a.md", line: 18),
            Located(kind: .duplicateLink, file: "a.md", line: 22),
            Located(kind: .selfLink, file: "a.md", line: 26),
            Located(kind: .duplicateLink, file: "a.md", line: 30),
            Located(kind: .malformed, file: "a.md", line: 34),
            Located(kind: .malformed, file: "a.md", line: 38),
            Located(kind: .staleTitle, file: "b.md", line: 8),
            Located(kind: .dangling, file: "b.md", line: 12),
            Located(kind: .unreadable, file: "broken.md", line: 3),
            Located(kind: .duplicateRecord, file: "d.md", line: 1),
            Located(kind: .asymmetric, file: "d.md", line: 6),
            Located(kind: .asymmetric, file: "e.md", line: 5),
            Located(kind: .skipped, file: "readme.md", line: 1),
        ]
        XCTAssertEqual(found, expected)
    }

    func testFindingSeverities() {
        let expected: [FindingKind: Severity] = [
            .unreadable: .error, .duplicateRecord: .error, .malformed: .error, .dangling: .error, .asymmetric: .error,
            .selfLink: .warning, .duplicateLink: .warning, .staleTitle: .warning, .staleDate: .warning,
            .unpublishedTarget: .warning, .skipped: .notice,
        ]
        XCTAssertEqual(Set(FindingKind.allCases), Set(expected.keys))
        for kind in FindingKind.allCases {
            XCTAssertEqual(kind.defaultSeverity, expected[kind], "\(kind)")
        }
        let findings = StoryCorpusFixture.analysis.findings
        XCTAssertEqual(Set(findings.map(\.kind)), Set(FindingKind.allCases), "the fixture yields every kind")
        for finding in findings {
            XCTAssertEqual(finding.severity, expected[finding.kind], "\(finding.kind)")
        }
    }

    func testFileProblemsBecomeFindings() throws {
        let findings = StoryCorpusFixture.analysis.findings
        let unreadable = try XCTUnwrap(findings.first { $0.kind == .unreadable })
        XCTAssertEqual(unreadable.file, "broken.md")
        XCTAssertEqual(unreadable.line, 3)
        XCTAssertEqual(unreadable.message, "front matter is never closed")
        XCTAssertEqual(unreadable.severity, .error)
        let skipped = try XCTUnwrap(findings.first { $0.kind == .skipped })
        XCTAssertEqual(skipped.file, "readme.md")
        XCTAssertEqual(skipped.line, 1)
        XCTAssertEqual(skipped.message, "no front matter")
        XCTAssertEqual(skipped.severity, .notice)
    }

    func testProblemsAloneAreCounted() {
        let corpus = LoadedCorpus(records: [], problems: [
            FileProblem(kind: .skipped, file: "x/README.md", line: 1, message: "no front matter"),
            FileProblem(kind: .unreadable, file: "x/bad.md", line: 2, message: "bad YAML"),
            FileProblem(kind: .unreadable, file: "x/worse.md", line: 1, message: "invalid UTF-8"),
        ], files: ["x/README.md", "x/bad.md", "x/worse.md"])
        let analysis = Analysis(corpus)
        XCTAssertEqual(analysis.findings.map(\.kind), [.skipped, .unreadable, .unreadable])
        XCTAssertEqual(analysis.findings.map(\.file), ["x/README.md", "x/bad.md", "x/worse.md"])
        XCTAssertEqual(analysis.summary.unreadable, 2)
        XCTAssertEqual(analysis.summary.skipped, 1)
        XCTAssertEqual(analysis.summary.records, 0)
        XCTAssertEqual(analysis.summary.components, 0)
        XCTAssertEqual(analysis.summary.largestComponent, 0)
        XCTAssertEqual(analysis.summary.singletons, 0)
    }

    func testFindingsAreOrderedByFilesNotByName() {
        // `files` lists z.md before a.md: findings follow that order, not the alphabet.
        let records = [
            Record(file: "z.md", urls: ArticleURLs(webUrl: "https://example.com/z"),
                   related: [Stub(line: 9, urls: ArticleURLs(webUrl: "https://missing.example/1"))]),
            Record(file: "a.md", urls: ArticleURLs(webUrl: "https://example.com/a"),
                   related: [Stub(line: 4, urls: ArticleURLs(webUrl: "https://missing.example/2")),
                             Stub(line: 2, urls: ArticleURLs(webUrl: "mailto:x@example.com"))]),
        ]
        let analysis = Analysis(LoadedCorpus(records: records, problems: [], files: ["z.md", "a.md"]))
        XCTAssertEqual(analysis.findings.map { Located(kind: $0.kind, file: $0.file, line: $0.line) }, [
            Located(kind: .dangling, file: "z.md", line: 9),
            Located(kind: .malformed, file: "a.md", line: 2),
            Located(kind: .dangling, file: "a.md", line: 4),
        ])
    }

    func testFindingSourceAndTarget() throws {
        let findings = StoryCorpusFixture.analysis.findings
        let dangling = try XCTUnwrap(findings.first { $0.kind == .dangling })
        XCTAssertEqual(dangling.source, "https://www.example.com/a/")
        XCTAssertEqual(dangling.target, "https://gone.example.com/x")
        XCTAssertEqual(dangling.message, "related link to gone.example.com/x (\"Gone\") names no record")
        let duplicate = try XCTUnwrap(findings.first { $0.kind == .duplicateRecord })
        XCTAssertEqual(duplicate.source, "https://example.com/d")
        XCTAssertEqual(duplicate.target, "https://example.com/b")
        XCTAssertEqual(duplicate.message, "shares the URL example.com/b with b.md, which owns it")
    }

    func testGraphResolutions() {
        let graph = StoryCorpusFixture.analysis.graph
        XCTAssertEqual(graph.edges.map { [$0.source, $0.target] }, [[0, 1], [0, 2], [1, 0], [3, 2], [4, 5]])
        let resolutions = graph.links.map(\.resolution)
        XCTAssertEqual(resolutions, [
            .record(1), .record(2), .dangling("gone.example.com/x"),
            .duplicate(of: LinkRef(record: 0, stub: 2)), .selfLink(0),
            .duplicate(of: LinkRef(record: 0, stub: 0)), .malformed, .malformed,
            .record(0), .dangling("gone.example.com/x"),
            .record(2),
            .record(5),
        ])
        XCTAssertEqual(graph.aliases.owner(of: "example.com/b"), 1, "the first record in path order owns a shared alias")
        XCTAssertEqual(graph.duplicateOf[3]?.alias, "example.com/b")
        XCTAssertEqual(graph.duplicateOf[3]?.owner, 1)
        XCTAssertEqual(graph.duplicateOf.count, 1)
    }

    func testDanglingCountedPerSourceAndFirstAlias() {
        // One record naming one missing URL three ways → 1 dangling + 2 duplicate links;
        // another record naming it too → a second dangling reference.
        let records = [
            Record(file: "1.md", urls: ArticleURLs(webUrl: "https://one.example/"), related: [
                Stub(line: 2, urls: ArticleURLs(webUrl: "https://lost.example/p")),
                Stub(line: 3, urls: ArticleURLs(webUrl: "http://www.lost.example/p/?utm_medium=x")),
                Stub(line: 4, urls: ArticleURLs(webUrl: "https://lost.example/p#top")),
            ]),
            Record(file: "2.md", urls: ArticleURLs(webUrl: "https://two.example/"), related: [
                Stub(line: 2, urls: ArticleURLs(webUrl: "https://lost.example/p")),
            ]),
        ]
        let summary = Analysis(LoadedCorpus(records: records, files: ["1.md", "2.md"])).summary
        XCTAssertEqual(summary.links, 4)
        XCTAssertEqual(summary.dangling, 2)
        XCTAssertEqual(summary.duplicateLinks, 2)
        XCTAssertEqual(summary.edges, 0)
        XCTAssertEqual(summary.components, 2)
        XCTAssertEqual(summary.singletons, 2)
    }

    func testStaleStubsTrimWhitespaceOnly() {
        let target = Record(file: "t.md", title: "Same Title", publishedDateTime: "2024-05-05T05:05:05Z",
                            urls: ArticleURLs(webUrl: "https://t.example/"))
        let source = Record(file: "s.md", urls: ArticleURLs(webUrl: "https://s.example/"), related: [
            Stub(line: 2, title: "\u{3000} Same Title\n", publishedDateTime: "\t2024-05-05T05:05:05Z ",
                 urls: ArticleURLs(webUrl: "https://t.example/")),
        ])
        let clean = Analysis(LoadedCorpus(records: [source, target], files: ["s.md", "t.md"]))
        XCTAssertEqual(clean.summary.staleTitles, 0)
        XCTAssertEqual(clean.summary.staleDates, 0)

        var changed = source
        changed.related[0].title = "Same title"
        changed.related[0].publishedDateTime = "2024-05-05"
        let stale = Analysis(LoadedCorpus(records: [changed, target], files: ["s.md", "t.md"]))
        XCTAssertEqual(stale.findings.map(\.kind), [.asymmetric, .staleTitle, .staleDate])

        // A stub that leaves the key out is not stale.
        var silent = source
        silent.related[0].title = nil
        silent.related[0].publishedDateTime = nil
        let quiet = Analysis(LoadedCorpus(records: [silent, target], files: ["s.md", "t.md"]))
        XCTAssertEqual(quiet.findings.map(\.kind), [.asymmetric])
    }

    /// `differ` (what the pass asks, and `differing` too) on values with and
    /// without whitespace to trim: the count holds what it decides.
    func testStaleDifferAgreesWithDiffering() {
        let values: [String?] = [nil, "", " ", "A", "A ", " A", "\u{3000}A\n", "a", "A B", "A  B", "2024-05-05T05:05:05Z", "\t2024-05-05T05:05:05Z "]
        var differing = 0
        for said in values {
            for actual in values {
                XCTAssertEqual(StaleStubs.differ(said, actual), StaleStubs.differing(said, actual) != nil, "\(String(describing: said)) / \(String(describing: actual))")
                if StaleStubs.differ(said, actual) { differing += 1 }
            }
        }
        // The 11 present values are 6 texts once trimmed ("" and " "; "A", "A ", " A" and
        // "\u{3000}A\n"; "a"; "A B"; "A  B"; the two dates): of their 121 pairs, 4 + 16 + 1 + 1 + 1 + 4 are alike.
        XCTAssertEqual(differing, 94)
    }

    func testUnpublishedTargetOnlyFromPublishedToUnpublished() {
        func count(source: Bool?, target: Bool?) -> Int {
            let records = [
                Record(file: "s.md", urls: ArticleURLs(webUrl: "https://s.example/"), published: source,
                       related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://t.example/"))]),
                Record(file: "t.md", urls: ArticleURLs(webUrl: "https://t.example/"), published: target),
            ]
            return Analysis(LoadedCorpus(records: records, files: ["s.md", "t.md"])).summary.unpublishedTargets
        }
        XCTAssertEqual(count(source: true, target: false), 1)
        XCTAssertEqual(count(source: true, target: nil), 0)
        XCTAssertEqual(count(source: true, target: true), 0)
        XCTAssertEqual(count(source: nil, target: false), 0)
        XCTAssertEqual(count(source: false, target: false), 0)
    }

    func testStubResolvesThroughItsFirstMatchingAlias() {
        // The stub's webUrl names no record, its ampWebUrl names t.md: an edge, not a dangling link.
        let records = [
            Record(file: "s.md", urls: ArticleURLs(webUrl: "https://s.example/"), related: [
                Stub(line: 2, urls: ArticleURLs(webUrl: "https://nowhere.example/", ampWebUrl: "https://t.example/amp/")),
            ]),
            Record(file: "t.md", urls: ArticleURLs(webUrl: "https://t.example/", ampWebUrl: "https://t.example/amp/")),
        ]
        let analysis = Analysis(LoadedCorpus(records: records, files: ["s.md", "t.md"]))
        XCTAssertEqual(analysis.summary.edges, 1)
        XCTAssertEqual(analysis.summary.dangling, 0)
        XCTAssertEqual(analysis.findings.map(\.kind), [.asymmetric])
    }

    func testAnalysisIsDeterministic() {
        let first = StoryCorpusFixture.analysis
        let second = StoryCorpusFixture.analysis
        XCTAssertEqual(first.findings, second.findings)
        XCTAssertEqual(first.summary, second.summary)
        XCTAssertEqual(first.clustering.clusters, second.clustering.clusters)
    }
}
