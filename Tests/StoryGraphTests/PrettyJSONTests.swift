import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// The streamed report must be byte for byte what `JSONEncoder` writes.
final class PrettyJSONTests: XCTestCase {
    private func foundationJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    private func assertSameBytes(_ report: Report, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let streamed = try report.jsonData()
        let expected = try foundationJSON(report)
        XCTAssertEqual(streamed.count, expected.count, label, file: file, line: line)
        XCTAssert(streamed == expected, "\(label): streamed JSON differs from JSONEncoder's", file: file, line: line)
    }

    func testFixtureReportIsJSONEncodersBytes() throws {
        try assertSameBytes(Report(StoryCorpusFixture.analysis), "fixture")
        let withStories = Analysis(StoryCorpusFixture.corpus, stories: .leiden)
        XCTAssertNotNil(withStories.stories)
        try assertSameBytes(Report(withStories), "fixture with stories")
    }

    func testEmptyReportIsJSONEncodersBytes() throws {
        try assertSameBytes(Report(Analysis(LoadedCorpus())), "empty corpus")
    }

    func testControlCharactersQuotesAndUnicodeAreEscapedAsJSONEncoderDoes() throws {
        let title = "<script>\"q\" \\ / \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} \u{2028} é 中 😀"
        let records = [
            Record(file: "a.md", title: title, publishedDateTime: "2024", urls: ArticleURLs(webUrl: "https://a.example/x"),
                   related: [Stub(line: 9, title: title, urls: ArticleURLs(webUrl: "https://b.example/\(title)"))]),
            Record(file: "b.md", title: "B", urls: ArticleURLs(webUrl: "https://b.example/y"),
                   related: [Stub(line: 3, urls: ArticleURLs(webUrl: "https://a.example/x/"))]),
        ]
        try assertSameBytes(Report(Analysis(LoadedCorpus(records: records, files: ["a.md", "b.md"]))), "hostile text")
        // Every message template, its pieces written one by one, with hostile titles, dates and file names.
        try assertSameBytes(Report(Analysis(FindingMessageTests.corpus)), "hostile text in every message template")
    }

