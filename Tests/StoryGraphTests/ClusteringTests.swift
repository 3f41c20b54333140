import Foundation
import XCTest
@testable import StoryGraph

final class ClusteringTests: XCTestCase {
    private func record(_ file: String, _ webUrl: String, originalUrl: String? = nil, links: [String] = []) -> Record {
        Record(file: file, urls: ArticleURLs(webUrl: webUrl, originalUrl: originalUrl),
               related: links.enumerated().map { Stub(line: $0.offset + 2, urls: ArticleURLs(webUrl: $0.element)) })
    }

    /// Index: members
    ///   0,1,2  a chain of three (m.example)                      → size 3, id 1
    ///   3,4    smallest alias a.example/p (an originalUrl)        → id 2
    ///   5,6    smallest alias example.com/apple                   → id 4
    ///   7,8    smallest alias example.com/Zed ("Z" < "a")         → id 3
    ///   9      yy.example/s singleton                             → id 6
    ///   10     bb.example/s singleton                             → id 5
    private var records: [Record] {
        [
            record("r0", "https://m.example/1", links: ["https://m.example/2"]),
            record("r1", "https://m.example/2"),
            record("r2", "https://m.example/3", links: ["https://m.example/2"]),
            record("r3", "https://z.example/p", originalUrl: "https://a.example/p", links: ["https://z.example/q"]),
            record("r4", "https://z.example/q"),
            record("r5", "https://example.com/banana"),
            record("r6", "https://example.com/apple", links: ["https://example.com/banana"]),
            record("r7", "https://example.com/zz", links: ["https://example.com/Zed"]),
            record("r8", "https://example.com/Zed"),
            record("r9", "https://yy.example/s"),
            record("r10", "https://bb.example/s"),
        ]
    }

    private var analysis: Analysis {
        let records = records
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
    }

    func testClusterIdsBySizeThenSmallestAlias() {
        let clustering = analysis.clustering
        XCTAssertEqual(clustering.clusters.map(\.id), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(clustering.clusters.map(\.members), [[0, 1, 2], [3, 4], [7, 8], [5, 6], [10], [9]])
        XCTAssertEqual(clustering.clusters.map(\.size), [3, 2, 2, 2, 1, 1])
    }

    /// "café" precomposed (é is U+00E9) and decomposed (e, then U+0301) are
    /// canonically equivalent, so Swift's `==` calls them equal; in code-point
    /// order the decomposed one comes first ("e" < "é"), as Python sorts them.
    /// The singleton listed first must not win the tie on path order.
    func testSmallestAliasesCompareByCodePointsNotCanonicalEquivalence() {
        let records = [record("p", "https://a.com/caf\u{E9}"), record("d", "https://a.com/cafe\u{301}")]
        let clustering = Clustering(GraphBuilder.build(records))
        XCTAssertEqual(clustering.clusters.map(\.members), [[1], [0]])
    }

    func testClusterOfEveryRecord() {
        XCTAssertEqual(analysis.clustering.clusterOf, [1, 1, 1, 2, 2, 4, 4, 3, 3, 6, 5])
    }

    func testClusterLookup() {
        let clustering = analysis.clustering
        XCTAssertEqual(clustering.cluster(id: 3)?.members, [7, 8])
        XCTAssertEqual(clustering.cluster(id: 6)?.members, [9])
        XCTAssertNil(clustering.cluster(id: 0))
        XCTAssertNil(clustering.cluster(id: 7))
        XCTAssertNil(clustering.cluster(id: -1))
        // No records at all (a folder of READMEs): no cluster, and no trap.
        XCTAssertNil(Clustering(GraphBuilder.build([])).cluster(id: 1))
    }

    func testComponentFigures() {
        let summary = analysis.summary
        XCTAssertEqual(summary.components, 6)
        XCTAssertEqual(summary.largestComponent, 3)
        XCTAssertEqual(summary.singletons, 2)
        XCTAssertEqual(summary.edges, 5)
        XCTAssertEqual(summary.asymmetric, 5)
        XCTAssertEqual(summary.mutualPairs, 0)
    }

    func testIdsDoNotDependOnPathOrderOfEqualClusters() {
        // Reversing the records changes indices but not which articles share an id.
        let reversed = Array(records.reversed())
        let clustering = Analysis(LoadedCorpus(records: reversed, files: reversed.map(\.file))).clustering
        let filesById = clustering.clusters.map { $0.members.map { reversed[$0].file }.sorted() }
        XCTAssertEqual(filesById, [["r0", "r1", "r2"], ["r3", "r4"], ["r7", "r8"], ["r5", "r6"], ["r10"], ["r9"]])
    }

    func testFixtureClusters() {
        let clustering = StoryCorpusFixture.analysis.clustering
        XCTAssertEqual(clustering.clusters.map(\.members), [[0, 1, 2, 3], [4, 5], [7], [6]])
        XCTAssertEqual(clustering.clusterOf, [1, 1, 1, 1, 2, 2, 4, 3])
    }
}
