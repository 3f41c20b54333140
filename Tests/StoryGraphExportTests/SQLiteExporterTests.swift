import Foundation
import GRDB
import XCTest
import StoryGraph
@testable import StoryGraphExport
import StoryGraphTestSupport

final class SQLiteExporterTests: XCTestCase {
    private func exported(_ model: ExportModel = ExportFixture.model) throws -> (DatabaseQueue, TemporaryFolder) {
        let folder = try TemporaryFolder("storygraph-sqlite-tests")
        let path = folder.path("graph.sqlite")
        try SQLiteExporter().export(model, to: path)
        var configuration = Configuration()
        configuration.readonly = true
        return (try DatabaseQueue(path: path, configuration: configuration), folder)
    }

    func testRowCountsFollowTheSummary() throws {
        let (db, _folder) = try exported()
        _ = _folder
        try db.read { db in
            func count(_ sql: String) throws -> Int? { try Int.fetchOne(db, sql: sql) }
            XCTAssertEqual(try count("SELECT count(*) FROM articles"), 6)
            XCTAssertEqual(try count("SELECT count(*) FROM links"), 9)
            XCTAssertEqual(try count("SELECT count(*) FROM clusters"), 4)
            XCTAssertEqual(try count("SELECT count(*) FROM findings"), ExportFixture.analysis.findings.count)
            XCTAssertEqual(try count("SELECT count(*) FROM aliases"), 6)
            XCTAssertEqual(try count("SELECT count(*) FROM topics"), 2)
            XCTAssertEqual(try count("SELECT value FROM summary WHERE key = 'dangling'"), 3)
            let resolutions = try Row.fetchAll(db, sql: "SELECT resolution, count(*) FROM links GROUP BY resolution ORDER BY resolution")
                .map { "\($0[0] as String): \($0[1] as Int)" }
            XCTAssertEqual(resolutions, ["dangling: 3", "duplicate: 1", "malformed: 1", "record: 3", "self: 1"])
        }
    }

    /// Every stub of Alpha, with what it names.
    func testLinksOfOneRecord() throws {
        let (db, _folder) = try exported()
        _ = _folder
        let rows = try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT position, resolution, target_id, target_alias, duplicate_of, mutual, title, url, line, "column"
                FROM links WHERE source_id = 1 ORDER BY id
                """)
        }
        XCTAssertEqual(rows.map { $0.description }, [
            #"[position:1 resolution:"record" target_id:2 target_alias:NULL duplicate_of:NULL mutual:1 title:NULL url:"https://example.com/b" line:2 column:5]"#,
            #"[position:2 resolution:"record" target_id:3 target_alias:NULL duplicate_of:NULL mutual:0 title:NULL url:"https://example.com/c" line:3 column:5]"#,
            #"[position:3 resolution:"dangling" target_id:NULL target_alias:"gone.example/x" duplicate_of:NULL mutual:NULL title:"Missing" url:"https://gone.example/x" line:4 column:5]"#,
            #"[position:4 resolution:"duplicate" target_id:2 target_alias:NULL duplicate_of:1 mutual:NULL title:NULL url:"https://www.example.com/b/" line:5 column:5]"#,
            #"[position:5 resolution:"self" target_id:1 target_alias:NULL duplicate_of:NULL mutual:NULL title:NULL url:"https://example.com/a#top" line:6 column:5]"#,
            #"[position:6 resolution:"malformed" target_id:NULL target_alias:NULL duplicate_of:NULL mutual:NULL title:NULL url:"javascript:alert(1)" line:7 column:5]"#,
        ])
    }

    func testArticlesAndAliases() throws {
        let (db, _folder) = try exported()
        _ = _folder
        try db.read { db in
            let alpha = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE id = 1"))
            XCTAssertEqual(alpha.description, #"[id:1 node_id:"example.com/a" title:"Alpha" url:"https://example.com/a" file:"a.md" line:1 provider:"Wire" published:1 date:"2024-01-01T10:00:00Z" quality:0.5 heat:2.0 cluster_id:1 story_id:NULL duplicate_of:NULL in_degree:1 out_degree:3 dangling_out:1]"#)
            // Beta copy shares Beta's URL: a duplicate of article 2, owning no alias.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT duplicate_of FROM articles WHERE node_id = 'record:d.md:1'"), 2)
            XCTAssertEqual(try Row.fetchAll(db, sql: "SELECT article_id, owned FROM aliases WHERE alias = 'example.com/b' ORDER BY article_id").map { "\($0[0] as Int):\($0[1] as Int)" },
                           ["2:1", "4:0"])
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT topic FROM topics WHERE article_id = 1 ORDER BY position"), ["AI", "Chips"])
            XCTAssertEqual(try Row.fetchAll(db, sql: "SELECT alias, sources FROM dangling_targets ORDER BY alias").map { "\($0[0] as String) \($0[1] as Int)" },
                           ["gone.example/x 2", "gone.example/y 1"])
        }
    }

    func testForeignKeysHold() throws {
        let (db, _folder) = try exported()
        _ = _folder
        try db.read { db in
            XCTAssertNil(try Row.fetchOne(db, sql: "PRAGMA foreign_key_check"))
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_foreign_key_list('links')"), 3)
        }
    }

    /// Written under a temporary name and renamed: nothing else is left, and an old file is replaced.
    func testReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryFolder("storygraph-sqlite-tests")
        let path = try folder.write("graph.sqlite", "not a database")
        try SQLiteExporter().export(ExportFixture.model, to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["graph.sqlite"])
        let db = try DatabaseQueue(path: path)
        XCTAssertEqual(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM articles") }, 6)
        try db.close()
        try SQLiteExporter().export(ExportFixture.model, to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["graph.sqlite"])
    }

    func testUnwritableDestinationThrowsAndLeavesNothing() throws {
        let folder = try TemporaryFolder("storygraph-sqlite-tests")
        let taken = try folder.makeFolder("taken.sqlite/inside")
        XCTAssertThrowsError(try SQLiteExporter().export(ExportFixture.model, to: (taken as NSString).deletingLastPathComponent))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["taken.sqlite"])
    }

    /// GRDB binds text as a C string: a NUL is written as U+FFFD instead of cutting the text short.
    func testTextIsKeptWholeAndNULBecomesReplacementCharacter() throws {
        let title = "<script>alert('x')</script> \"Quoted\" & <b>bold</b>, a,b\n\r\n\t\u{1}\u{0}tail"
        let records = [Record(file: "a.md", title: title, urls: ArticleURLs(webUrl: "https://example.com/a"))]
        let (db, _folder) = try exported(ExportModel(Analysis(LoadedCorpus(records: records, files: ["a.md"]))))
        _ = _folder
        let stored = try db.read { try String.fetchOne($0, sql: "SELECT title FROM articles") }
        XCTAssertEqual(stored.map { Array($0.unicodeScalars) }, Array(title.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}").unicodeScalars))
    }
}
