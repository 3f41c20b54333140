import XCTest
@testable import StoryGraph
@testable import StoryGraphExport

final class ExportModelTests: XCTestCase {
    func testCountsFollowTheSummary() {
        let model = ExportFixture.model
        let summary = model.analysis.summary
        XCTAssertEqual([summary.records, summary.links, summary.edges, summary.dangling, summary.selfLinks,
                        summary.duplicateLinks, summary.malformed, summary.duplicateRecords], [6, 9, 3, 3, 1, 1, 1, 1])
        XCTAssertEqual(model.articles.count, summary.records)
        XCTAssertEqual(model.edges.filter { $0.kind == .article }.count, summary.edges)
        XCTAssertEqual(model.edges.filter { $0.kind == .dangling }.count, summary.dangling)
        XCTAssertEqual(model.danglingTargets.count, 2)
        XCTAssertEqual(model.clusters.count, summary.components)
    }

    func testNodeIDs() {
        let model = ExportFixture.model
        XCTAssertEqual(model.articles.map(\.id), [
            "example.com/a", "example.com/b", "example.com/c",
            "record:d.md:1", // a duplicate of Beta: it owns no alias
            "record:e.md:1", // no URL
            "example.com/f",
        ])
        XCTAssertEqual(model.danglingTargets.map(\.id), ["dangling:gone.example/x", "dangling:gone.example/y"])
    }

    func testArticleAttributes() {
        let alpha = ExportFixture.model.articles[0]
        XCTAssertEqual(alpha, ArticleNode(
            record: 0, id: "example.com/a", title: "Alpha", url: "https://example.com/a",
            aliases: ["example.com/a", "example.com/a/amp"], file: "a.md", line: 1, provider: "Wire",
            published: true, date: "2024-01-01T10:00:00Z", quality: 0.5, heat: 2, topics: ["AI", "Chips"],
            cluster: 1, story: nil, inDegree: 1, outDegree: 3, danglingOut: 1))
        let epsilon = ExportFixture.model.articles[4]
        XCTAssertNil(epsilon.url)
        XCTAssertEqual(epsilon.aliases, [])
        XCTAssertEqual(ExportFixture.model.articles.map(\.cluster), [1, 1, 1, 3, 2, 4])
        XCTAssertEqual(ExportFixture.model.articles.map(\.inDegree), [1, 1, 1, 0, 0, 0])
        XCTAssertEqual(ExportFixture.model.articles.map(\.outDegree), [3, 2, 0, 0, 0, 1])
        XCTAssertEqual(ExportFixture.model.articles.map(\.danglingOut), [1, 1, 0, 0, 0, 1])
    }

    /// A dangling target carries its first stub's title, URL, provider and date, and counts its sources.
    func testDanglingTargets() {
        XCTAssertEqual(ExportFixture.model.danglingTargets, [
            DanglingNode(id: "dangling:gone.example/x", alias: "gone.example/x", url: "https://gone.example/x",
                         title: "Missing", provider: "Gone", date: "2023-12-31", inDegree: 2),
            DanglingNode(id: "dangling:gone.example/y", alias: "gone.example/y", url: "https://gone.example/y",
                         title: nil, provider: nil, date: nil, inDegree: 1),
        ])
    }

    /// Edges in stub order; self, duplicate and malformed stubs make none.
    func testEdgesInStubOrder() {
        let edges = ExportFixture.model.edges
        XCTAssertEqual(edges.map { "\($0.source) -> \($0.target) \($0.kind.rawValue) \($0.mutual) \($0.file):\($0.line):\($0.column)" }, [
            "example.com/a -> example.com/b article true a.md:2:5",
            "example.com/a -> example.com/c article false a.md:3:5",
            "example.com/a -> dangling:gone.example/x dangling false a.md:4:5",
            "example.com/b -> example.com/a article true b.md:2:3",
            "example.com/b -> dangling:gone.example/x dangling false b.md:3:3",
            "example.com/f -> dangling:gone.example/y dangling false f.md:9:3",
        ])
    }

    func testClusterRows() {
        let clusters = ExportFixture.model.clusters
        XCTAssertEqual(clusters.map(\.id), [1, 2, 3, 4])
        XCTAssertEqual(clusters.map(\.size), [3, 1, 1, 1])
        let first = clusters[0]
        XCTAssertEqual([first.edges, first.mutualPairs, first.asymmetric, first.dangling], [3, 1, 1, 2])
        XCTAssertEqual(first.firstDate, "2024-01-01T10:00:00Z")
        XCTAssertEqual(first.lastDate, "2024-01-03T00:00:00Z")
        XCTAssertEqual(first.title, "Alpha")
        XCTAssertEqual(first.members, [0, 1, 2])
        XCTAssertEqual(clusters.map(\.title), ["Alpha", "Epsilon", "Beta copy", "Phi"])
        XCTAssertEqual(clusters[3].dangling, 1)
        XCTAssertNil(clusters[1].firstDate)
    }

