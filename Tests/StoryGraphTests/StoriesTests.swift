import XCTest
@testable import StoryGraph

/// Stories on a small archive: two stories of four articles, linked both ways
/// inside, joined by one one-way "see also" link a3 → b0.
final class StoriesTests: XCTestCase {
    private static let titles = [
        "Moonshot Kimi model launch", "Moonshot Kimi funding", "Kimi chatbot from Moonshot", "Moonshot valuation",
        "Rover lands on Mars", "Mars rover photos", "Mars rover drills", "Mars sample",
    ]

    private static var records: [Record] {
        titles.enumerated().map { index, title in
            let story = index / 4
            var links = (0..<4).map { story * 4 + $0 }.filter { $0 != index }
            if index == 3 { links.append(4) }
            let date = index == 3 ? "2024-03-01T08:00:00Z" : index == 4 ? "2024-02-28T08:00:00Z" : "202\(index % 4)-06-01T00:00:00Z"
            return Record(file: "r\(index).md", title: title, publishedDateTime: date,
                          urls: ArticleURLs(webUrl: "https://news.example/\(index)"),
                          provider: Provider(name: index % 2 == 0 ? "Wire" : "Daily"), topics: story == 0 ? ["AI"] : ["Space"],
                          related: links.map { Stub(line: 2, urls: ArticleURLs(webUrl: "https://news.example/\($0)")) })
        }
    }

    private func analysis(_ method: Stories.Method?) -> Analysis {
        let records = Self.records
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)), stories: method)
    }

    func testABridgedClusterSplitsIntoItsTwoStories() throws {
        for method in [Stories.Method.louvain, .leiden] {
            let stories = try XCTUnwrap(analysis(method).stories)
            XCTAssertEqual(stories.stories.map(\.members), [[0, 1, 2, 3], [4, 5, 6, 7]], "\(method)")
            XCTAssertEqual(stories.stories.map(\.id), [1, 2])
            XCTAssertEqual(stories.stories.map(\.cluster), [1, 1])
            XCTAssertEqual(stories.storyOf, [1, 1, 1, 1, 2, 2, 2, 2])
            // moonshot: 4 members × log(8/4 + 1) beats kimi: 3 × log(8/3 + 1); "mars" likewise beats "rover".
            XCTAssertEqual(stories.stories.map(\.label), ["moonshot kimi", "mars rover"])
        }
    }

    func testComponentsAreTheClusters() throws {
        let analysis = analysis(.components)
        let stories = try XCTUnwrap(analysis.stories)
        XCTAssertEqual(stories.stories.map(\.members), analysis.clustering.clusters.filter { $0.size > 1 }.map(\.members))
        XCTAssertEqual(stories.stories.map(\.id), [1])
        XCTAssertNil(self.analysis(nil).stories)
    }

    /// weight = link × (1 + shared neighbours) × (1 + ½ shared rare terms + ½ if within three days).
    func testWeightsFollowTheirFormula() throws {
        let terms = TitleTerms(Self.records)
        let graph = StoryWeights.graph(analysis(nil).graph, terms: terms)
        func weight(_ a: Int, _ b: Int) -> Double? {
            graph.edgeRange(of: a).first { graph.neighbours[$0] == b }.map { graph.weights[$0] }
        }
        // Rare terms carry at most max(3, 8/100) = 3 records: kimi (3), rover (3), not moonshot or mars (4) or the topics (4).
        // r0–r1: mutual (4), shared neighbours r2 and r3 (× 3), share "kimi" (× 1.5).
        XCTAssertEqual(weight(0, 1), 18)
        // r0–r3: mutual, shared r1 and r2, no rare term in common.
        XCTAssertEqual(weight(0, 3), 12)
        // r3 → r4: one-way, no shared neighbour (0.1), published two days apart across 29 February (× 1.5).
        XCTAssertEqual(try XCTUnwrap(weight(3, 4)), 0.15, accuracy: 1e-15)
        XCTAssertEqual(weight(4, 3), weight(3, 4))
        XCTAssertNil(weight(0, 4))
        // Each story: three pairs sharing a rare term (18) and three that do not (12); plus the bridge.
        XCTAssertEqual(graph.totalWeight, 2 * (3 * 18 + 3 * 12) + 0.15, accuracy: 1e-12)
    }

    func testTitleWordsAndDays() {
        XCTAssertEqual(TitleTerms.words("Alibaba's Qwen-2 beats GPT: the Ünïcödé 2024 AI 中文 model"),
                       ["alibaba", "qwen", "beats", "gpt", "ünïcödé", "model"])  // "AI" and "中文" are too short
        XCTAssertEqual(StoryWeights.dayNumber("1970-01-01T00:00:00Z"), 719_468)
        XCTAssertEqual(StoryWeights.dayNumber("2024-03-01")! - StoryWeights.dayNumber("2024-02-28")!, 2)
        XCTAssertEqual(StoryWeights.dayNumber("2023-03-01")! - StoryWeights.dayNumber("2023-02-28")!, 1)
        XCTAssertNil(StoryWeights.dayNumber("2024"))
        XCTAssertNil(StoryWeights.dayNumber("2024-13-01"))
    }

    func testReportAndTextListTheStories() throws {
        let report = Report(analysis(.leiden))
        let stories = try XCTUnwrap(report.stories)
        XCTAssertEqual(stories.map(\.size), [4, 4])
        XCTAssertEqual(stories[0].members.map(\.file), ["r0.md", "r1.md", "r2.md", "r3.md"])
        XCTAssertEqual(stories[0].members[0].url, "https://news.example/0")
        XCTAssertEqual(stories[0].dateSpan, ClusterReport.DateSpan(first: "2020-06-01T00:00:00Z", last: "2024-03-01T08:00:00Z"))
        XCTAssertEqual(stories[0].providers, [.init(name: "Daily", count: 2), .init(name: "Wire", count: 2)])
        let text = TextReport.render(report)
        XCTAssertTrue(text.contains("""
            Stories of two or more: 2 in 1 cluster
              #1  cluster #1, 4 articles 2020-06-01…2024-03-01  moonshot kimi
              #2  cluster #1, 4 articles 2021-06-01…2024-02-28  mars rover

            """), text)
        XCTAssertNil(Report(analysis(nil)).stories)
        XCTAssertFalse(TextReport.render(Report(analysis(nil))).contains("Stories"))
    }
}

