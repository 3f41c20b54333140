import Foundation
import StoryGraphTestSupport
import XCTest

/// Runs Tests/Consumers/read_export.py: the export as networkx, igraph, Python's
/// csv module or sqlite3 read it, as one JSON object.
enum ExportReader {
    static func read(_ format: String, _ path: String, queries: [String] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let script = CLI.packageRoot.appendingPathComponent("Tests/Consumers/read_export.py").path
        let result = try CLI.python([script, format, path] + queries.flatMap { ["--query", $0] })
        XCTAssertEqual(result.status, 0, "read_export.py \(format): \(result.stderr)", file: file, line: line)
        return try result.json()
    }
}

/// What `storygraph analyze --format json` says about the same paths: the figures every export must match.
struct ReportFigures {
    let summary: [String: Int]
    let findings: Int
    /// How many stories the report lists, and the story of each file in one.
    let stories: Int
    let storyOfFile: [String: Int]

    init(_ paths: [String], test: XCTestCase) throws {
        let result = try CLI.storygraph(["analyze"] + paths + ["--format", "json", "--no-render", "--output", try CLI.temporaryFolder(test).path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try result.json()
        summary = try XCTUnwrap(report["summary"] as? [String: Int])
        findings = try XCTUnwrap(report["findings"] as? [Any]).count
        let stories = try XCTUnwrap(report["stories"] as? [[String: Any]])
        self.stories = stories.count
        var storyOfFile: [String: Int] = [:]
        for story in stories {
            for member in try XCTUnwrap(story["members"] as? [[String: Any]]) {
                storyOfFile[try XCTUnwrap(member["file"] as? String)] = try XCTUnwrap(story["id"] as? Int)
            }
        }
        self.storyOfFile = storyOfFile
    }

    subscript(_ key: String) -> Int { summary[key] ?? -1 }
}

/// Checks on what a graph reader (networkx, from node-link JSON or GraphML) made of an export.
enum GraphChecks {
    /// The Python type of each attribute; GraphML has no lists, so `aliases` and `topics` are `;`-joined strings.
    static func nodeTypes(listsAs list: String) -> [String: [String]] {
        ["kind": ["str"], "title": ["str"], "url": ["str"], "aliases": [list], "file": ["str"], "line": ["int"],
         "provider": ["str"], "published": ["bool"], "date": ["str"], "quality": ["float"], "heat": ["float"],
         "topics": [list], "cluster": ["int"], "story": ["int"], "in_degree": ["int"], "out_degree": ["int"], "dangling_out": ["int"]]
    }

    static let edgeTypes: [String: [String]] = ["kind": ["str"], "mutual": ["bool"], "file": ["str"], "line": ["int"], "column": ["int"]]

    /// Article nodes = records, article edges = edges, dangling edges = dangling, and the rest of the
    /// summary follows from the graph as read: mutual pairs, clusters, degrees, graph attributes.
    static func assertMatches(_ dump: [String: Any], _ report: ReportFigures, listsAs list: String, _ label: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        func check(_ ok: Bool, _ message: String) { XCTAssertTrue(ok, "\(label): \(message)", file: file, line: line) }
        func equal<T: Equatable>(_ a: T, _ b: T, _ message: String) { XCTAssertEqual(a, b, "\(label): \(message)", file: file, line: line) }

        equal(dump["directed"] as? Bool, true, "directed")
        equal(dump["multigraph"] as? Bool, false, "multigraph")
        equal((dump["warnings"] as? [String]) ?? ["?"], [], "warnings")
        let nodes = try XCTUnwrap(dump["nodes"] as? [[String: Any]])
        let edges = try XCTUnwrap(dump["edges"] as? [[String: Any]])
        let kindOf = Dictionary(nodes.map { ($0["id"] as! String, $0["kind"] as? String ?? "?") }, uniquingKeysWith: { a, _ in a })
        let articles = nodes.filter { $0["kind"] as? String == "article" }
        let articleEdges = edges.filter { $0["kind"] as? String == "article" }
        let danglingEdges = edges.filter { $0["kind"] as? String == "dangling" }
        equal(articles.count, report["records"], "article nodes = records")
        equal(articleEdges.count, report["edges"], "article edges = edges")
        equal(danglingEdges.count, report["dangling"], "dangling edges = dangling")
        equal(edges.count, articleEdges.count + danglingEdges.count, "every edge is an article or a dangling edge")
        equal(nodes.count - articles.count, Set(danglingEdges.map { $0["target"] as! String }).count, "dangling nodes = distinct dangling targets")
        check(articleEdges.allSatisfy { kindOf[$0["source"] as! String] == "article" && kindOf[$0["target"] as! String] == "article" }, "article edges join articles")
        check(danglingEdges.allSatisfy { kindOf[$0["source"] as! String] == "article" && kindOf[$0["target"] as! String] == "dangling" }, "dangling edges end at dangling nodes")

        let pairs = Set(articleEdges.map { "\($0["source"]!)\u{0}\($0["target"]!)" })
        let mutual = articleEdges.filter { pairs.contains("\($0["target"]!)\u{0}\($0["source"]!)") }
        check(articleEdges.allSatisfy { ($0["mutual"] as? Bool) == pairs.contains("\($0["target"]!)\u{0}\($0["source"]!)") }, "mutual = reverse edge present")
        equal(mutual.count, 2 * report["mutual_pairs"], "mutual edges = 2 × mutual_pairs")
        equal(articleEdges.count - mutual.count, report["asymmetric"], "one-way edges = asymmetric")

        let clusterSizes = Dictionary(articles.map { ($0["cluster"] as? Int ?? -1, 1) }, uniquingKeysWith: +)
        equal(clusterSizes.count, report["components"], "clusters = components")
        equal(clusterSizes.values.max() ?? 0, report["largest_component"], "largest cluster")
        equal(clusterSizes.values.filter { $0 == 1 }.count, report["singletons"], "singletons")
        equal(clusterSizes[1] ?? 0, report["largest_component"], "cluster 1 is the largest")
        // Each article's story is the one the report lists it in (none when it is in none).
        equal(articles.map { $0["story"] as? Int }, articles.map { report.storyOfFile[$0["file"] as? String ?? "?"] }, "story of each article")
        equal(Set(articles.compactMap { $0["story"] as? Int }).count, report.stories, "stories")

        let degrees = try XCTUnwrap(dump["degrees"] as? [String: [Int]])
        check(nodes.allSatisfy { degrees[$0["id"] as! String] == [$0["in_degree"] as? Int ?? -1, $0["out_degree"] as? Int ?? -1] },
              "in_degree/out_degree = the reader's own degrees")
        check(articles.allSatisfy { ($0["dangling_out"] as? Int ?? -1) <= ($0["out_degree"] as? Int ?? -1) }, "dangling_out ≤ out_degree")

        let graph = try XCTUnwrap(dump["graph"] as? [String: Any])
        for (key, value) in report.summary { equal(graph[key] as? Int, value, "graph attribute \(key)") }

        let types = try XCTUnwrap(dump["types"] as? [String: [String: [String]]])
        let expected = nodeTypes(listsAs: list)
        for (key, names) in types["node"] ?? [:] { equal(names, expected[key] ?? ["unexpected"], "type of node attribute \(key)") }
        for key in ["kind", "aliases", "in_degree", "out_degree", "dangling_out"] where !nodes.isEmpty {
            check(types["node"]?[key] != nil, "node attribute \(key) present")
        }
        if !edges.isEmpty { equal(types["edge"] ?? [:], edgeTypes, "edge attribute types") }
    }
}
