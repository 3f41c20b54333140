import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// Back-link fixes: where a file's `related` takes a new entry, the stub's
/// YAML, and `BackLinks.apply` on real files read back by the loader.
final class CheckFixTests: XCTestCase {
    private let entry = [["  - title: \"A\"", "    webUrl: \"https://example.com/a\""]]

    private func insert(_ text: String, _ entries: [[String]]? = nil) throws -> String {
        let lines = RecordFileLines(Array(text.utf8))
        let block = try RelatedBlock.locate(in: lines).get()
        return String(decoding: block.inserting(entries ?? entry, into: lines), as: UTF8.self)
    }

    func testEntriesGoAfterTheLastEntryOfTheBlock() throws {
        XCTAssertEqual(try insert("---\ntitle: B\nrelated:\n  - title: \"C\"\n    webUrl: x\n\nsecured: s\n---\nbody\n"),
                       "---\ntitle: B\nrelated:\n  - title: \"C\"\n    webUrl: x\n  - title: \"A\"\n    webUrl: \"https://example.com/a\"\n\nsecured: s\n---\nbody\n")
    }

    func testIndentationFollowsTheFile() throws {
        let lines = RecordFileLines(Array("---\nrelated:\n- title: C\n  webUrl: x\nsecured: s\n---\n".utf8))
        let block = try RelatedBlock.locate(in: lines).get()
        XCTAssertEqual(block, RelatedBlock(shape: .block(after: 3), dashIndent: 0, keyIndent: 2))
        let dashAlone = RecordFileLines(Array("---\nrelated:\n    -\n      title: C\n---\n".utf8))
        XCTAssertEqual(try RelatedBlock.locate(in: dashAlone).get(), RelatedBlock(shape: .block(after: 3), dashIndent: 4, keyIndent: 6))
        XCTAssertEqual(try RelatedBlock.locate(in: RecordFileLines(Array("---\nrelated:   # none yet\ntitle: B\n---\n".utf8))).get(),
                       RelatedBlock(shape: .block(after: 1), dashIndent: 2, keyIndent: 4))
    }

    func testAnEmptyListOpensAndAMissingKeyIsAdded() throws {
        XCTAssertEqual(try insert("---\ntitle: B\nrelated: []\nsecured: s\n---\n"),
                       "---\ntitle: B\nrelated:\n  - title: \"A\"\n    webUrl: \"https://example.com/a\"\nsecured: s\n---\n")
        XCTAssertEqual(try insert("---\ntitle: B\nrelated: ~\n---\n"),
                       "---\ntitle: B\nrelated:\n  - title: \"A\"\n    webUrl: \"https://example.com/a\"\n---\n")
        XCTAssertEqual(try insert("---\ntitle: B\n---\nrelated: not front matter\n"),
                       "---\ntitle: B\nrelated:\n  - title: \"A\"\n    webUrl: \"https://example.com/a\"\n---\nrelated: not front matter\n")
    }

    func testCRLFAndABOMAreKept() throws {
        XCTAssertEqual(try insert("\u{FEFF}---\r\ntitle: B\r\nrelated:\r\n  - title: C\r\n---\r\n"),
                       "\u{FEFF}---\r\ntitle: B\r\nrelated:\r\n  - title: C\r\n  - title: \"A\"\r\n    webUrl: \"https://example.com/a\"\r\n---\r\n")
    }

    func testFilesThatCannotTakeAnEntrySayWhy() {
        let cases: [(String, String)] = [
            ("---\nrelated: [{webUrl: x}]\n---\n", "its `related` is written inline ([{webUrl: x}]…); add the entry by hand"),
            ("title: B\n", "the file has no front matter"),
            ("---\ntitle: B\n", "the front matter is never closed"),
        ]
        for (text, message) in cases {
            guard case .failure(let error) = RelatedBlock.locate(in: RecordFileLines(Array(text.utf8))) else {
                return XCTFail("\(text) should not be fixable")
            }
            XCTAssertEqual(error.description, message)
        }
    }

