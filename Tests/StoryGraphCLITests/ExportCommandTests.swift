import Foundation
import StoryGraphTestSupport
import XCTest

/// `storygraph export` in each format, each loaded by the program a notebook
/// would use (networkx, igraph, Python's csv, sqlite3), against the figures
/// of `storygraph analyze` on the same records.
final class ExportCommandTests: XCTestCase {
    @discardableResult
    private func exportAndCheck(_ paths: [String], _ label: String, queries: [String] = []) throws -> Exports {
        let report = try ReportFigures(paths, test: self)
        let folder = try CLI.temporaryFolder(self)
        for (format, name) in [("node-link", "graph.json"), ("graphml", "graph.graphml"), ("csv", "csv"), ("sqlite", "graph.sqlite")] {
            let result = try CLI.storygraph(["export"] + paths + ["--format", format, "--output", folder.appendingPathComponent(name).path])
            XCTAssertEqual(result.status, 0, "\(label) \(format): \(result.stderr)")
            XCTAssertEqual(result.stdout, Data(), "\(label) \(format) prints nothing when writing a file")
        }
        let exports = Exports(
            nodeLink: try ExportReader.read("node-link", folder.appendingPathComponent("graph.json").path),
            graphml: try ExportReader.read("graphml", folder.appendingPathComponent("graph.graphml").path),
            csv: try ExportReader.read("csv", folder.appendingPathComponent("csv").path),
            sqlite: try ExportReader.read("sqlite", folder.appendingPathComponent("graph.sqlite").path, queries: queries))
        try GraphChecks.assertMatches(exports.nodeLink, report, listsAs: "list", "\(label) node-link")
        try GraphChecks.assertMatches(exports.graphml, report, listsAs: "str", "\(label) graphml")
        try TableChecks.assertIGraph(exports.graphml, report, label)
        try TableChecks.assertCSV(exports, report, label)
        try TableChecks.assertSQLite(exports, report, label)
        return exports
    }

    func testSeeds() throws {
        let exports = try exportAndCheck(["seeds"], "seeds")
        let nodes = try XCTUnwrap(exports.nodeLink["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.map { $0["id"] as? String }, [
            "techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china",
            "time.com/6835581/alibaba-moonshot-ai-investment",
        ])
        XCTAssertEqual(nodes[0]["topics"] as? [String], ["Natural Language Processing", "AI"])
        XCTAssertEqual(nodes[0]["quality"] as? Double, 74)
        XCTAssertEqual(nodes[1]["published"] as? Bool, false)
        let graphmlNodes = try XCTUnwrap(exports.graphml["nodes"] as? [[String: Any]])
        XCTAssertEqual(graphmlNodes[0]["topics"] as? String, "Natural Language Processing;AI")
        let types = try XCTUnwrap(exports.nodeLink["types"] as? [String: [String: [String]]])
        XCTAssertEqual(types["node"], GraphChecks.nodeTypes(listsAs: "list"), "the seeds have every attribute")
    }

