import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

final class RecordLoaderTests: XCTestCase {
    private let loader = RecordLoader(jobs: 1)

    private func record(_ fields: String) -> String { "---\n\(fields)\n---\nBody.\n" }

    // MARK: The seeds

    func testSeedRecordsLoadWithEveryField() throws {
        let root = try TestPaths.requirePackageRoot()
        let seeds = root + "/seeds"
        let first = seeds + "/000_25832b02d12fdacf.txt"
        let second = seeds + "/003_29daa9ea93b981f3.txt"
        let corpus = try loader.load([seeds])

        XCTAssertEqual(corpus.files, [first, second])
        XCTAssertEqual(corpus.problems, [])
        XCTAssertEqual(corpus.records.count, 2)
        guard corpus.records.count == 2 else { return }
        let a = corpus.records[0], b = corpus.records[1]

        XCTAssertEqual(a.file, first)
        XCTAssertEqual(a.line, 2)
        XCTAssertEqual(a.title, "Alibaba staffer offers a glimpse into building LLMs in China")
        XCTAssertEqual(a.publishedDateTime, "2024-02-27T10:27:00Z")
        XCTAssertEqual(a.category, "news")
        XCTAssertEqual(a.type, "article")
        XCTAssertEqual(a.urls, ArticleURLs(
            webUrl: "https://techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/",
            originalUrl: "https://techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/",
            ampWebUrl: "https://techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/amp/",
            cdnAmpWebUrl: "https://techcrunch-com.cdn.ampproject.org/c/s/techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/amp/"))
        XCTAssertEqual(a.published, true)
        XCTAssertEqual(a.quality, 74)
        XCTAssertEqual(a.heat, 84)
        XCTAssertEqual(a.provider, Provider(name: "TechCrunch", domain: "techcrunch.com"))
        XCTAssertEqual(a.topics, ["Natural Language Processing", "AI"])
        XCTAssertTrue(a.excerpt?.hasPrefix("Binyuan Hui, a natural language processing researcher at Alibaba’s") ?? false)
        XCTAssertEqual(a.related.count, 1)

        XCTAssertEqual(b.file, second)
        XCTAssertEqual(b.title, "Alibaba Leads Record Deal to Mint $2.5 Billion China AI Firm")
        XCTAssertEqual(b.publishedDateTime, "2024-02-27T15:39:00Z")
        XCTAssertEqual(b.urls, ArticleURLs(webUrl: "https://time.com/6835581/alibaba-moonshot-ai-investment/",
                                           originalUrl: "https://time.com/6835581/alibaba-moonshot-ai-investment/"))
        XCTAssertEqual(b.published, false)
        XCTAssertEqual(b.quality, 67)
        XCTAssertEqual(b.heat, -1)
        XCTAssertEqual(b.provider, Provider(name: "Time", domain: "time.com"))
        XCTAssertEqual(b.topics, ["AI"])
        XCTAssertEqual(b.related.count, 1)

        // Stubs: fields copied from the target, and the line of their first key.
        let stubA = try XCTUnwrap(a.related.first), stubB = try XCTUnwrap(b.related.first)
        XCTAssertTrue(stubA.isMapping)
        XCTAssertEqual(stubA.title, b.title)
        XCTAssertEqual(stubA.publishedDateTime, "2024-02-27T15:39:00Z")
        XCTAssertEqual(stubA.urls, ArticleURLs(webUrl: "https://time.com/6835581/alibaba-moonshot-ai-investment/"))
        XCTAssertEqual(stubA.provider, Provider(name: "Time", domain: "time.com"))
        XCTAssertEqual(stubB.title, a.title)
        XCTAssertEqual(stubB.urls.cdnAmpWebUrl, a.urls.cdnAmpWebUrl)
        XCTAssertEqual(stubA.line, try lineNumber(of: "  - title:", in: first))
        XCTAssertEqual(stubB.line, try lineNumber(of: "  - title:", in: second))
        XCTAssertEqual(stubA.line, 34)
        XCTAssertEqual(stubB.line, 31)
        XCTAssertEqual(stubA.column, 5)

        // Unknown keys are kept.
        guard case .scalar(let secured)? = a.otherFields["secured"] else {
            return XCTFail("secured not kept: \(String(describing: a.otherFields["secured"]))")
        }
        XCTAssertTrue(secured.hasPrefix("92tKY5qeXr8J0An7FSyZDjD/"))
        XCTAssertTrue(secured.hasSuffix(";hnWsHJH9M/vS7NNDzqrZwQ=="))
        XCTAssertEqual(Set(a.otherFields.keys), ["secured", "images"])
        guard case .list(let images)? = a.otherFields["images"], case .map(let image)? = images.first else {
            return XCTFail("images not kept as a list of maps")
        }
        XCTAssertEqual(image.map(\.key), ["url", "width", "height", "isCached"])
        XCTAssertEqual(image[1].value, .scalar("1200"))
    }