    func testStubYAMLLooksLikeTheCorpusAndReadsBackExactly() throws {
        let record = Record(file: "a.md", title: "Quotes \" and \\ back, tab\t, bell\u{7}, line\u{2028}end: \u{FEFF}#x",
                            excerpt: "Two\nlines", publishedDateTime: "2024-02-27T15:39:00Z",
                            urls: ArticleURLs(webUrl: "https://example.com/a?x=1&y=\"2\""), type: "article", quality: 74,
                            provider: Provider(name: "Süddeutsche Zeitung", domain: "sueddeutsche.de"))
        let lines = YAMLStub.lines(for: record, url: record.urls.webUrl!)
        XCTAssertEqual(lines, [
            #"  - title: "Quotes \" and \\ back, tab\t, bell\x07, line\Lend: \uFEFF#x""#,
            #"    excerpt: "Two\nlines""#,
            "    publishedDateTime: 2024-02-27T15:39:00Z",
            #"    webUrl: "https://example.com/a?x=1&y=\"2\"""#,
            "    type: article",
            "    provider:",
            "      name: Süddeutsche Zeitung",
            "      domain: sueddeutsche.de",
            "    quality: 74",
        ])
        XCTAssertEqual(YAMLStub.scalar("yes"), "\"yes\"")
        XCTAssertEqual(YAMLStub.scalar("Le Monde: live"), "\"Le Monde: live\"")
        XCTAssertEqual(YAMLStub.number(0.5), "0.5")
        XCTAssertEqual(YAMLStub.lines(for: Record(file: "x"), url: "https://x.org/", dashIndent: 0, keyIndent: 2), ["- webUrl: \"https://x.org/\""])

        // The loader reads the stub back to the record's own fields.
        let folder = try TemporaryFolder()
        let path = try folder.write("b.md", (["---", "title: B", "related:"] + lines + ["---", ""]).joined(separator: "\n"))
        let loaded = try RecordLoader(jobs: 1).load([path])
        XCTAssertEqual(loaded.problems, [])
        let stub = try XCTUnwrap(loaded.records.first?.related.first)
        XCTAssertEqual(stub.title, record.title)
        XCTAssertEqual(stub.publishedDateTime, record.publishedDateTime)
        XCTAssertEqual(stub.urls, record.urls)
        XCTAssertEqual(stub.provider, record.provider)
        XCTAssertEqual(stub.line, 4)
    }

    /// Three records: a → b, a → c and c → b one way; b is CRLF with an empty
    /// `related`, c has a block. After `apply`, no asymmetric link is left.
    func testApplyingEveryFixLeavesNoAsymmetricLink() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", """
        ---
        title: "Alpha"
        webUrl: "https://example.com/a"
        related:
          - title: "Beta"
            webUrl: "https://example.com/b"
          - title: "Gamma"
            webUrl: "https://example.com/c"
        ---

