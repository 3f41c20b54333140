import Foundation
import XCTest
@testable import StoryGraph

/// Findings hold their message as a template (`FindingMessage`); the text it
/// builds must be the text the passes built by interpolation before.
final class FindingMessageTests: XCTestCase {
    /// Titles and dates with quotes, backslashes, control characters, non-ASCII
    /// and whitespace that trimming removes.
    ///   s.md (published) → t.md: stale title, stale date, asymmetric, unpublished (t has a title)
    ///                    → u.md: stale date after trimming, asymmetric, unpublished (u has no title)
    ///                    → v.md: stale title after trimming (both sides trimmed), asymmetric
    ///                    → dangling with a title, dangling without
    static let corpus: LoadedCorpus = {
        let hostile = "\"q\" \\ / \u{1}\t\n é 中 😀"
        let target = Record(file: "t.md", title: "T \(hostile)", publishedDateTime: "2024-05-05\u{7}",
                            urls: ArticleURLs(webUrl: "https://t.example/"), published: false)
        let untitled = Record(file: "dir/u \"x\".md", publishedDateTime: "2024-01-02",
                              urls: ArticleURLs(webUrl: "https://u.example/"), published: false)
        let trimmed = Record(file: "v.md", title: " Vee\u{3000}", urls: ArticleURLs(webUrl: "https://v.example/"))
        let source = Record(file: "s.md", title: "S", urls: ArticleURLs(webUrl: "https://s.example/"), published: true, related: [
            Stub(line: 3, title: "Old \(hostile)", publishedDateTime: "2024-05-06 \\ \"",
                 urls: ArticleURLs(webUrl: "https://t.example/")),
            Stub(line: 7, title: "no title on the target", publishedDateTime: " 2024-01-01\n",
                 urls: ArticleURLs(webUrl: "https://u.example/")),
            Stub(line: 11, title: "\tVee (old) \n", urls: ArticleURLs(webUrl: "https://v.example/")),
            Stub(line: 15, title: "Gone \(hostile)", urls: ArticleURLs(webUrl: "https://gone.example/titled")),
            Stub(line: 19, urls: ArticleURLs(webUrl: "https://gone.example/untitled")),
        ])
        return LoadedCorpus(records: [source, target, untitled, trimmed], files: ["dir/u \"x\".md", "s.md", "t.md", "v.md"])
    }()

    /// The message each templated pass built before, by the same interpolations.
    private func interpolatedMessage(of finding: Finding, in graph: ArticleGraph) throws -> String {
        func name(of record: Int) -> String {
            if let title = graph.records[record].title { return "\"\(title)\" (\(graph.records[record].file))" }
            return graph.records[record].file
        }
        let ref = try XCTUnwrap(finding.subject.stub)
        let stub = graph.records[ref.record].related[ref.stub]
        switch finding.kind {
        case .staleTitle:
            let target = try XCTUnwrap(finding.subject.targetRecord)
            let (said, actual) = (stub.title!.trimmingPythonWhitespace(), graph.records[target].title!.trimmingPythonWhitespace())
            return "stub title \"\(said)\" differs from the target's title \"\(actual)\""
        case .staleDate:
            let target = try XCTUnwrap(finding.subject.targetRecord)
            let (said, actual) = (stub.publishedDateTime!.trimmingPythonWhitespace(),
                                  graph.records[target].publishedDateTime!.trimmingPythonWhitespace())
            return "stub publishedDateTime \(said) differs from the target's \(actual)"
        case .unpublishedTarget:
            return "published record links to unpublished \(name(of: try XCTUnwrap(finding.subject.targetRecord)))"
        case .asymmetric:
            return "links to \(name(of: try XCTUnwrap(finding.subject.targetRecord))), which does not link back"
        case .dangling:
            guard case .dangling(let alias)? = graph.links.first(where: { $0.ref == ref })?.resolution else {
                XCTFail("stub at line \(stub.line) is not dangling")
                return ""
            }
            let title = stub.title.map { " (\"\($0)\")" } ?? ""
            return "related link to \(alias)\(title) names no record"
        default:
            XCTFail("\(finding.kind) has no template")
            return ""
        }
    }

