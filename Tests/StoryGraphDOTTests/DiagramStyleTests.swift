import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph
@testable import StoryGraphDOT

/// Colours, sizes, timelines, the ghost cap, neighbourhoods and the cluster overview.
final class DiagramStyleTests: XCTestCase {
    /// 0 A (Wire, AI+Chips, 01-01, heat 100) ↔ 1 B (Wire, Chips, 01-02); 1 → 2 C (Post, AI, 01-03, unpublished);
    /// 3 D (Post, no date) → 0; 4 E (no provider) ↔ 5 F (Daily); 6 G singleton. Clusters: 1 = {0,1,2,3}, 2 = {4,5}, 3 = {6}.
    private var analysis: Analysis {
        func stub(_ path: String) -> Stub { Stub(line: 2, urls: ArticleURLs(webUrl: "https://n.example/" + path)) }
        let records = [
            Record(file: "a.md", title: "A", publishedDateTime: "2024-01-01T08:00:00Z", urls: ArticleURLs(webUrl: "https://n.example/a"),
                   heat: 100, provider: Provider(name: "Wire"), topics: ["AI", "Chips"], related: [stub("b")]),
            Record(file: "b.md", title: "B", publishedDateTime: "2024-01-02T08:00:00Z", urls: ArticleURLs(webUrl: "https://n.example/b"),
                   heat: 50, provider: Provider(name: "Wire"), topics: ["Chips"], related: [stub("a"), stub("c")]),
            Record(file: "c.md", title: "C", publishedDateTime: "2024-01-03T08:00:00Z", urls: ArticleURLs(webUrl: "https://n.example/c"),
                   published: false, provider: Provider(name: "Post"), topics: ["AI"]),
            Record(file: "d.md", title: "D", urls: ArticleURLs(webUrl: "https://n.example/d"), provider: Provider(name: "Post"),
                   related: [stub("a")]),
            Record(file: "e.md", title: "E", urls: ArticleURLs(webUrl: "https://n.example/e"), related: [stub("f")]),
            Record(file: "f.md", title: "F", urls: ArticleURLs(webUrl: "https://n.example/f"), provider: Provider(name: "Daily"),
                   related: [stub("e")]),
            Record(file: "g.md", title: "G", urls: ArticleURLs(webUrl: "https://n.example/g")),
        ]
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
    }