        """)
        try folder.write("b.md", "---\r\ntitle: \"Beta\"\r\nwebUrl: \"https://example.com/b\"\r\nrelated: []\r\n---\r\n")
        try folder.write("c.md", "---\ntitle: \"Gamma\"\nwebUrl: \"https://example.com/c\"\nrelated:\n    - title: \"Beta\"\n      webUrl: \"https://example.com/b\"\n---\n")
        func analyze() throws -> Analysis { Analysis(try RecordLoader(jobs: 1).load([folder.path])) }

        let before = try analyze()
        XCTAssertEqual(before.summary.asymmetric, 3)
        var backLinks = BackLinks(before.graph)
        let fixes = before.findings.compactMap { backLinks.fix(for: $0) }
        XCTAssertEqual(fixes.map { ($0.file as NSString).lastPathComponent }, ["b.md", "c.md", "b.md"])
        XCTAssertEqual(fixes[1].lines, ["    - title: \"Alpha\"", "      webUrl: \"https://example.com/a\""])

        for edit in BackLinks.apply(fixes).files { try Data(edit.bytes).write(to: URL(fileURLWithPath: edit.file)) }
        XCTAssertEqual(try String(contentsOfFile: folder.path("b.md"), encoding: .utf8), """
        ---\r\ntitle: "Beta"\r\nwebUrl: "https://example.com/b"\r\nrelated:\r\n\
          - title: "Alpha"\r\n    webUrl: "https://example.com/a"\r\n\
          - title: "Gamma"\r\n    webUrl: "https://example.com/c"\r\n---\r\n
        """)
        let after = try analyze()
        XCTAssertEqual(after.summary.asymmetric, 0)
        XCTAssertEqual(after.summary.mutualPairs, 3)
        XCTAssertEqual(after.findings, [])
    }

    func testJSONRecordsAreNotEditedButGetTheStub() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "---\ntitle: A\nwebUrl: https://example.com/a\nrelated:\n  - webUrl: https://example.com/b\n---\n")
        try folder.write("b.json", #"{"title": "B", "webUrl": "https://example.com/b"}"#)
        let analysis = Analysis(try RecordLoader(jobs: 1).load([folder.path]))
        var backLinks = BackLinks(analysis.graph)
        let fix = try XCTUnwrap(analysis.findings.compactMap { backLinks.fix(for: $0) }.first)
        XCTAssertEqual(fix.unfixable, "it is a JSON record; add the entry by hand")
        XCTAssertEqual(fix.yaml, "  - title: \"A\"\n    webUrl: \"https://example.com/a\"\n")
        XCTAssertTrue(BackLinks.apply([fix]).files.isEmpty)
    }

    /// A duplicate record has no URL of its own: nothing can link back to it.
    func testADuplicateRecordGetsNoBackLink() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "---\ntitle: A\nwebUrl: https://example.com/a\n---\n")
        try folder.write("b.md", "---\ntitle: A again\nwebUrl: https://www.example.com/a/\nrelated:\n  - webUrl: https://example.com/c\n---\n")
        try folder.write("c.md", "---\ntitle: C\nwebUrl: https://example.com/c\n---\n")
        let analysis = Analysis(try RecordLoader(jobs: 1).load([folder.path]))
        var backLinks = BackLinks(analysis.graph)
        let fixes = analysis.findings.compactMap { backLinks.fix(for: $0) }
        XCTAssertEqual(fixes.count, 1)
        XCTAssertEqual(fixes[0].lines, [])
        XCTAssertEqual(fixes[0].unfixable, "every URL of \(folder.path("b.md")) is another record's (a duplicate record); resolve that first")
        XCTAssertTrue(BackLinks.apply(fixes).files.isEmpty)
    }

    func testAQuotedKeyIsFoundAndKept() throws {
        XCTAssertEqual(try insert("---\n\"related\": []\n---\n"),
                       "---\n\"related\":\n  - title: \"A\"\n    webUrl: \"https://example.com/a\"\n---\n")
    }

    /// `apply` edits a file only when it reads back with the new entries:
    /// badly indented lines or a file that does not read are refused.
    func testEditsThatWouldNotReadBackAreRefused() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.md", "---\ntitle: B\nrelated:\n  - webUrl: https://example.com/c\n---\n")
        let twice = try folder.write("twice.md", "---\nrelated:\n  - webUrl: https://example.com/c\nrelated: []\n---\n")
        func fix(_ file: String, _ lines: [String]) -> BackLinkFix {
            BackLinkFix(file: file, record: 0, target: 1, lines: lines, unfixable: nil)
        }
        let edits = BackLinks.apply([
            fix(good, ["- webUrl: \"https://example.com/a\""]),
            fix(twice, ["  - webUrl: \"https://example.com/a\""]),
        ])
        XCTAssertTrue(edits.files.isEmpty)
        XCTAssertEqual(edits.refused.map { ($0.file as NSString).lastPathComponent }, ["good.md", "twice.md"])
        XCTAssertEqual(Set(edits.refused.map(\.reason)), ["the edited front matter would not read back as intended; add the entries by hand"])
        let fine = BackLinks.apply([fix(good, ["  - webUrl: \"https://example.com/a\""])])
        XCTAssertEqual(fine.refused.count, 0)
        XCTAssertEqual(fine.files.map { String(decoding: $0.bytes, as: UTF8.self) },
                       ["---\ntitle: B\nrelated:\n  - webUrl: https://example.com/c\n  - webUrl: \"https://example.com/a\"\n---\n"])
    }
}