    func testTablesHaveOneValueAColumn() {
        let model = ExportFixture.model
        for table in [model.nodeTable, model.edgeTable, model.clusterTable, model.storyTable, model.findingTable] {
            for row in table.rows { XCTAssertEqual(row.count, table.columns.count, table.name) }
        }
        XCTAssertEqual(model.nodeTable.rows.count, 8)
        XCTAssertEqual(model.findingTable.rows.count, model.analysis.findings.count)
        XCTAssertEqual(model.nodeTable.columns.map(\.name), [
            "id", "kind", "title", "url", "aliases", "file", "line", "provider", "published", "date",
            "quality", "heat", "topics", "cluster", "story", "in_degree", "out_degree", "dangling_out",
        ])
        XCTAssertEqual(model.edgeTable.columns.map(\.name), ["source", "target", "kind", "mutual", "file", "line", "column"])
    }

    /// Without stories no article names one and the stories table is empty; with
    /// them, each article names the story `analyze` puts it in, and the table lists each story.
    func testStoriesAsTheAnalysisFindsThem() throws {
        XCTAssertEqual(ExportFixture.model.articles.map(\.story), Array(repeating: nil, count: 6))
        XCTAssertEqual(ExportFixture.model.storyTable.rows.count, 0)

        let corpus = LoadedCorpus(records: ExportFixture.records, files: ExportFixture.records.map(\.file))
        let model = ExportModel(Analysis(corpus, stories: .components))
        // `components`: one story per cluster of two or more, here cluster 1 = {Alpha, Beta, Gamma}.
        XCTAssertEqual(model.articles.map(\.story), [1, 1, 1, nil, nil, nil])
        let label = model.analysis.stories?.stories.first?.label ?? "?"
        XCTAssertEqual(model.storyTable.columns.map(\.name), ["id", "cluster", "size", "label", "first_date", "last_date"])
        XCTAssertEqual(model.storyTable.rows, [[.int(1), .int(1), .int(3), .string(label),
                                                .string("2024-01-01T10:00:00Z"), .string("2024-01-03T00:00:00Z")]])
        let story = try XCTUnwrap(model.nodeTable.columns.firstIndex { $0.name == "story" })
        XCTAssertEqual(model.nodeTable.rows.map { $0[story] }, [.int(1), .int(1), .int(1), nil, nil, nil, nil, nil])
    }

    func testGraphAttributesAreTheSummary() {
        let attributes = ExportFixture.model.graphAttributes
        XCTAssertEqual(attributes.count, 18)
        XCTAssertEqual(attributes.map(\.name), attributes.map(\.name).sorted())
        let byName = Dictionary(uniqueKeysWithValues: attributes.map { ($0.name, $0.value) })
        XCTAssertEqual(byName["records"], 6)
        XCTAssertEqual(byName["dangling"], 3)
        XCTAssertEqual(byName["mutual_pairs"], 1)
        XCTAssertEqual(byName["duplicate_records"], 1)
    }

    /// Infinity and NaN have no JSON form every reader takes: missing.
    func testNonFiniteNumbersAreMissing() {
        let records = [Record(file: "a.md", urls: ArticleURLs(webUrl: "https://example.com/a"), quality: .infinity, heat: .nan)]
        let node = ExportModel(Analysis(LoadedCorpus(records: records, files: ["a.md"]))).articles[0]
        XCTAssertNil(node.quality)
        XCTAssertNil(node.heat)
    }

    /// Characters XML cannot hold are percent-encoded in ids; ids that still clash get a suffix.
    func testIDsAreXMLSafeAndDistinct() {
        XCTAssertEqual(NodeIDs.xmlSafe("example.com/a\u{1}b\u{FFFE}"), "example.com/a%01b%EF%BF%BE")
        XCTAssertEqual(NodeIDs.xmlSafe("example.com/tab\there"), "example.com/tab\there")
        let records = [
            Record(file: "x.json", line: 3, title: "first"),
            Record(file: "x.json", line: 3, title: "second on the same line"),
            Record(file: "y.md", urls: ArticleURLs(webUrl: "https://example.com/a\u{1}"),
                   related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://gone.example/%01")),
                             Stub(line: 3, urls: ArticleURLs(webUrl: "https://gone.example/\u{1}"))]),
        ]
        let model = ExportModel(Analysis(LoadedCorpus(records: records, files: ["x.json", "y.md"])))
        XCTAssertEqual(model.articles.map(\.id), ["record:x.json:3", "record:x.json:3 #2", "example.com/a%01"])
        XCTAssertEqual(model.danglingTargets.map(\.id), ["dangling:gone.example/%01", "dangling:gone.example/%01 #2"])
    }

    /// Two spellings of `é` are two URLs (SPEC.md compares code points), so two dangling targets.
    func testDanglingTargetsAreKeyedByCodePoints() {
        let records = [Record(file: "a.md", urls: ArticleURLs(webUrl: "https://example.com/a"),
                              related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://gone.example/caf\u{E9}")),
                                        Stub(line: 3, urls: ArticleURLs(webUrl: "https://gone.example/cafe\u{301}"))])]
        let model = ExportModel(Analysis(LoadedCorpus(records: records, files: ["a.md"])))
        XCTAssertEqual(model.analysis.summary.dangling, 2)
        XCTAssertEqual(model.danglingTargets.count, 2)
        XCTAssertEqual(model.danglingTargets.map(\.inDegree), [1, 1])
    }
}