    func testEachTemplateBuildsTheInterpolatedText() throws {
        let analysis = Analysis(Self.corpus)
        let templated = analysis.findings.filter {
            if case .text = $0.storedMessage { return false }
            return true
        }
        // Every finding of the corpus is templated, and each template is there (twice where it has two shapes).
        XCTAssertEqual(templated.count, analysis.findings.count)
        XCTAssertEqual(templated.map(\.kind).sorted(), [.dangling, .dangling, .asymmetric, .asymmetric, .asymmetric,
                                                       .staleTitle, .staleTitle, .staleDate, .staleDate,
                                                       .unpublishedTarget, .unpublishedTarget])
        for finding in templated {
            XCTAssertEqual(finding.message, try interpolatedMessage(of: finding, in: analysis.graph), "\(finding.kind) at line \(finding.line)")
        }
        // Two spelled out, so that a template and the interpolation above cannot drift together.
        XCTAssertEqual(analysis.findings.first { $0.kind == .asymmetric && $0.line == 7 }?.message,
                       "links to dir/u \"x\".md, which does not link back")
        XCTAssertEqual(analysis.findings.first { $0.kind == .staleTitle && $0.line == 11 }?.message,
                       "stub title \"Vee (old)\" differs from the target's title \"Vee\"")
    }

    /// Trimming that changes nothing keeps the record's own strings; trimming that does keeps the trimmed text.
    func testStaleStubsHoldTrimmedText() throws {
        let analysis = Analysis(Self.corpus)
        let date = try XCTUnwrap(analysis.findings.first { $0.kind == .staleDate && $0.line == 7 })
        guard case .staleDate(let said, let actual) = date.storedMessage else { return XCTFail("\(date.storedMessage)") }
        XCTAssertEqual([said, actual], ["2024-01-01", "2024-01-02"])
        let title = try XCTUnwrap(analysis.findings.first { $0.kind == .staleTitle && $0.line == 3 })
        guard case .staleTitle(let saidTitle, _) = title.storedMessage else { return XCTFail("\(title.storedMessage)") }
        XCTAssertEqual(saidTitle, Self.corpus.records[0].related[0].title)
    }

    func testFindingsWithTheSameTextAreEqualWhateverTheirForm() throws {
        let analysis = Analysis(Self.corpus)
        for finding in analysis.findings {
            var asText = finding
            asText.message = finding.message
            guard case .text = asText.storedMessage else { return XCTFail("setting message stores text") }
            XCTAssertEqual(asText, finding)
            XCTAssertEqual(finding, asText)
            asText.message += "."
            XCTAssertNotEqual(asText, finding)
        }
        // A decoded finding (text, no subject) equals the analysed one.
        let decoded = try JSONDecoder().decode([Finding].self, from: JSONEncoder().encode(analysis.findings))
        XCTAssertEqual(decoded, Array(analysis.findings))
        XCTAssertEqual(decoded.map(\.message), analysis.findings.map(\.message))
    }

    /// A decoded line or column is taken as the JSON says it or refused: never clamped into range.
    func testDecodedLinesAreExactOrRefused() throws {
        func json(line: String) -> Data {
            Data(#"{"kind":"dangling","severity":"error","file":"x.md","line":\#(line),"column":3,"message":"m"}"#.utf8)
        }
        let finding = try JSONDecoder().decode(Finding.self, from: json(line: "2147483647"))
        XCTAssertEqual([finding.line, finding.column], [2_147_483_647, 3])
        XCTAssertThrowsError(try JSONDecoder().decode(Finding.self, from: json(line: "2147483648")))
    }

    /// Line, column and graph indices are stored narrower than `Int`; callers still see `Int` and nil.
    func testNarrowFieldsReadBackAsSet() {
        var finding = Finding(kind: .dangling, file: "x.md", line: 123_456_789, column: 77, message: "m")
        XCTAssertEqual([finding.line, finding.column], [123_456_789, 77])
        XCTAssertEqual(finding.subject, Finding.Subject())
        XCTAssertNil(finding.subject.record)
        XCTAssertNil(finding.subject.stub)
        XCTAssertNil(finding.subject.targetRecord)
        finding.subject = Finding.Subject(record: 0, stub: LinkRef(record: 5, stub: 0), targetRecord: 2_000_000)
        XCTAssertEqual(finding.subject.record, 0)
        XCTAssertEqual(finding.subject.stub, LinkRef(record: 5, stub: 0))
        XCTAssertEqual(finding.subject.targetRecord, 2_000_000)
        finding.subject.stub = nil
        XCTAssertNil(finding.subject.stub)
        XCTAssertEqual(finding.subject.record, 0)
    }
}