    private func line(_ id: String, in dot: String) -> String {
        dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(id + " [") } ?? ""
    }

    func testColourByProviderAndItsKey() {
        let dot = DOTEncoder(options: .init(cluster: 1)).encode(analysis)
        XCTAssertTrue(line("r0", in: dot).contains("fillcolor=\"#8dd3c7\""), "Wire, the most common provider")
        XCTAssertTrue(line("r3", in: dot).contains("fillcolor=\"#ffffb3\""), "Post")
        XCTAssertTrue(line("r2", in: dot).contains("fillcolor=\"#e2e8f0\""), "unpublished C is grey whatever its provider")
        XCTAssertTrue(dot.contains("fillcolor=\"#8dd3c7\", color=\"#5b6b7f\", label=\"Wire (2)\"];"), dot)
        XCTAssertTrue(dot.contains("fillcolor=\"#ffffb3\", color=\"#5b6b7f\", label=\"Post (1)\"];"), "C is not counted: \(dot)")
        XCTAssertFalse(dot.contains("other provider"))

        let two = DOTEncoder(options: .init(cluster: 2)).encode(analysis)
        XCTAssertTrue(two.contains("label=\"Daily (1)\""))
        XCTAssertTrue(two.contains("fillcolor=\"#ffffff\", color=\"#5b6b7f\", label=\"other provider (1)\""), "E has no provider: \(two)")
    }

    func testColourByTopicTakesTheMostSharedTopic() {
        let dot = DOTEncoder(options: .init(cluster: 1, colorBy: .topic)).encode(analysis)
        // AI: A, C; Chips: A, B. A's topics tie, so its first listed (AI) wins; the key counts published articles only.
        XCTAssertTrue(dot.contains("label=\"AI (1)\""), dot)
        XCTAssertTrue(dot.contains("label=\"Chips (1)\""), dot)
        XCTAssertTrue(dot.contains("label=\"other topic (1)\""), "D has no topic")
        XCTAssertTrue(line("r0", in: dot).contains("fillcolor=\"#8dd3c7\""), line("r0", in: dot))
        XCTAssertTrue(line("r1", in: dot).contains("fillcolor=\"#ffffb3\""), line("r1", in: dot))

        let plain = DOTEncoder(options: .init(cluster: 1, colorBy: .none)).encode(analysis)
        XCTAssertFalse(line("r0", in: plain).contains("fillcolor"))
        XCTAssertFalse(plain.contains("legend_c0"))
    }

    func testSizeByDegreeAndHeat() {
        let degree = DOTEncoder(options: .init(cluster: 1)).encode(analysis)
        // A: in from B and D, out to B → 3 edges: 8 + 2·√3 = 11.46 → 11.5. C: 1 → 10.
        XCTAssertTrue(line("r0", in: degree).hasSuffix("fontsize=11.5];"), line("r0", in: degree))
        XCTAssertTrue(line("r2", in: degree).hasSuffix("fontsize=10.0];"), line("r2", in: degree))
        let heat = DOTEncoder(options: .init(cluster: 1, sizeBy: .heat)).encode(analysis)
        XCTAssertTrue(line("r0", in: heat).hasSuffix("fontsize=18.0];"), line("r0", in: heat))
        XCTAssertTrue(line("r1", in: heat).hasSuffix("fontsize=14.0];"), line("r1", in: heat))
        XCTAssertTrue(line("r3", in: heat).hasSuffix("fontsize=10.0];"), "no heat: \(line("r3", in: heat))")
        XCTAssertFalse(line("r0", in: DOTEncoder(options: .init(cluster: 1, sizeBy: .none)).encode(analysis)).contains("fontsize"))
    }

    func testTimelineColumnsAndForwardEdges() throws {
        let dot = DOTEncoder(options: .init(cluster: 1, timeline: true)).encode(analysis)
        XCTAssertTrue(dot.contains("    t1_0 [shape=plaintext, style=\"\", fontsize=9, fontcolor=\"#718096\", tooltip=\" \", label=\"2024-01-01\"];\n    { rank=same; t1_0; r0; }\n"), dot)
        XCTAssertTrue(dot.contains("{ rank=same; t1_1; r1; }"))
        XCTAssertTrue(dot.contains("{ rank=same; t1_2; r2; }"))
        XCTAssertTrue(dot.contains("label=\"no date\"];\n    { rank=same; t1_3; r3; }\n    t1_2 -> t1_3 [style=invis];\n"), dot)
        // D (undated, last column) → A points back in time: drawn A → D with its arrow turned.
        XCTAssertTrue(dot.contains("  r0 -> r3 [dir=back, style=dashed];\n"), dot)
        XCTAssertTrue(dot.contains("  r0 -> r1 [dir=both];\n"))
        XCTAssertTrue(dot.contains("  r1 -> r2 [style=dashed];\n"))
        let svg = try Subprocess.dot(["-Tsvg"], stdin: Data(dot.utf8))
        XCTAssertEqual(svg.status, 0, svg.stderr)

        let sameDay = DOTEncoder(options: .init(cluster: 2, timeline: true)).encode(analysis)
        XCTAssertFalse(sameDay.contains("rank=same"), "one date (here none): no columns")
    }

    func testGhostsPastTheCapAreCounted() {
        let stubs = (0..<25).map { Stub(line: $0 + 2, title: "Gone \($0)", urls: ArticleURLs(webUrl: "https://gone.example/\($0)")) }
        let records = [
            Record(file: "a.md", title: "A", urls: ArticleURLs(webUrl: "https://n.example/a"),
                   related: [Stub(line: 1, urls: ArticleURLs(webUrl: "https://n.example/b"))] + stubs),
            Record(file: "b.md", title: "B", urls: ArticleURLs(webUrl: "https://n.example/b"), related: [stubs[24]]),
        ]
        let dot = DOTEncoder(options: .init(maxGhosts: 20)).encode(Analysis(LoadedCorpus(records: records, files: ["a.md", "b.md"])))
        XCTAssertEqual(dot.components(separatedBy: "label=\"Gone ").count - 1, 20)
        XCTAssertTrue(dot.contains("label=\"Gone 24\\nmissing\""), "linked twice: kept first")
        XCTAssertTrue(dot.contains("label=\"Gone 18\\nmissing\""))
        XCTAssertFalse(dot.contains("label=\"Gone 19\\nmissing\""))
        XCTAssertTrue(dot.contains("dmore1 [label=\"5 more missing articles\""), dot)
        XCTAssertTrue(dot.contains("  r0 -> dmore1 [style=dashed, color=\"#c53030\"];\n"))
        XCTAssertFalse(dot.contains("r1 -> dmore1"))
    }

    func testNeighbourhoodAndFocus() {
        let analysis = analysis
        XCTAssertEqual(Neighbourhood.records(around: 2, depth: 0, in: analysis.graph), [2])
        XCTAssertEqual(Neighbourhood.records(around: 2, depth: 1, in: analysis.graph), [1, 2])
        XCTAssertEqual(Neighbourhood.records(around: 2, depth: 2, in: analysis.graph), [0, 1, 2])
        XCTAssertEqual(Neighbourhood.records(around: 2, depth: 9, in: analysis.graph), [0, 1, 2, 3])
        let dot = DOTEncoder(options: .init(records: [1, 2], focus: 2, caption: "Around C")).encode(analysis)
        XCTAssertTrue(dot.contains("label=\"Around C\""))
        XCTAssertTrue(line("r2", in: dot).hasSuffix("penwidth=3, color=\"#2b6cb0\"];"), line("r2", in: dot))
        XCTAssertEqual(line("r0", in: dot), "")
        XCTAssertTrue(dot.contains("  r1 -> r2 [style=dashed];\n"))
        XCTAssertFalse(dot.contains("-> r0") || dot.contains("r0 ->"), "no edge to an article not drawn")
    }

    func testClusterOverview() throws {
        let index = DiagramIndex(analysis)
        let dot = ClusterOverview(limit: 1, links: [1: "clusters/1.svg", 2: "javascript:alert(1)"]).encode(index)
        XCTAssertTrue(dot.contains("label=\"Overview: 7 articles in 2 clusters of two or more and 1 singleton · one box per cluster, the 1 largest drawn"), dot)
        XCTAssertTrue(dot.contains("  c1 [label=\"A\\n#1 · 4 articles · 2024-01-01 – 2024-01-03\""), "hub A (3 links) names cluster 1: \(dot)")
        XCTAssertTrue(dot.contains("URL=\"clusters/1.svg\""))
        XCTAssertFalse(dot.contains("c2 ["))
        XCTAssertTrue(dot.contains("rest [label=\"1 smaller cluster (2–2 articles each, 2 in all) not drawn\""), dot)
        XCTAssertTrue(dot.contains("singletons [label=\"1 article with no related link in or out\""))
        XCTAssertTrue(dot.contains("label=\"Post (1 cluster)\""), "Post and Wire tie in cluster 1: the first by name")
        let all = ClusterOverview(links: [2: "javascript:alert(1)"]).encode(index)
        XCTAssertTrue(all.contains("  c2 ["))
        XCTAssertFalse(all.contains("javascript"), "only paths of our own files become links")
        XCTAssertFalse(all.contains("rest ["))
        let svg = try Subprocess.dot(["-Kneato", "-Tsvg"], stdin: Data(all.utf8))
        XCTAssertEqual(svg.status, 0, svg.stderr)
        try XMLCheck.assertWellFormed(svg.stdout)
    }

    func testLocalLinks() {
        XCTAssertEqual(DOTText.localLink("clusters/12.svg"), "\"clusters/12.svg\"")
        for bad in ["javascript:alert(1)", "/etc/passwd", "a b.svg", "x\".svg", "", "https://e.example/"] {
            XCTAssertNil(DOTText.localLink(bad), bad)
        }
    }
}