    /// A string written in pieces is the joined string written whole, for
    /// every split of a text with escapes, multi-byte characters and runs
    /// longer than the eight-byte scan, and for empty pieces.
    func testStringWrittenInPiecesIsTheJoinedStringWritten() {
        let text = "ab\"cd\\ef\u{1}\n\té中😀 0123456789abcdef\u{7F}\""
        let characters = Array(text)
        var checked = 0
        for first in 0...characters.count {
            for second in first...characters.count {
                let pieces = [String(characters[..<first]), String(characters[first..<second]), "", String(characters[second...])]
                var whole: [UInt8] = [], inPieces: [UInt8] = []
                PrettyJSON.writeString(text, into: &whole)
                PrettyJSON.writeString(pieces: { body in pieces.forEach(body) }, into: &inPieces)
                XCTAssertEqual(String(decoding: inPieces, as: UTF8.self), String(decoding: whole, as: UTF8.self), "\(pieces)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, (characters.count + 1) * (characters.count + 2) / 2)
    }

    /// `writeString` scans eight bytes at a time: an escape at each position of a
    /// word, next to multi-byte characters, and at either end of a string of each
    /// length up to 24, must come out as `JSONEncoder` writes it.
    func testEveryEscapeAtEveryOffsetIsJSONEncodersString() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let specials: [Character] = ["\"", "\\", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\n", "\u{C}", "\r", "\u{1F}", "\u{7F}", "/", "é", "😀", " ", "!", "#", "[", "]"]
        var checked = 0
        for length in 0...24 {
            for offset in 0..<max(length, 1) {
                for special in specials {
                    var characters = Array(repeating: Character("a"), count: length)
                    if length > 0 { characters[offset] = special }
                    if length > 2 { characters[length - 1] = "\"" }
                    let text = String(characters)
                    var written: [UInt8] = []
                    PrettyJSON.writeString(text, into: &written)
                    XCTAssertEqual(String(decoding: written, as: UTF8.self),
                                   String(decoding: try encoder.encode(text), as: UTF8.self), "\(Array(text.utf8))")
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 19 * (1 + (1...24).reduce(0, +)))
    }

    func testIntegersAreWrittenAsStringSpellsThem() {
        var values = [0, 1, -1, 9, 10, -10, 99, 100, 12_345, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 { power *= 10; values += [power - 1, power, -power, -(power - 1)] }
        for value in values {
            var written: [UInt8] = []
            PrettyJSON.writeInt(value, into: &written)
            XCTAssertEqual(String(decoding: written, as: UTF8.self), String(value))
        }
    }

    func testRealCorporaReportsAreJSONEncodersBytes() throws {
        let root = try TestPaths.requirePackageRoot()
        let shared = try TestPaths.requireShared()
        for folder in ["\(root)/seeds", "\(shared)/corpus/everyday-ai", "\(shared)/corpus/everyday-azure"] {
            let corpus = try RecordLoader().load([folder])
            let report = Report(Analysis(corpus, stories: .leiden))
            try assertSameBytes(report, folder)
            // Blocks encoded on three threads are written in order: the same bytes again.
            var threaded: [UInt8] = []
            try report.writeJSON(jobs: 3) { threaded += $0 }
            XCTAssert(Data(threaded) == (try foundationJSON(report)), "\(folder): JSON written on 3 threads differs")
        }
    }

    /// A value written at depth 2 (as the summary is written at depth 1) is what
    /// `JSONEncoder` writes for it nested that deep, strings with line breaks included.
    func testNestedValueIsIndentedAsJSONEncoderIndentsIt() throws {
        struct Sample: Encodable {
            var empty: [Int] = []
            var emptyObject: [String: Int] = [:]
            var nested: [[Int]] = [[1, 2], []]
            var text = "two\nlines \"quoted\""
            var fraction = 0.1
            var missing: Int? = nil
            var flag = true
        }
        struct Outer: Encodable { var a: Middle = Middle() }
        struct Middle: Encodable { var b = Sample() }
        var streamed = Array("{\n  \"a\" : {\n    \"b\" : ".utf8)
        try PrettyJSON.write(Sample(), depth: 2, into: &streamed)
        streamed += Array("\n  }\n}\n".utf8)
        XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: try foundationJSON(Outer()), as: UTF8.self))
    }
}

extension PrettyJSONTests {
    /// A cluster of more than `Report.streamedMembers` members has its members
    /// streamed: two such clusters (first, as clusters go largest first, and
    /// one after another) before a run of small ones, on one thread and on
    /// three, still give `JSONEncoder`'s bytes.
    func testLargeClustersStreamedBeforeSmallOnesAreJSONEncodersBytes() throws {
        let large = Report.streamedMembers + 3
        // A chain of `large` records, one of `large + 5`, and pairs around them.
        func chain(_ name: String, _ count: Int) -> [Record] {
            (0..<count).map { index in
                Record(file: "\(name)/\(String(format: "%05d", index)).md", title: "\(name) \"\(index)\"",
                       urls: ArticleURLs(webUrl: "https://\(name).example/\(index)"),
                       related: index + 1 < count ? [Stub(line: 2, urls: ArticleURLs(webUrl: "https://\(name).example/\(index + 1)"))] : [])
            }
        }
        let records = chain("a", 2) + chain("big", large) + chain("b", 3) + chain("bigger", large + 5) + chain("c", 2)
        let analysis = Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
        let report = Report(analysis)
        XCTAssertEqual(report.clusters.map(\.size), [large + 5, large, 3, 2, 2])
        try assertSameBytes(report, "large clusters")
        var threeThreads: [UInt8] = []
        try report.writeJSON(jobs: 3) { threeThreads += $0 }
        XCTAssertEqual(Data(threeThreads), try report.jsonData())
    }
}
