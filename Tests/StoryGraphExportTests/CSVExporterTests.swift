import Foundation
import XCTest
import StoryGraph
@testable import StoryGraphExport

final class CSVExporterTests: XCTestCase {
    private func file(_ name: String) throws -> String {
        let files = CSVExporter().export(ExportFixture.model)
        return String(decoding: try XCTUnwrap(files.first { $0.name == name }).data, as: UTF8.self)
    }

    func testFourFilesInOrder() {
        XCTAssertEqual(CSVExporter().export(ExportFixture.model).map(\.name), ["nodes.csv", "edges.csv", "findings.csv", "clusters.csv", "stories.csv"])
    }

    func testEdgesFileExactly() throws {
        XCTAssertEqual(try file("edges.csv"), """
        source,target,kind,mutual,file,line,column\r
        example.com/a,example.com/b,article,true,a.md,2,5\r
        example.com/a,example.com/c,article,false,a.md,3,5\r
        example.com/a,dangling:gone.example/x,dangling,false,a.md,4,5\r
        example.com/b,example.com/a,article,true,b.md,2,3\r
        example.com/b,dangling:gone.example/x,dangling,false,b.md,3,3\r
        example.com/f,dangling:gone.example/y,dangling,false,f.md,9,3\r

        """)
    }

    func testNodesAndClustersRows() throws {
        let nodes = try file("nodes.csv").components(separatedBy: "\r\n")
        XCTAssertEqual(nodes[0], "id,kind,title,url,aliases,file,line,provider,published,date,quality,heat,topics,cluster,story,in_degree,out_degree,dangling_out")
        XCTAssertEqual(nodes[1], "example.com/a,article,Alpha,https://example.com/a,example.com/a;example.com/a/amp,a.md,1,Wire,true,2024-01-01T10:00:00Z,0.5,2.0,AI;Chips,1,,1,3,1")
        XCTAssertEqual(nodes[5], "record:e.md:1,article,Epsilon,,,e.md,1,,,,,,,2,,0,0,0")
        XCTAssertEqual(nodes[7], "dangling:gone.example/x,dangling,Missing,https://gone.example/x,gone.example/x,,,Gone,,2023-12-31,,,,,,2,0,0")
        XCTAssertEqual(nodes.count, 1 + 8 + 1, "header, 8 nodes, and the empty string after the last CRLF")
        let clusters = try file("clusters.csv").components(separatedBy: "\r\n")
        XCTAssertEqual(clusters[0], "id,size,edges,mutual_pairs,asymmetric,dangling,first_date,last_date,title")
        XCTAssertEqual(clusters[1], "1,3,3,1,1,2,2024-01-01T10:00:00Z,2024-01-03T00:00:00Z,Alpha")
        XCTAssertEqual(clusters[2], "2,1,0,0,0,0,,,Epsilon")
        // The fixture's analysis finds no stories: the header alone.
        XCTAssertEqual(try file("stories.csv"), "id,cluster,size,label,first_date,last_date\r\n")
    }

    func testFindingsFileQuotesMessages() throws {
        let findings = try file("findings.csv").components(separatedBy: "\r\n")
        XCTAssertEqual(findings[0], "kind,severity,file,line,column,source,target,message")
        XCTAssertEqual(findings.count - 2, ExportFixture.analysis.findings.count)
        XCTAssertTrue(findings.contains(#"dangling,error,a.md,4,5,https://example.com/a,https://gone.example/x,"related link to gone.example/x (""Missing"") names no record""#),
                      findings.joined(separator: "\n"))
    }

    /// One field as `CSVExporter.write` appends it.
    private func field(_ text: String) -> String {
        var out: [UInt8] = []
        CSVExporter.write(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 4180: quotes only when needed, `"` doubled; a `"` with a combining mark is still a quote.
    func testFieldQuoting() {
        XCTAssertEqual(field("plain text; ok"), "plain text; ok")
        XCTAssertEqual(field("a,b"), "\"a,b\"")
        XCTAssertEqual(field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(field("cr\r"), "\"cr\r\"")
        XCTAssertEqual(field("\"\u{301}"), "\"\"\"\u{301}\"")
        XCTAssertEqual(field(""), "")
        XCTAssertEqual(field("=SUM(A1)"), "=SUM(A1)", "kept as written, so that csv readers get the text back")
    }
}
