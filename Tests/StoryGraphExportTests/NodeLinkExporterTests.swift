import Foundation
import XCTest
import StoryGraph
@testable import StoryGraphExport

final class NodeLinkExporterTests: XCTestCase {
    /// The whole file for two records and one dangling link, byte for byte.
    func testExactBytes() {
        let records = [
            Record(file: "a.md", title: "Say \"hi\"\n", urls: ArticleURLs(webUrl: "https://example.com/a"),
                   quality: 1, published: true, topics: ["AI"],
                   related: [Stub(line: 2, column: 3, urls: ArticleURLs(webUrl: "https://example.com/b")),
                             Stub(line: 4, column: 3, title: "Gone", urls: ArticleURLs(webUrl: "https://gone.example/x"))]),
            Record(file: "b.md", urls: ArticleURLs(webUrl: "https://example.com/b")),
        ]
        let model = ExportModel(Analysis(LoadedCorpus(records: records, files: ["a.md", "b.md"])))
        let text = String(decoding: NodeLinkExporter().export(model), as: UTF8.self)
        XCTAssertEqual(text, """
        {
          "directed": true,
          "multigraph": false,
          "graph": {"asymmetric": 1, "components": 1, "dangling": 1, "duplicate_links": 0, "duplicate_records": 0, \
        "edges": 1, "largest_component": 2, "links": 2, "malformed": 0, "mutual_pairs": 0, "records": 2, "self_links": 0, \
        "singletons": 0, "skipped": 0, "stale_dates": 0, "stale_titles": 0, "unpublished_targets": 0, "unreadable": 0},
          "nodes": [
            {"id": "example.com/a", "kind": "article", "title": "Say \\"hi\\"\\n", "url": "https://example.com/a", \
        "aliases": ["example.com/a"], "file": "a.md", "line": 1, "published": true, "quality": 1.0, "topics": ["AI"], \
        "cluster": 1, "in_degree": 0, "out_degree": 2, "dangling_out": 1},
            {"id": "example.com/b", "kind": "article", "url": "https://example.com/b", "aliases": ["example.com/b"], \
        "file": "b.md", "line": 1, "topics": [], "cluster": 1, "in_degree": 1, "out_degree": 0, "dangling_out": 0},
            {"id": "dangling:gone.example/x", "kind": "dangling", "title": "Gone", "url": "https://gone.example/x", \
        "aliases": ["gone.example/x"], "in_degree": 1, "out_degree": 0, "dangling_out": 0}
          ],
          "edges": [
            {"source": "example.com/a", "target": "example.com/b", "kind": "article", "mutual": false, "file": "a.md", "line": 2, "column": 3},
            {"source": "example.com/a", "target": "dangling:gone.example/x", "kind": "dangling", "mutual": false, "file": "a.md", "line": 4, "column": 3}
          ]
        }

        """)
    }

    func testEmptyCorpus() throws {
        let data = NodeLinkExporter().export(ExportModel(Analysis(LoadedCorpus())))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((object["nodes"] as? [Any])?.count, 0)
        XCTAssertEqual((object["edges"] as? [Any])?.count, 0)
        XCTAssertEqual(object["multigraph"] as? Bool, false)
    }

    func testStringEscapes() {
        XCTAssertEqual(JSONText.quoted("a\"b\\c/d"), #""a\"b\\c/d""#)
        XCTAssertEqual(JSONText.quoted("\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F}"), #""\n\r\t\b\f\u0000\u001f"# + "\u{7F}\"")
        XCTAssertEqual(JSONText.quoted("é\u{301}😀\u{2028}"), "\"é\u{301}😀\u{2028}\"")
        XCTAssertEqual(JSONText.value(.list(["a", "b\""])), #"["a", "b\""]"#)
        XCTAssertEqual(JSONText.value(.double(0.1)), "0.1")
        XCTAssertEqual(JSONText.value(.double(74)), "74.0")
    }

    /// Whatever the text, JSONSerialization reads back the same strings.
    func testHostileTextRoundTrips() throws {
        let hostile = "<script>alert('x')</script> \"Quoted\" & <b>bold</b>, a,b\n\r\n\t\u{1}\u{0}\"\u{301}"
        let data = Data(("{\"t\": " + JSONText.quoted(hostile) + "}").utf8)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: String])
        XCTAssertTrue(object["t"]!.unicodeScalars.elementsEqual(hostile.unicodeScalars))
    }

    func testSameModelSameBytes() {
        XCTAssertEqual(NodeLinkExporter().export(ExportFixture.model), NodeLinkExporter().export(ExportFixture.model))
    }
}
