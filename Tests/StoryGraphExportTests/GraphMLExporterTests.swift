import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import StoryGraph
@testable import StoryGraphExport
import StoryGraphTestSupport

final class GraphMLExporterTests: XCTestCase {
    private var text: String { String(decoding: GraphMLExporter().export(ExportFixture.model), as: UTF8.self) }

    func testTypedKeys() {
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  <key ") && $0.contains("for=\"node\"") }
        XCTAssertEqual(keys.count, 17, "every node column but the id")
        XCTAssertTrue(text.contains(#"<key id="n_quality" for="node" attr.name="quality" attr.type="double"/>"#))
        XCTAssertTrue(text.contains(#"<key id="n_published" for="node" attr.name="published" attr.type="boolean"/>"#))
        XCTAssertTrue(text.contains(#"<key id="n_cluster" for="node" attr.name="cluster" attr.type="int"/>"#))
        XCTAssertTrue(text.contains(#"<key id="n_story" for="node" attr.name="story" attr.type="int"/>"#))
        XCTAssertTrue(text.contains(#"<key id="n_topics" for="node" attr.name="topics" attr.type="string"/>"#))
        XCTAssertTrue(text.contains(#"<key id="e_mutual" for="edge" attr.name="mutual" attr.type="boolean"/>"#))
        XCTAssertTrue(text.contains(#"<key id="g_records" for="graph" attr.name="records" attr.type="int"/>"#))
        XCTAssertTrue(text.contains(#"<graph id="storygraph" edgedefault="directed">"#))
    }

    /// Lists are `;`-joined, booleans lower-case, missing values and empty lists left out.
    func testNodeData() {
        XCTAssertTrue(text.contains("""
            <node id="example.com/a">
              <data key="n_kind">article</data>
              <data key="n_title">Alpha</data>
              <data key="n_url">https://example.com/a</data>
              <data key="n_aliases">example.com/a;example.com/a/amp</data>
              <data key="n_file">a.md</data>
              <data key="n_line">1</data>
              <data key="n_provider">Wire</data>
              <data key="n_published">true</data>
              <data key="n_date">2024-01-01T10:00:00Z</data>
              <data key="n_quality">0.5</data>
              <data key="n_heat">2.0</data>
              <data key="n_topics">AI;Chips</data>
              <data key="n_cluster">1</data>
              <data key="n_in_degree">1</data>
              <data key="n_out_degree">3</data>
              <data key="n_dangling_out">1</data>
            </node>
        """), text)
        XCTAssertTrue(text.contains("""
            <node id="record:e.md:1">
              <data key="n_kind">article</data>
              <data key="n_title">Epsilon</data>
              <data key="n_file">e.md</data>
        """), "no url, no aliases (an empty list)")
        XCTAssertEqual(text.components(separatedBy: "<node ").count - 1, 8)
        XCTAssertEqual(text.components(separatedBy: "<edge ").count - 1, 6)
    }

    func testEscaping() {
        XCTAssertEqual(XMLText.content("<b>\"x\" & 'y'</b>\r\n\t"), "&lt;b&gt;\"x\" &amp; 'y'&lt;/b&gt;&#13;\n\t")
        XCTAssertEqual(XMLText.attribute("a\"b<c>&\n\t\r"), "\"a&quot;b&lt;c&gt;&amp;&#10;&#9;&#13;\"")
        XCTAssertEqual(XMLText.content("\u{0}\u{1}\u{B}\u{1F}\u{7F}\u{FFFE}\u{FFFF}]]>"), "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{7F}\u{FFFD}\u{FFFD}]]&gt;")
        XCTAssertEqual(XMLText.content("\"\u{301}é😀"), "\"\u{301}é😀")
    }

    /// A hostile title and ids stay well-formed XML, and a parser reads back the title
    /// with only the forbidden characters replaced.
    func testHostileTextStaysWellFormed() throws {
        let hostile = "<script>alert('x')</script> \"Quoted\" & <b>bold</b>, a,b\nline\r\nCRLF\t\u{1}\u{0}]]>"
        let records = [Record(file: "a&<b>.md", title: hostile, urls: ArticleURLs(webUrl: "https://example.com/\"<&>'"),
                              topics: ["x;y", "<z>"],
                              related: [Stub(line: 2, urls: ArticleURLs(webUrl: "https://gone.example/\"&\u{1}"))])]
        let data = GraphMLExporter().export(ExportModel(Analysis(LoadedCorpus(records: records, files: ["a&<b>.md"]))))
        try XMLCheck.assertWellFormed(data)
        let titles = try DataCollector.values(of: "n_title", in: data)
        XCTAssertEqual(titles, [hostile.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}").replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")])
    }
}

/// Collects the text of every `<data key=KEY>` element, as an XML parser reads it.
private final class DataCollector: NSObject, XMLParserDelegate {
    private let key: String
    private var current: String?
    private(set) var values: [String] = []

    init(key: String) { self.key = key }

    static func values(of key: String, in data: Data) throws -> [String] {
        let collector = DataCollector(key: key)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
        return collector.values
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "data" && attributes["key"] == key { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "data", let value = current {
            values.append(value)
            current = nil
        }
    }
}