    /// The 1-based line of the first line of `path` that starts with `prefix`.
    private func lineNumber(of prefix: String, in path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        return try XCTUnwrap(lines.firstIndex { $0.hasPrefix(prefix) }) + 1
    }

    // MARK: YAML 1.1 scalars

    func testScalarsResolveAsYAML11() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", record("""
        title: 2024
        published: yes
        webUrl: ~
        originalUrl: null
        ampWebUrl: https://a.com/x?y=1#z
        quality: 1_000
        heat: "5"
        category: true
        """))
        try folder.write("b.md", record("published: \"true\"\ntitle: \"\"\nexcerpt:\ntopics: single"))
        try folder.write("c.md", record("published: off\nquality: 7.5\nheat: -3\nprovider: Plain Name"))
        let records = try loader.load([folder.path]).records
        XCTAssertEqual(records.count, 3)
        guard records.count == 3 else { return }

        XCTAssertEqual(records[0].title, "2024")
        XCTAssertEqual(records[0].published, true)
        XCTAssertNil(records[0].urls.webUrl)
        XCTAssertNil(records[0].urls.originalUrl)
        XCTAssertEqual(records[0].urls.ampWebUrl, "https://a.com/x?y=1#z")
        XCTAssertEqual(records[0].quality, 1000)
        XCTAssertNil(records[0].heat, "a quoted number is a string")
        XCTAssertEqual(records[0].category, "true")

        XCTAssertNil(records[1].published, "a quoted \"true\" is a string, not a boolean")
        XCTAssertEqual(records[1].title, "", "a quoted empty string is not null")
        XCTAssertNil(records[1].excerpt)
        XCTAssertEqual(records[1].topics, ["single"])

        XCTAssertEqual(records[2].published, false)
        XCTAssertEqual(records[2].quality, 7.5)
        XCTAssertEqual(records[2].heat, -3)
        XCTAssertEqual(records[2].provider, Provider(name: "Plain Name"))
    }

    func testRelatedAsAStringIsOneNonMappingStub() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.md", "---\ntitle: A\nrelated: https://b.com/x\n---\n")
        let record = try XCTUnwrap(try loader.load([path]).records.first)
        XCTAssertEqual(record.related.count, 1)
        XCTAssertEqual(record.related.first?.isMapping, false)
        XCTAssertEqual(record.related.first?.line, 3)
        XCTAssertEqual(record.related.first?.urls, ArticleURLs())
    }

    func testRelatedListEntriesThatAreNotMappingsAreStubsWithTheirLines() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.md", """
        ---
        related:
          - just text
          - webUrl: https://b.com/x
            title: B
          -
        ---
        """)
        let record = try XCTUnwrap(try loader.load([path]).records.first)
        XCTAssertEqual(record.related.map(\.isMapping), [false, true, false])
        XCTAssertEqual(record.related.map(\.line), [3, 4, 6])
        XCTAssertEqual(record.related[1].urls.webUrl, "https://b.com/x")
        XCTAssertEqual(record.related[1].title, "B")
    }

    // MARK: Broken files

    func testBrokenYAMLIsUnreadableAtItsLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.md", "---\ntitle: ok\nexcerpt: fine\nbad: x: y\n---\n")
        let corpus = try loader.load([path])
        XCTAssertEqual(corpus.records, [])
        XCTAssertEqual(corpus.problems.count, 1)
        let problem = try XCTUnwrap(corpus.problems.first)
        XCTAssertEqual(problem.kind, .unreadable)
        XCTAssertEqual(problem.file, path)
        XCTAssertEqual(problem.line, 4)
        XCTAssertTrue(problem.message.hasPrefix("YAML does not parse: "), problem.message)
    }

    func testListFrontMatterIsUnreadableNotAMapping() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("list.md", "---\n- a\n- b\n---\n")
        let corpus = try loader.load([path])
        XCTAssertEqual(corpus.records, [])
        XCTAssertEqual(corpus.problems, [FileProblem(kind: .unreadable, file: path, line: 2, message: "front matter is not a mapping")])
    }

    func testScalarAndEmptyFrontMatterAreUnreadable() throws {
        let folder = try TemporaryFolder()
        let scalar = try folder.write("scalar.md", "---\njust words\n---\n")
        let empty = try folder.write("empty.md", "---\n---\n")
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.records, [])
        XCTAssertEqual(corpus.problems, [
            FileProblem(kind: .unreadable, file: empty, line: 2, message: "front matter is empty: not a mapping"),
            FileProblem(kind: .unreadable, file: scalar, line: 2, message: "front matter is not a mapping"),
        ])
    }

    func testUnclosedAndInvalidUTF8AreUnreadable() throws {
        let folder = try TemporaryFolder()
        let unclosed = try folder.write("a.md", "---\ntitle: A\n")
        let binary = try folder.write("b.md", bytes: Array("---\ntitle: A\n".utf8) + [0xC0, 0x80] + Array("\n---\n".utf8))
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.records, [])
        XCTAssertEqual(corpus.problems, [
            FileProblem(kind: .unreadable, file: unclosed, line: 1, message: "front matter opened with '---' but never closed"),
            FileProblem(kind: .unreadable, file: binary, line: 3, message: "invalid UTF-8"),
        ])
    }

    func testFileWithoutFrontMatterIsSkipped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("page.md", "# Just a page\n\nNo front matter.\n")
        let empty = try folder.write("empty.txt", "")
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.records, [])
        XCTAssertEqual(corpus.problems, [
            FileProblem(kind: .skipped, file: empty, line: 1, message: "no front matter: not a record"),
            FileProblem(kind: .skipped, file: path, line: 1, message: "no front matter: not a record"),
        ])
    }

    func testReadmeBesideRecordsIsSkippedAndRecordsStillLoad() throws {
        let folder = try TemporaryFolder()
        let readme = try folder.write("README.md", "# Articles\n\nThese are the articles.\n")
        try folder.write("a.md", record("title: A"))
        try folder.write("b.md", "---\ntitle: [broken\n---\n")
        try folder.write("c.md", record("title: C"))
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.records.map(\.title), ["A", "C"])
        XCTAssertEqual(corpus.problems.map(\.kind), [.skipped, .unreadable])
        XCTAssertEqual(corpus.problems.first, FileProblem(kind: .skipped, file: readme, line: 1, message: "no front matter: not a record"))
        XCTAssertEqual(corpus.problems.last?.file, folder.path("b.md"))
    }

    // MARK: JSON

    func testJSONArrayGivesOneRecordPerObject() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("records.json", """
        [
          {"title": "A", "webUrl": "https://a.com/1", "published": true, "related": [{"webUrl": "https://a.com/2"}]},
          {"title": "B", "webUrl": "https://a.com/2", "quality": 50}
        ]
        """)
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.problems, [])
        XCTAssertEqual(corpus.records.map(\.title), ["A", "B"])
        XCTAssertEqual(corpus.records.map(\.file), [path, path])
        XCTAssertEqual(corpus.records.map(\.line), [2, 3])
        XCTAssertEqual(corpus.records.first?.published, true)
        XCTAssertEqual(corpus.records.first?.related.first?.urls.webUrl, "https://a.com/2")
        XCTAssertEqual(corpus.records.last?.quality, 50)
        XCTAssertEqual(corpus.records.last?.urls.webUrl, "https://a.com/2")
    }

    func testJSONSingleObjectAndNonObjectElements() throws {
        let folder = try TemporaryFolder()
        let one = try folder.write("a.json", #"{"title": "One"}"#)
        let mixed = try folder.write("b.json", "[\n  {\"title\": \"Two\"},\n  3\n]\n")
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.records.map(\.title), ["One", "Two"])
        XCTAssertEqual(corpus.records.map(\.file), [one, mixed])
        XCTAssertEqual(corpus.problems, [FileProblem(kind: .unreadable, file: mixed, line: 3, message: "list element is not a mapping")])
    }

    func testJSONLinesWithOneBrokenLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("records.jsonl", """
        {"title": "A", "webUrl": "https://a.com/1"}
        {"title": "B", "webUrl":
        {"title": "C", "webUrl": "https://a.com/3"}

        """)
        let corpus = try loader.load([path])
        XCTAssertEqual(corpus.records.map(\.title), ["A", "C"])
        XCTAssertEqual(corpus.records.map(\.line), [1, 3])
        XCTAssertEqual(corpus.problems.count, 1)
        let problem = try XCTUnwrap(corpus.problems.first)
        XCTAssertEqual(problem.kind, .unreadable)
        XCTAssertEqual(problem.file, path)
        XCTAssertEqual(problem.line, 2, problem.message)
        XCTAssertTrue(problem.message.hasPrefix("YAML does not parse: "), problem.message)
    }

    func testJSONLinesWithCRLFLineEnds() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("crlf.jsonl", "{\"title\": \"A\"}\r\n{\"title\": \"B\"}\r\n\r\n{\"title\": \"C\"}\r\n")
        let corpus = try loader.load([path])
        XCTAssertEqual(corpus.records.map(\.title), ["A", "B", "C"])
        XCTAssertEqual(corpus.records.map(\.line), [1, 2, 4])
        XCTAssertEqual(corpus.problems, [])
    }

    func testJSONLinesErrorInsideALineIsAtThatLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("records.jsonl", "{\"title\": \"A\"}\n{\"title\": \"B\" \"x\"}\n{\"title\": \"C\"}\n")
        let corpus = try loader.load([path])
        XCTAssertEqual(corpus.records.map(\.title), ["A", "C"])
        XCTAssertEqual(corpus.problems.map(\.line), [2])
    }

    // MARK: Paths

    func testFolderWalkOrder() throws {
        let folder = try TemporaryFolder()
        let names = ["b.md", "a.md", "B.md", "_x.md", "c.MD", "d.markdown", "e.json", "f.jsonl", "g.txt", "z.md",
                     "0sub/inner.md", "0sub/deeper/d.md", "0sub/a.md", "Z/z.md", "a/c.md"]
        for name in names {
            switch (name as NSString).pathExtension {
            case "json": try folder.write(name, #"{"title": "\#(name)"}"#)
            case "jsonl": try folder.write(name, #"{"title": "\#(name)"}"# + "\n")
            default: try folder.write(name, record("title: \(name)"))
            }
        }
        // Passed over when walking: hidden entries and other extensions.
        try folder.write(".hidden.md", record("title: hidden"))
        try folder.write(".git/x.md", record("title: git"))
        try folder.write("notes.pdf", record("title: pdf"))
        try folder.write("image.png", "png")
        try folder.write("noext", record("title: noext"))

        let expected = ["B.md", "_x.md", "a.md", "b.md", "c.MD", "d.markdown", "e.json", "f.jsonl", "g.txt", "z.md",
                        "0sub/a.md", "0sub/inner.md", "0sub/deeper/d.md", "Z/z.md", "a/c.md"]
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.files, expected.map(folder.path))
        XCTAssertEqual(corpus.records.map(\.title), expected)
        XCTAssertEqual(corpus.records.map(\.file), expected.map(folder.path))
        XCTAssertEqual(corpus.problems, [])

        // A trailing slash on the folder does not change the paths.
        XCTAssertEqual(try loader.load([folder.path + "/"]).files, expected.map(folder.path))
    }

    /// Names of every length a file system allows (1 to 255 bytes, ASCII and
    /// not), read from readdir's entries field by field: the walk once copied
    /// each whole `dirent`, reading past the end of a short entry (a crash when
    /// readdir's buffer ended a page; AddressSanitizer sees it on any folder).
    func testFolderWalkReadsNamesOfEveryLength() throws {
        let folder = try TemporaryFolder()
        let names = (1...252).map { String(repeating: "n", count: $0 - 1) + String($0 % 10) + ".md" }
            + [String(repeating: "é", count: 126) + ".md"]   // é is two bytes
        XCTAssertEqual(names.map(\.utf8.count).filter { $0 == 255 }.count, 2)
        for name in names { try folder.write(name, record("title: t")) }
        let expected = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(folder.path)
        XCTAssertEqual(try loader.load([folder.path]).files, expected)
    }

    func testArgumentsAreLoadedInTheirOrderAndNamedFilesWhateverTheirExtension() throws {
        let folder = try TemporaryFolder()
        let pdf = try folder.write("notes.pdf", record("title: pdf"))
        let hidden = try folder.write(".hidden", record("title: hidden"))
        let sub = try folder.makeFolder("sub")
        try folder.write("sub/a.md", record("title: sub-a"))
        let corpus = try loader.load([pdf, sub, hidden])
        XCTAssertEqual(corpus.files, [pdf, folder.path("sub/a.md"), hidden])
        XCTAssertEqual(corpus.records.map(\.title), ["pdf", "sub-a", "hidden"])
    }

    func testMissingPathIsALoadError() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path("nope")
        do {
            _ = try loader.load([folder.path, missing])
            XCTFail("expected a LoadError")
        } catch {
            XCTAssertEqual(error.path, missing)
            XCTAssertEqual(error.description, "no such file or directory: \(missing)")
        }
    }

    func testFolderNamedLikeARecordIsWalkedNotRead() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.md/inner.md", record("title: inner"))
        try folder.makeFolder("empty.md")
        try folder.write("y.md", record("title: y"))
        let corpus = try loader.load([folder.path])
        XCTAssertEqual(corpus.files, [folder.path("y.md"), folder.path("x.md/inner.md")])
        XCTAssertEqual(corpus.records.map(\.title), ["y", "inner"])
        XCTAssertEqual(corpus.problems, [])
        // Named as an argument it is a folder too.
        XCTAssertEqual(try loader.load([folder.path("x.md")]).records.map(\.title), ["inner"])
        // Read directly, a folder is an unreadable file, not a crash.
        let outcome = loader.loadFile(folder.path("empty.md"))
        XCTAssertEqual(outcome.records, [])
        XCTAssertEqual(outcome.problems.map(\.kind), [.unreadable])
        XCTAssertEqual(outcome.problems.first?.line, 1)
    }

    func testThreadCountDoesNotChangeTheResult() throws {
        let folder = try TemporaryFolder()
        for i in 0..<40 {
            let name = ["a", "b", "c/d"][i % 3] + "/" + (i < 10 ? "0" : "") + String(i)
            switch i % 8 {
            case 0: try folder.write(name + ".md", "# no front matter\n")
            case 1: try folder.write(name + ".md", "---\ntitle: [\n---\n")
            case 2: try folder.write(name + ".json", #"[{"title": "j\#(i)a"}, {"title": "j\#(i)b"}]"#)
            case 3: try folder.write(name + ".jsonl", "{\"title\": \"l\(i)\"}\nbroken: [\n")
            default:
                try folder.write(name + ".md", record("title: r\(i)\nwebUrl: https://a.com/\(i)\nrelated:\n  - webUrl: https://a.com/\(i + 1)"))
            }
        }
        let serial = try RecordLoader(jobs: 1).load([folder.path])
        let parallel = try RecordLoader(jobs: 4).load([folder.path])
        XCTAssertEqual(serial.records.count, 35)
        XCTAssertEqual(serial.problems.count, 15)
        XCTAssertEqual(parallel.files, serial.files)
        XCTAssertEqual(parallel.records, serial.records)
        XCTAssertEqual(parallel.problems, serial.problems)
        XCTAssertEqual(RecordLoader(jobs: 0).jobs, 1)
    }
}

extension RecordLoaderTests {
    /// Without excerpts, every record is the one a full load gives, but for
    /// its excerpt: through the fast path, through Yams (an anchor is outside
    /// the fast path's subset), and from a JSON list.
    func testAJobThatReadsNoExcerptLoadsTheRecordsWithoutThem() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("fast.md", "---\ntitle: Fast\nexcerpt: \"A fast excerpt, long enough to need storage\"\nwebUrl: https://e.example/fast\n---\n")
        _ = try folder.write("yams.md", "---\ntitle: &t Yams\nexcerpt: An excerpt Yams reads\nwebUrl: https://e.example/yams\nrelated:\n  - title: *t\n    webUrl: https://e.example/fast\n---\n")
        _ = try folder.write("list.json", #"[{"title": "J", "excerpt": "In a list", "webUrl": "https://e.example/j"}, {"title": "K"}]"#)
        let full = try RecordLoader(jobs: 2).load([folder.url.path])
        let lean = try RecordLoader(decoder: FrontMatterDecoder(keepsExcerpts: false), jobs: 2).load([folder.url.path])
        XCTAssertEqual(full.records.compactMap(\.excerpt),
                       ["A fast excerpt, long enough to need storage", "In a list", "An excerpt Yams reads"])
        XCTAssertEqual(lean.records.map(\.excerpt), [nil, nil, nil, nil])
        XCTAssertEqual(lean.records, full.records.map { record in
            var record = record
            record.excerpt = nil
            return record
        })
        XCTAssertEqual(lean.problems, full.problems)
    }
}
