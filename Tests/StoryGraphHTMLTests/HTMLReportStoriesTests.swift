import XCTest
import StoryGraph
@testable import StoryGraphHTML

/// The page lists the stories of the report, one row each, linking to the cluster's diagram.
final class HTMLReportStoriesTests: XCTestCase {
    /// Two stories of three articles linked both ways inside ("Moon …" and "Mars …"),
    /// joined by the one-way link 2 → 3, so one cluster holds both.
    private func report(_ method: Stories.Method?) -> Report {
        let titles = ["Moon base plan", "Moon base cost", "Moon base crew", "Mars probe data", "Mars probe orbit", "Mars probe team"]
        let records = titles.enumerated().map { index, title in
            var links = (0..<3).map { index / 3 * 3 + $0 }.filter { $0 != index }
            if index == 2 { links.append(3) }
            return Record(file: "r\(index).md", title: title, publishedDateTime: "2024-03-0\(index + 1)T10:00:00Z",
                          urls: ArticleURLs(webUrl: "https://news.example/\(index)"),
                          provider: Provider(name: index < 3 ? "Moon <Times>" : "Mars Daily"),
                          related: links.map { Stub(line: 2, urls: ArticleURLs(webUrl: "https://news.example/\($0)")) })
        }
        return Report(Analysis(LoadedCorpus(records: records, files: records.map(\.file)), stories: method))
    }

    func testOneRowPerStoryLinkingToItsClusterDiagram() {
        let page = HTMLReport().render(report(.leiden), diagrams: .init(clusters: [1: "clusters/1.svg"]))
        XCTAssertTrue(page.contains("<h2 id=\"stories\">Stories</h2>\n<p class=\"note\">2 stories of two or more articles"), page)
        XCTAssertTrue(page.contains(
            "<tr><td class=\"n\">1</td><td>base moon</td><td class=\"n\">3</td>"
            + "<td class=\"dates\" data-sort=\"2024-03-01T10:00:00Z\">2024-03-01 – 2024-03-03</td>"
            + "<td>Moon &lt;Times&gt; (3)</td><td class=\"n\"><a href=\"clusters/1.svg\">1</a></td></tr>\n"), page)
        XCTAssertTrue(page.contains(
            "<tr><td class=\"n\">2</td><td>mars probe</td><td class=\"n\">3</td>"
            + "<td class=\"dates\" data-sort=\"2024-03-04T10:00:00Z\">2024-03-04 – 2024-03-06</td>"
            + "<td>Mars Daily (3)</td><td class=\"n\"><a href=\"clusters/1.svg\">1</a></td></tr>\n"), page)
    }

    /// The clusters table names a cluster by its largest story's label (the
    /// first of equal size), and by its first title when there are no stories.
    func testClusterRowIsNamedByItsLargestStory() {
        let withStories = HTMLReport().render(report(.leiden), diagrams: .init())
        XCTAssertTrue(withStories.contains("<tr><td class=\"n\">1</td><td>base moon</td><td class=\"n\">6</td>"), withStories)
        let without = HTMLReport().render(report(nil), diagrams: .init())
        XCTAssertTrue(without.contains("<tr><td class=\"n\">1</td><td>Moon base plan</td><td class=\"n\">6</td>"), without)
    }

    func testNoStoriesSectionWithoutStories() {
        let page = HTMLReport().render(report(nil), diagrams: .init())
        XCTAssertFalse(page.contains("id=\"stories\""))
        XCTAssertFalse(page.contains("story-table"))
    }
}
