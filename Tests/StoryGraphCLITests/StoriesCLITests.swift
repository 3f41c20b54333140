import Foundation
import StoryGraphTestSupport
import XCTest

/// `analyze --stories` end to end on a gen_corpus.py corpus whose bridges join
/// unrelated planted stories into big clusters: the stories found are scored
/// against stories.json with the adjusted Rand index.
final class StoriesCLITests: XCTestCase {
    /// The adjusted Rand index of two labelings (Hubert & Arabie), from the contingency table.
    static func adjustedRandIndex(_ truth: [String], _ predicted: [String]) -> Double {
        func pairs(_ count: Int) -> Double { Double(count * (count - 1) / 2) }
        var cells: [[String]: Int] = [:], rows: [String: Int] = [:], columns: [String: Int] = [:]
        for (a, b) in zip(truth, predicted) {
            cells[[a, b], default: 0] += 1
            rows[a, default: 0] += 1
            columns[b, default: 0] += 1
        }
        let index = cells.values.reduce(0) { $0 + pairs($1) }
        let (rowPairs, columnPairs) = (rows.values.reduce(0) { $0 + pairs($1) }, columns.values.reduce(0) { $0 + pairs($1) })
        let expected = rowPairs * columnPairs / pairs(truth.count)
        let maximum = (rowPairs + columnPairs) / 2
        return maximum == expected ? 1 : (index - expected) / (maximum - expected)
    }

    func testAdjustedRandIndexOfKnownLabelings() throws {
        func ari(_ truth: [Int], _ predicted: [Int]) -> Double {
            Self.adjustedRandIndex(truth.map { "\($0)" }, predicted.map { "\($0)" })
        }
        XCTAssertEqual(ari([0, 0, 1, 1], [1, 1, 0, 0]), 1)
        XCTAssertEqual(ari([0, 0, 1, 2], [0, 0, 1, 1]), 4.0 / 7.0, accuracy: 1e-15)
        XCTAssertEqual(ari([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 8.0 / 33.0, accuracy: 1e-15)
        XCTAssertEqual(ari([0, 0, 0, 0], [0, 1, 2, 3]), 0)
        // The benchmark's Python implementation passes the same cases.
        let python = try CLI.python([CLI.packageRoot.appendingPathComponent("bench/ari.py").path])
        XCTAssertEqual(python.status, 0, python.stderr)
        XCTAssertEqual(python.text, "ari.py: self-test passed\n")
    }

    /// ARI over the records of planted stories of three or more; a record in no reported story is a label of its own.
    private func ari(_ report: [String: Any], planted: [String: Int]) throws -> Double {
        var storyOf: [String: Int] = [:]
        for story in try XCTUnwrap(report["stories"] as? [[String: Any]]) {
            for member in try XCTUnwrap(story["members"] as? [[String: Any]]) {
                storyOf[URL(fileURLWithPath: try XCTUnwrap(member["file"] as? String)).lastPathComponent] = try XCTUnwrap(story["id"] as? Int)
            }
        }
        let sizes = Dictionary(planted.values.map { ($0, 1) }, uniquingKeysWith: +)
        let files = planted.keys.filter { sizes[planted[$0]!]! >= 3 }.sorted()
        XCTAssertGreaterThan(files.count, 1000)
        return Self.adjustedRandIndex(files.map { "\(planted[$0]!)" }, files.map { storyOf[$0].map { "\($0)" } ?? "alone:" + $0 })
    }

    func testStoriesRecoverPlantedStoriesThatBridgesJoin() throws {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let generated = try CLI.python([generator, "3000", folder.path, "--seed", "21", "--bridge", "0.08", "--related-mean", "3"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let planted = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("stories.json"))) as? [String: Int])
        let records = folder.appendingPathComponent("records").path
        func analyze(_ options: [String]) throws -> (stdout: Data, report: [String: Any]) {
            let result = try CLI.storygraph(["analyze", records, "--format", "json", "--no-render",
                                             "--output", folder.appendingPathComponent("out").path] + options)
            XCTAssertEqual(result.status, 0, result.stderr)
            return (result.stdout, try result.json())
        }

        let components = try analyze(["--stories", "components"]).report
        let leiden = try analyze(["--stories", "leiden"])
        let louvain = try analyze(["--stories", "louvain"]).report
        // Bridges make clusters useless as stories; the split recovers them.
        XCTAssertLessThan(try ari(components, planted: planted), 0.3)
        XCTAssertGreaterThanOrEqual(try ari(leiden.report, planted: planted), 0.9)
        XCTAssertGreaterThanOrEqual(try ari(louvain, planted: planted), 0.9)
        // leiden is the default, and the output does not depend on the thread count.
        XCTAssertEqual(try analyze(["--jobs", "1"]).stdout, leiden.stdout)

        // components: one story per cluster of two or more, same ids, same members.
        let clusters = try XCTUnwrap(components["clusters"] as? [[String: Any]])
        let stories = try XCTUnwrap(components["stories"] as? [[String: Any]])
        XCTAssertEqual(stories.count, clusters.count)
        for (story, cluster) in zip(stories, clusters) {
            XCTAssertEqual(story["id"] as? Int, cluster["id"] as? Int)
            XCTAssertEqual(story["cluster"] as? Int, cluster["id"] as? Int)
            XCTAssertEqual(story["size"] as? Int, cluster["size"] as? Int)
            let files = { (object: [String: Any]) in (object["members"] as? [[String: Any]])?.map { $0["file"] as? String } }
            XCTAssertEqual(files(story), files(cluster))
        }
        // Every story lies inside one cluster: its members are all in the cluster it names.
        var clusterOfFile: [String: Int] = [:]
        for cluster in clusters {
            for member in cluster["members"] as! [[String: Any]] { clusterOfFile[member["file"] as! String] = cluster["id"] as? Int }
        }
        for story in try XCTUnwrap(leiden.report["stories"] as? [[String: Any]]) {
            for member in story["members"] as! [[String: Any]] {
                XCTAssertEqual(clusterOfFile[member["file"] as! String], story["cluster"] as? Int)
            }
        }
        // off: no stories key at all; bad options are usage errors.
        let seeds = CLI.packageRoot.appendingPathComponent("seeds").path
        let off = try CLI.storygraph(["analyze", seeds, "--format", "json", "--no-render", "--stories", "off",
                                      "--output", folder.appendingPathComponent("off").path])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertNil(try off.json()["stories"])
        XCTAssertNotNil(try off.json()["clusters"])
        for options in [["--stories", "spectral"], ["--resolution", "0"], ["--resolution", "-1"]] {
            XCTAssertEqual(try CLI.storygraph(["analyze", seeds, "--no-render", "--output", folder.appendingPathComponent("bad").path]
                                              + options).status, 2, options.joined(separator: " "))
        }
    }
}
