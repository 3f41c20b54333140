import XCTest
import StoryGraph
import StoryGraphDOT

/// A cluster split into stories draws one dashed box per story inside its own box.
final class StoryBoxesTests: XCTestCase {
    /// Two stories of three articles linked both ways inside ("Moon …" and "Mars …"),
    /// joined by the one-way link 2 → 3.
    private func analysis(_ method: Stories.Method?) -> Analysis {
        let titles = ["Moon base plan", "Moon base cost", "Moon base crew", "Mars probe data", "Mars probe orbit", "Mars probe team"]
        let records = titles.enumerated().map { index, title in
            var links = (0..<3).map { index / 3 * 3 + $0 }.filter { $0 != index }
            if index == 2 { links.append(3) }
            return Record(file: "r\(index).md", title: title, urls: ArticleURLs(webUrl: "https://news.example/\(index)"),
                          related: links.map { Stub(line: 2, urls: ArticleURLs(webUrl: "https://news.example/\($0)")) })
        }
        return Analysis(LoadedCorpus(records: records, files: records.map(\.file)), stories: method)
    }

    func testOneSubgraphPerStoryInsideTheCluster() {
        let dot = DOTEncoder().encode(analysis(.leiden))
        XCTAssertTrue(dot.contains("    subgraph cluster_1_1 {\n"
            + "      label=\"Story 1 · 3 articles · base moon\"; style=\"rounded,dashed\"; color=\"#b7c2cf\"; fontsize=9;\n"
            + "      r0 [label=\"Moon base plan\""), dot)
        XCTAssertTrue(dot.contains("    subgraph cluster_1_2 {\n"
            + "      label=\"Story 2 · 3 articles · mars probe\"; style=\"rounded,dashed\"; color=\"#b7c2cf\"; fontsize=9;\n"
            + "      r3 [label=\"Mars probe data\""), dot)
        // The story boxes sit inside the cluster's box: opened after it, each closed before it.
        let cluster = dot.range(of: "  subgraph cluster_1 {\n")!.lowerBound
        XCTAssertLessThan(cluster, dot.range(of: "subgraph cluster_1_1")!.lowerBound)
        // Without stories, or when each cluster is one story, there is no story box.
        XCTAssertFalse(DOTEncoder().encode(analysis(nil)).contains("cluster_1_"))
        XCTAssertFalse(DOTEncoder().encode(analysis(.components)).contains("cluster_1_"))
        XCTAssertEqual(DOTEncoder().encode(analysis(nil)), DOTEncoder().encode(analysis(.components)))
    }
}
