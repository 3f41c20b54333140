import Foundation
import XCTest

/// The four exports of one set of paths, each as its consumer read it (ExportReader).
struct Exports {
    let nodeLink, graphml, csv, sqlite: [String: Any]
}

/// Checks on the table formats (CSV, SQLite) and on igraph's reading of GraphML,
/// against the report and against what networkx read from node-link JSON.
enum TableChecks {
    /// igraph reads the same GraphML (python-igraph, installed by `make test` where pip can).
    static func assertIGraph(_ graphml: [String: Any], _ report: ReportFigures, _ label: String) throws {
        guard let igraph = graphml["igraph"] as? [String: Any] else {
            print("note: python-igraph is not installed; the GraphML export was checked with networkx only")
            return
        }
        let nodes = try XCTUnwrap(graphml["nodes"] as? [Any]).count
        XCTAssertEqual(igraph["vertices"] as? Int, nodes, label)
        XCTAssertEqual(igraph["edges"] as? Int, report["edges"] + report["dangling"], label)
        XCTAssertEqual(igraph["articles"] as? Int, report["records"], label)
        XCTAssertEqual(igraph["dangling_edges"] as? Int, report["dangling"], label)
        XCTAssertEqual(igraph["directed"] as? Bool, true, label)
    }

    static func assertCSV(_ exports: Exports, _ report: ReportFigures, _ label: String) throws {
        let csv = exports.csv
        XCTAssertEqual(csv["headers"] as? [String: [String]], [
            "nodes": ["id", "kind", "title", "url", "aliases", "file", "line", "provider", "published", "date",
                      "quality", "heat", "topics", "cluster", "story", "in_degree", "out_degree", "dangling_out"],
            "edges": ["source", "target", "kind", "mutual", "file", "line", "column"],
            "findings": ["kind", "severity", "file", "line", "column", "source", "target", "message"],
            "clusters": ["id", "size", "edges", "mutual_pairs", "asymmetric", "dangling", "first_date", "last_date", "title"],
            "stories": ["id", "cluster", "size", "label", "first_date", "last_date"],
        ], label)
        let tables = try XCTUnwrap(csv["tables"] as? [String: [[String: String]]])
        let nodes = tables["nodes"] ?? [], edges = tables["edges"] ?? []
        XCTAssertEqual(nodes.filter { $0["kind"] == "article" }.count, report["records"], label)
        XCTAssertEqual(edges.filter { $0["kind"] == "article" }.count, report["edges"], label)
        XCTAssertEqual(edges.filter { $0["kind"] == "dangling" }.count, report["dangling"], label)
        XCTAssertEqual(edges.filter { $0["mutual"] == "true" }.count, 2 * report["mutual_pairs"], label)
        XCTAssertEqual(tables["findings"]?.count, report.findings, label)
        XCTAssertEqual(tables["clusters"]?.count, report["components"], label)
        XCTAssertEqual(tables["clusters"]?.first?["size"], report["records"] > 0 ? String(report["largest_component"]) : nil, label)
        // The same nodes, in the same order, with the same titles as networkx read from node-link JSON.
        let graphNodes = try XCTUnwrap(exports.nodeLink["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.map { $0["id"] ?? "?" }, graphNodes.map { $0["id"] as? String ?? "?" }, label)
        XCTAssertEqual(nodes.map { $0["title"] ?? "?" }, graphNodes.map { $0["title"] as? String ?? "" }, label)
        XCTAssertEqual(nodes.map { $0["cluster"] ?? "?" }, graphNodes.map { ($0["cluster"] as? Int).map(String.init) ?? "" }, label)
        XCTAssertEqual(nodes.map { $0["story"] ?? "?" }, graphNodes.map { ($0["story"] as? Int).map(String.init) ?? "" }, label)
        // stories.csv: one row per story, its size the number of nodes that name it.
        let stories = tables["stories"] ?? []
        XCTAssertEqual(stories.count, report.stories, label)
        let sizes = Dictionary(nodes.compactMap { $0["story"].flatMap(Int.init) }.map { ($0, 1) }, uniquingKeysWith: +)
        XCTAssertEqual(stories.map { $0["id"] ?? "?" }, (0..<report.stories).map { String($0 + 1) }, label)
        XCTAssertEqual(stories.map { Int($0["size"] ?? "") ?? -1 }, stories.map { sizes[Int($0["id"] ?? "") ?? -1] ?? 0 }, label)
    }

    static func assertSQLite(_ exports: Exports, _ report: ReportFigures, _ label: String) throws {
        let db = exports.sqlite
        XCTAssertEqual(db["integrity"] as? String, "ok", label)
        XCTAssertEqual(db["foreign_key_violations"] as? Int, 0, label)
        XCTAssertEqual(db["foreign_keys"] as? [String: [[String]]], [
            "aliases": [["article_id", "articles", "id"]],
            "articles": [["cluster_id", "clusters", "id"], ["duplicate_of", "articles", "id"], ["story_id", "stories", "id"]],
            "clusters": [], "findings": [], "summary": [], "stories": [["cluster_id", "clusters", "id"]],
            "links": [["duplicate_of", "links", "id"], ["source_id", "articles", "id"], ["target_id", "articles", "id"]],
            "topics": [["article_id", "articles", "id"]],
        ], label)
        XCTAssertEqual(db["indexes"] as? [String], ["aliases_alias", "articles_cluster", "articles_story", "findings_file", "findings_kind",
                                                     "links_resolution", "links_target", "links_target_alias", "topics_topic"], label)
        XCTAssertEqual(db["views"] as? [String], ["dangling_targets"], label)
        let tables = try XCTUnwrap(db["tables"] as? [String: [[String: Any]]])
        let links = tables["links"] ?? []
        XCTAssertEqual(tables["articles"]?.count, report["records"], "\(label): articles = records")
        XCTAssertEqual(links.count, report["links"], "\(label): links = links")
        func resolved(_ name: String) -> Int { links.filter { $0["resolution"] as? String == name }.count }
        XCTAssertEqual(resolved("record"), report["edges"], label)
        XCTAssertEqual(resolved("dangling"), report["dangling"], label)
        XCTAssertEqual(resolved("self"), report["self_links"], label)
        XCTAssertEqual(resolved("duplicate"), report["duplicate_links"], label)
        XCTAssertEqual(resolved("malformed"), report["malformed"], label)
        XCTAssertEqual(links.filter { $0["resolution"] as? String == "record" && $0["mutual"] as? Int == 0 }.count, report["asymmetric"], label)
        XCTAssertEqual(tables["findings"]?.count, report.findings, label)
        XCTAssertEqual(tables["clusters"]?.count, report["components"], label)
        XCTAssertEqual(tables["stories"]?.count, report.stories, label)
        XCTAssertEqual(tables["articles"]?.map { $0["story_id"] as? Int }, tables["articles"]?.map { report.storyOfFile[$0["file"] as? String ?? "?"] }, label)
        XCTAssertEqual(tables["summary"]?.count, report.summary.count, label)
        for row in tables["summary"] ?? [] {
            XCTAssertEqual(row["value"] as? Int, report.summary[row["key"] as? String ?? "?"], "\(label): summary \(row["key"] ?? "?")")
        }
        // articles.node_id is the node id of the other formats, in the same order.
        let graphNodes = try XCTUnwrap(exports.nodeLink["nodes"] as? [[String: Any]])
        XCTAssertEqual(tables["articles"]?.map { $0["node_id"] as? String ?? "?" },
                       graphNodes.filter { $0["kind"] as? String == "article" }.map { $0["id"] as? String ?? "" }, label)
        let types = try XCTUnwrap(db["sqlite_types"] as? [String: [String: [String]]])
        let allowed: [String: Set<String>] = [
            "id": ["integer"], "node_id": ["text"], "title": ["text", "null"], "url": ["text", "null"], "file": ["text"],
            "line": ["integer"], "provider": ["text", "null"], "published": ["integer", "null"], "date": ["text", "null"],
            "quality": ["real", "null"], "heat": ["real", "null"], "cluster_id": ["integer"], "story_id": ["integer", "null"], "duplicate_of": ["integer", "null"],
            "in_degree": ["integer"], "out_degree": ["integer"], "dangling_out": ["integer"],
        ]
        XCTAssertEqual(Set((types["articles"] ?? [:]).keys), Set(allowed.keys), label)
        for (column, names) in types["articles"] ?? [:] where report["records"] > 0 {
            XCTAssertTrue(Set(names).isSubset(of: allowed[column] ?? []), "\(label): articles.\(column) holds \(names)")
        }
    }
}
