import Foundation
import StoryGraphTestSupport
import XCTest

/// The main job on the seeds, end to end through the built binary.
final class SeedsTests: XCTestCase {
    func testAnalyzeSeedsGivesTheContractFigures() throws {
        let result = try CLI.storygraph(["analyze", "seeds", "--format", "json", "--no-render", "--output", try CLI.temporaryFolder(self).path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(try result.json()["summary"] as? [String: Any])
        XCTAssertEqual(CLI.contract(summary), [
            "records": 2, "links": 2, "edges": 2, "mutual_pairs": 1, "asymmetric": 0, "dangling": 0,
            "self_links": 0, "duplicate_links": 0, "components": 1, "largest_component": 2, "singletons": 0,
        ])
        XCTAssertEqual(summary["unpublished_targets"] as? Int, 1)
        XCTAssertEqual(summary["unreadable"] as? Int, 0)
    }

    /// output/ is what `storygraph analyze` makes from seeds/ today, byte for byte.
    func testCommittedOutputIsCurrent() throws {
        let folder = try CLI.temporaryFolder(self)
        let result = try CLI.storygraph(["analyze", "seeds", "--output", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("clusters").path).sorted(),
                       ["1.dot", "1.svg"], "one diagram for the seeds' one cluster")
        for name in ["report.json", "graph.dot", "graph.svg", "index.html", "clusters/1.dot", "clusters/1.svg"] {
            let fresh = try Data(contentsOf: folder.appendingPathComponent(name))
            let committed = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("output/\(name)"))
            XCTAssertEqual(fresh, committed, "output/\(name) is stale: run `make run` and commit it")
        }
    }

    func testTextSummaryNamesTheFigures() throws {
        let result = try CLI.storygraph(["analyze", "seeds", "--no-render", "--output", try CLI.temporaryFolder(self).path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.text.hasPrefix("storygraph: 2 records, 2 related links → 2 edges\n"), result.text)
        XCTAssertTrue(result.text.contains("  #1  2 articles, 2 edges 2024-02-27…2024-02-27  Alibaba staffer offers a glimpse into building LLMs in China\n"), result.text)
        XCTAssertTrue(result.text.contains("unpublished-target (warning): 1\n"), result.text)
    }

    func testSeedsPassTheCheck() throws {
        let result = try CLI.storygraph(["check", "seeds"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.text, """
        seeds/000_25832b02d12fdacf.txt:34:5: warning[unpublished-target]: published record links to unpublished \
        "Alibaba Leads Record Deal to Mint $2.5 Billion China AI Firm" (seeds/003_29daa9ea93b981f3.txt)

        """)
    }

    func testWrittenFilesAreValid() throws {
        let folder = try CLI.temporaryFolder(self)
        XCTAssertEqual(try CLI.storygraph(["analyze", "seeds", "--output", folder.path]).status, 0)
        let svg = try CLI.assertValidDiagrams(in: folder)
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertTrue(text.contains(">Alibaba staffer offers a</text>"), "title missing from SVG")
        XCTAssertTrue(text.contains(">Alibaba Leads Record Deal to</text>"), "title missing from SVG")
        XCTAssertTrue(text.contains("<title>cluster_1</title>"))
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as? [String: Any])
        XCTAssertEqual(Set(report.keys), ["summary", "clusters", "stories", "findings"])
    }
}
