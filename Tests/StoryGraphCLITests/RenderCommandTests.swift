import Foundation
import StoryGraphTestSupport
import XCTest

final class RenderCommandTests: XCTestCase {
    func testDOTOfTheSeedsParsesInGraphviz() throws {
        let result = try CLI.storygraph(["render", "seeds", "--format", "dot"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.text.hasPrefix("digraph storygraph {\n"))
        XCTAssertTrue(result.text.contains("  r0 -> r1 [dir=both];\n"))
        let canon = try Subprocess.dot(["-Tcanon"], stdin: result.stdout)
        XCTAssertEqual(canon.status, 0, canon.stderr)
    }

    func testEveryLayoutGivesValidSVGWithTheTitles() throws {
        for layout in ["dot", "neato", "fdp", "sfdp", "circo", "twopi"] {
            let file = try CLI.temporaryFolder(self).appendingPathComponent("g.svg")
            let result = try CLI.storygraph(["render", "seeds", "--layout", layout, "-o", file.path])
            XCTAssertEqual(result.status, 0, "\(layout): \(result.stderr)")
            let svg = try Data(contentsOf: file)
            try XMLCheck.assertWellFormed(svg)
            XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains(">Alibaba staffer offers a</text>"), layout)
        }
    }

    func testOneClusterOfARealArchive() throws {
        let corpus = try CLI.shared().appendingPathComponent("corpus/everyday-ai").path
        let whole = try CLI.storygraph(["render", corpus, "--format", "dot"])
        let one = try CLI.storygraph(["render", corpus, "--format", "dot", "--cluster", "2"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.text.components(separatedBy: "subgraph cluster_").count - 1, 1, "cluster 2 only: the legend is no cluster")
        XCTAssertTrue(one.text.contains("subgraph cluster_2 {"))
        XCTAssertFalse(one.text.contains("subgraph cluster_1 {"))
        XCTAssertLessThan(one.stdout.count, whole.stdout.count)
        let svg = try CLI.storygraph(["render", corpus, "--cluster", "2"])
        XCTAssertEqual(svg.status, 0, svg.stderr)
        try XMLCheck.assertWellFormed(svg.stdout)
    }
}