    /// A generated corpus: its truth.json, the report and all four exports agree.
    func testGeneratedCorpus() throws {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let generated = try CLI.python([generator, "300", folder.path, "--seed", "1"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let records = folder.appendingPathComponent("records").path
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("truth.json"))) as? [String: Any])
        let report = try ReportFigures([records], test: self)
        XCTAssertEqual(CLI.contract(report.summary), CLI.contract(truth))
        try exportAndCheck([records], "gen_corpus.py 300 --seed 1")
    }

    /// The real archive, and the three SQL queries of the README on it.
    func testEverydayAIAndTheREADMEQueries() throws {
        let corpus = try CLI.shared().appendingPathComponent("corpus/everyday-ai").path
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let queries = readme.components(separatedBy: "```sql\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        XCTAssertEqual(queries.count, 3, "README shows three SQL queries")
        let exports = try exportAndCheck([corpus], "everyday-ai", queries: queries)
        let report = try ReportFigures([corpus], test: self)
        let results = try XCTUnwrap(exports.sqlite["queries"] as? [[[Any]]])
        guard results.count == 3 else { return }
        let articles = try XCTUnwrap(exports.nodeLink["nodes"] as? [[String: Any]]).filter { $0["kind"] as? String == "article" }

        // 1. The worst dangling sources: as many as node-link's dangling_out says, most first.
        let worst = articles.enumerated()
            .filter { ($0.element["dangling_out"] as? Int ?? 0) > 0 }
            .sorted { ($0.element["dangling_out"] as! Int, -$0.offset) > ($1.element["dangling_out"] as! Int, -$1.offset) }
            .prefix(10)
            .map { "\($0.element["title"] as? String ?? "") | \($0.element["file"] as? String ?? "") | \($0.element["dangling_out"]!)" }
        XCTAssertEqual(results[0].map { $0.map { "\($0)" }.joined(separator: " | ") }, Array(worst))
        XCTAssertEqual(worst.count, 10)

        // 2. Cluster sizes: the distribution of node-link's cluster attribute.
        let sizes = Dictionary(articles.map { ($0["cluster"] as? Int ?? -1, 1) }, uniquingKeysWith: +).values
        let distribution = Dictionary(sizes.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key > $1.key }.map { [$0.key, $0.value] }
        XCTAssertEqual(results[1].map { $0.compactMap { $0 as? Int } }, distribution)

        // 3. One-way links: one row per asymmetric edge, at the stub's file and line.
        XCTAssertEqual(results[2].count, report["asymmetric"])
        let oneWay = try XCTUnwrap(exports.nodeLink["edges"] as? [[String: Any]])
            .filter { $0["kind"] as? String == "article" && $0["mutual"] as? Bool == false }
            .map { "\($0["file"]!):\($0["line"]!)" }
        XCTAssertEqual(results[2].map { "\($0[2]):\($0[3])" }, oneWay)
    }

    /// Hostile text in titles, URLs, topics and file names: every reader gets it back exactly,
    /// but for the characters XML cannot hold (U+FFFD in GraphML) and NUL in SQLite (U+FFFD).
    func testHostileTextRoundTrips() throws {
        let title = "<script>alert('x')</script> \"Quoted\" & <b>bold</b>, commas,\nnew line\r\nCRLF\ttab "
            + "\u{1}\u{8}\u{B}\u{1F}\u{7F} nul:\u{0} \"\u{301} ]]> \u{FFFE} =SUM(A1) end"
        let json = #"""
        [{"title": "<script>alert('x')</script> \"Quoted\" & <b>bold</b>, commas,\nnew line\r\nCRLF\ttab \u0001\u0008\u000b\u001f\u007f nul:\u0000 \"\u0301 ]]> \ufffe =SUM(A1) end",
          "webUrl": "https://example.com/a?x=<1>&y=\"q\"", "topics": ["a;b", "c,d", "<e>"], "provider": {"name": "P & <Q>, \"R\""},
          "quality": 0.5, "heat": 3, "published": true,
          "related": [{"title": "t<>&\"", "webUrl": "https://gone.example/<x>\u0001"}, {"webUrl": "https://example.com/y?b=2"},
                      {"webUrl": "javascript:alert(1)"}, {"webUrl": "https://example.com/a?y=%22q%22&x=%3C1%3E"},
                      {"webUrl": "https://www.example.com/y/?fbclid=1&b=2"}]}]
        """#
        let yaml = #"""
        ---
        title: "<b>yaml</b> \"q\" & \x01\x7f tail"
        webUrl: "https://example.com/y?b=2&utm_source=feed"
        related:
          - webUrl: "https://example.com/a?x=<1>&y=\"q\""
          - title: "no URL at all"
          - "just a string"
        ---

        """#
        let records = try CLI.temporaryFolder(self)
        try Data(json.utf8).write(to: records.appendingPathComponent("odd, \"name\" <&>.json"))
        try Data(yaml.utf8).write(to: records.appendingPathComponent("y.md"))
        let exports = try exportAndCheck([records.path], "hostile")
        let summary = try ReportFigures([records.path], test: self)
        XCTAssertEqual([summary["self_links"], summary["duplicate_links"], summary["malformed"], summary["dangling"]], [1, 1, 3, 1],
                       "every kind of stub reaches the exports")

        func titles(_ dump: [String: Any], _ table: String? = nil) throws -> [[Unicode.Scalar]] {
            let rows = table.map { (dump["tables"] as? [String: [[String: Any]]])?[$0] ?? [] } ?? (dump["nodes"] as? [[String: Any]] ?? [])
            return rows.compactMap { ($0["title"] as? String).map { Array($0.unicodeScalars) } }
        }
        let yamlTitle = "<b>yaml</b> \"q\" & \u{1}\u{7F} tail"
        func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }
        func replacing(_ text: String, _ forbidden: Set<UInt32>) -> [Unicode.Scalar] {
            text.unicodeScalars.map { forbidden.contains($0.value) ? "\u{FFFD}" : $0 }
        }
        let notInXML: Set<UInt32> = [0x0, 0x1, 0x8, 0xB, 0x1F, 0xFFFE]
        XCTAssertEqual(try titles(exports.nodeLink).prefix(2), [scalars(title), scalars(yamlTitle)])
        XCTAssertEqual(try titles(exports.csv, "nodes").prefix(2), [scalars(title), scalars(yamlTitle)])
        XCTAssertEqual(try titles(exports.graphml).prefix(2), [replacing(title, notInXML), replacing(yamlTitle, notInXML)])
        XCTAssertEqual(try titles(exports.sqlite, "articles"), [replacing(title, [0x0]), scalars(yamlTitle)])

        let node = try XCTUnwrap((exports.nodeLink["nodes"] as? [[String: Any]])?.first)
        XCTAssertEqual(node["url"] as? String, "https://example.com/a?x=<1>&y=\"q\"")
        XCTAssertEqual(node["topics"] as? [String], ["a;b", "c,d", "<e>"])
        XCTAssertEqual(node["provider"] as? String, "P & <Q>, \"R\"")
        XCTAssertEqual(node["file"] as? String, records.appendingPathComponent("odd, \"name\" <&>.json").path)
        let graphmlNode = try XCTUnwrap((exports.graphml["nodes"] as? [[String: Any]])?.first)
        XCTAssertEqual(graphmlNode["topics"] as? String, "a;b;c,d;<e>")
        XCTAssertEqual(graphmlNode["provider"] as? String, "P & <Q>, \"R\"")
        // The dangling URL holds U+0001: percent-encoded in the id, so that GraphML can carry it.
        let ids = (exports.graphml["nodes"] as? [[String: Any]] ?? []).map { $0["id"] as? String ?? "" }
        XCTAssertEqual(ids, ["example.com/a?x=%3C1%3E&y=%22q%22", "example.com/y?b=2", "dangling:gone.example/<x>%01"])
    }

    func testStdoutAndUsageErrors() throws {
        let folder = try CLI.temporaryFolder(self)
        for (format, name) in [("node-link", "g.json"), ("graphml", "g.graphml")] {
            let printed = try CLI.storygraph(["export", "seeds", "--format", format, "-o", "-"])
            XCTAssertEqual(printed.status, 0, printed.stderr)
            XCTAssertEqual(try CLI.storygraph(["export", "seeds", "--format", format, "-o", folder.appendingPathComponent(name).path]).status, 0)
            XCTAssertEqual(printed.stdout, try Data(contentsOf: folder.appendingPathComponent(name)), format)
        }
        let defaultFormat = try CLI.storygraph(["export", "seeds", "-o", "-"])
        XCTAssertTrue(defaultFormat.text.hasPrefix("{\n  \"directed\": true,\n  \"multigraph\": false,\n"), defaultFormat.text)
        for format in ["csv", "sqlite"] {
            let refused = try CLI.storygraph(["export", "seeds", "--format", format, "-o", "-"])
            XCTAssertEqual(refused.status, 2, format)
            XCTAssertTrue(refused.stderr.contains("--format \(format) writes"), refused.stderr)
        }
        let csvOntoFile = try CLI.storygraph(["export", "seeds", "--format", "csv", "-o", folder.appendingPathComponent("g.json").path])
        XCTAssertEqual(csvOntoFile.status, 2)
        XCTAssertTrue(csvOntoFile.stderr.contains("is a file, but --format csv writes a folder"), csvOntoFile.stderr)
        let sqliteOntoFolder = try CLI.storygraph(["export", "seeds", "--format", "sqlite", "-o", folder.path])
        XCTAssertEqual(sqliteOntoFolder.status, 2)
        XCTAssertTrue(sqliteOntoFolder.stderr.contains("is a folder, but --format sqlite writes a file"), sqliteOntoFolder.stderr)
        let unknown = try CLI.storygraph(["export", "seeds", "--format", "gexf", "-o", "x"])
        XCTAssertEqual(unknown.status, 2)
        let missing = try CLI.storygraph(["export", "seeds"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--output"), missing.stderr)
        let noSuchPath = try CLI.storygraph(["export", "no/such/folder", "-o", "-"])
        XCTAssertEqual(noSuchPath.status, 2)
        XCTAssertTrue(noSuchPath.stderr.contains("See 'storygraph export --help'"), noSuchPath.stderr)
    }

    /// Same records, same bytes, in every format, whatever --jobs is.
    func testSameBytesForOneAndManyJobs() throws {
        let folder = try CLI.temporaryFolder(self)
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        XCTAssertEqual(try CLI.python([generator, "300", folder.path, "--seed", "4", "--per-dir", "50"]).status, 0)
        let records = folder.appendingPathComponent("records").path
        var outputs: [String: [Data]] = [:]
        for jobs in ["1", "4"] {
            for (format, name) in [("node-link", "g.json"), ("graphml", "g.graphml"), ("csv", "csv"), ("sqlite", "g.sqlite")] {
                let path = folder.appendingPathComponent("j\(jobs)-\(name)")
                let result = try CLI.storygraph(["export", records, "--format", format, "-o", path.path, "--jobs", jobs])
                XCTAssertEqual(result.status, 0, result.stderr)
                let files = format == "csv" ? ["nodes.csv", "edges.csv", "findings.csv", "clusters.csv", "stories.csv"].map { path.appendingPathComponent($0) } : [path]
                outputs[format, default: []].append(contentsOf: try files.map { try Data(contentsOf: $0) })
            }
        }
        for (format, data) in outputs {
            let half = data.count / 2
            XCTAssertEqual(Array(data[..<half]), Array(data[half...]), format)
            XCTAssertGreaterThan(data[0].count, 1000, format)
        }
    }

    /// examples/notebook.ipynb is committed with outputs: they show today's figures for everyday-ai.
    func testCommittedNotebookShowsCurrentFigures() throws {
        let url = CLI.packageRoot.appendingPathComponent("examples/notebook.ipynb")
        let notebook = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let code = try XCTUnwrap(notebook["cells"] as? [[String: Any]]).filter { $0["cell_type"] as? String == "code" }
        func joined(_ value: Any?) -> String { (value as? [String])?.joined() ?? (value as? String ?? "") }
        XCTAssertTrue(code.allSatisfy { !(($0["outputs"] as? [Any]) ?? []).isEmpty }, "every code cell has its output")
        let sources = code.map { joined($0["source"]) }.joined(separator: "\n")
        XCTAssertTrue(sources.contains(#"nx.node_link_graph(data, edges="edges")"#))
        XCTAssertTrue(sources.contains(#"sqlite3.connect("everyday-ai.sqlite")"#))
        let streams = code.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }
            .filter { $0["output_type"] as? String == "stream" }.map { joined($0["text"]) }
        let report = try ReportFigures([try CLI.shared().appendingPathComponent("corpus/everyday-ai").path], test: self)
        XCTAssertTrue(streams.contains("""
        DiGraph
        article nodes \(report["records"]) = records \(report["records"])
        article edges \(report["edges"]) = edges \(report["edges"])
        dangling edges \(report["dangling"]) = dangling \(report["dangling"])

        """), "examples/notebook.ipynb is stale: run `make notebook` and commit it\n\(streams)")
    }
}