extension StoriesTests {
    /// The graph is built straight from each record's neighbour lists; built
    /// the plain way instead (one weighted edge per linked pair, through
    /// `WeightedGraph(nodeCount:edges:)`) it is the same to the last bit, on
    /// random archives with one-way and mutual links, repeats and self links.
    func testWeightsAreThoseOfOneEdgePerLinkedPair() {
        var rng = SplitMix64(seed: 0x5707_1E5)
        for round in 0..<20 {
            let count = 2 + rng.next(below: 120)
            let records = Self.randomRecords(count: count, links: 6, rng: &rng) { _, rng in rng.next(below: count) }
            let graph = GraphBuilder.build(records)
            let terms = TitleTerms(records)
            let built = StoryWeights.graph(graph, terms: terms)
            let plain = WeightedGraph(nodeCount: graph.nodeCount, edges: Self.onePerPair(graph, terms))
            XCTAssertEqual(built.offsets, plain.offsets, "round \(round)")
            XCTAssertEqual(built.neighbours, plain.neighbours, "round \(round)")
            XCTAssertEqual(built.weights, plain.weights, "round \(round)")
            XCTAssertEqual(built.selfLoops, plain.selfLoops, "round \(round)")
            XCTAssertEqual(built.strengths, plain.strengths, "round \(round)")
            XCTAssertEqual(built.totalWeight, plain.totalWeight, "round \(round)")
        }
    }

    /// The weighted edges as they were made before: each linked pair once, in edge order.
    private static func onePerPair(_ graph: ArticleGraph, _ terms: TitleTerms) -> [(Int, Int, Double)] {
        let n = graph.nodeCount
        let neighbours = StoryWeights.neighbourLists(graph).lists
        let rareTerms = StoryWeights.rareTermLists(terms, limit: max(3, n / 100), recordCount: n)
        let days = graph.records.map { $0.publishedDateTime.flatMap(StoryWeights.dayNumber) }
        return graph.edges.compactMap { edge in
            let mutual = graph.hasEdge(from: edge.target, to: edge.source)
            if mutual && edge.source > edge.target { return nil }
            let (a, b) = (min(edge.source, edge.target), max(edge.source, edge.target))
            let shared = Double(neighbours.commonCount(a, b))
            let link = mutual ? 4.0 : shared > 0 ? 1.0 : 0.1
            var content = 0.5 * Double(min(4, rareTerms.commonCount(a, b)))
            if let dayA = days[a], let dayB = days[b], abs(dayA - dayB) <= 3 { content += 0.5 }
            return (a, b, link * (1 + shared) * (1 + content))
        }
    }
}

extension StoriesTests {
    /// The analysis finds the communities beside the clusters and findings,
    /// and labels the stories on several threads: the stories are those of
    /// `Stories(graph, clustering:method:)` on one thread, for any thread count.
    func testStoriesAreTheSameOnOneThreadAndOnSeveral() throws {
        var rng = SplitMix64(seed: 0xC1A5_7E25)
        for round in 0..<10 {
            let count = 40 + rng.next(below: 200)
            // Links stay inside blocks of 40 records, so that there are several clusters.
            let records = Self.randomRecords(count: count, links: 5, rng: &rng) { index, rng in
                min(count - 1, index / 40 * 40 + rng.next(below: 40))
            }
            let corpus = LoadedCorpus(records: records, files: records.map(\.file))
            let graph = GraphBuilder.build(records)
            let clustering = Clustering(graph)
            for method in Stories.Method.allCases {
                let expected = Stories(graph, clustering: clustering, method: method)
                XCTAssertGreaterThan(expected.stories.count, 1, "round \(round) \(method)")
                for jobs in [1, 2, 3] {
                    let stories = try XCTUnwrap(Analysis(corpus, graph: graph, stories: method, jobs: jobs).stories)
                    XCTAssertEqual(stories.stories, expected.stories, "round \(round) \(method) jobs \(jobs)")
                    XCTAssertEqual(stories.storyOf, expected.storyOf, "round \(round) \(method) jobs \(jobs)")
                }
            }
        }
    }
}

extension StoriesTests {
    /// A random archive: titles of one to four of a few words, most records
    /// dated (early 2024), topics on about half, and fewer than `links` links
    /// each, to the record `target` picks (repeats and self links included).
    static func randomRecords(count: Int, links: Int, rng: inout SplitMix64,
                              target: (Int, inout SplitMix64) -> Int) -> [Record] {
        let words = ["moon", "mars", "rover", "kimi", "launch", "probe", "orbit", "crater", "dust", "signal"]
        return (0..<count).map { index in
            let title = (0..<(1 + rng.next(below: 4))).map { _ in words[rng.next(below: words.count)] }.joined(separator: " ")
            let date = rng.next(below: 5) == 0 ? nil : "2024-0\(1 + rng.next(below: 3))-1\(rng.next(below: 10))T00:00:00Z"
            let topics = rng.next(below: 2) == 0 ? ["T\(rng.next(below: 3))"] : []
            let related = (0..<rng.next(below: links)).map { _ in
                Stub(line: 2, urls: ArticleURLs(webUrl: "https://news.example/\(target(index, &rng))"))
            }
            return Record(file: String(format: "r%04d.md", index), title: title, publishedDateTime: date,
                          urls: ArticleURLs(webUrl: "https://news.example/\(index)"), topics: topics, related: related)
        }
    }
}
