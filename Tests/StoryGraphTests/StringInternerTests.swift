import XCTest
@testable import StoryGraph
import StoryGraphTestSupport

final class StringInternerTests: XCTestCase {
    private func intern(_ text: String, in strings: StringInterner) -> String {
        var text = text
        return text.withUTF8 { strings.string($0) }
    }

    /// Where a string's bytes live: equal addresses mean one shared storage.
    private func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    func testEqualTextsShareOneStorageAndKeepTheirValue() {
        let strings = StringInterner()
        let date = "2021-02-28T12:00:00Z"
        let first = intern(date, in: strings)
        let second = intern(String(date.reversed().reversed()), in: strings)
        XCTAssertEqual(first, date)
        XCTAssertEqual(second, date)
        XCTAssertEqual(storage(first), storage(second))
        let other = intern("2021-02-28T12:00:01Z", in: strings)
        XCTAssertEqual(other, "2021-02-28T12:00:01Z")
        XCTAssertNotEqual(storage(other), storage(first))
        XCTAssertEqual(intern("Zürich – Genève, 中文 topic", in: strings), "Zürich – Genève, 中文 topic")
    }

    func testManyTextsGrowTheTableAndAllComeBackEqual() {
        let strings = StringInterner()
        let texts = (0..<5_000).map { "https://example.com/article/\($0)" }
        let first = texts.map { intern($0, in: strings) }
        let again = texts.map { intern($0, in: strings) }
        XCTAssertEqual(first, texts)
        XCTAssertEqual(again, texts)
        XCTAssertEqual(zip(first, again).filter { storage($0) != storage($1) }.count, 0)
    }

    func testBeyondItsLimitItStillGivesEveryTextRight() {
        let strings = StringInterner(maximumEntries: 2_000)
        let count = strings.maximumEntries + 1_000
        let texts = (0..<count).map { "a topic that is long \($0)" }
        XCTAssertEqual(texts.map { intern($0, in: strings) }, texts)
        // The texts taken before the limit are still shared; the ones after are not kept.
        let early = (intern(texts[0], in: strings), intern(texts[0], in: strings))
        XCTAssertEqual(storage(early.0), storage(early.1))
        let late = (intern(texts[count - 1], in: strings), intern(texts[count - 1], in: strings))
        XCTAssertEqual(late.0, texts[count - 1])
        XCTAssertNotEqual(storage(late.0), storage(late.1))
    }

    func testShortTextsAreMadeAsTheyAre() {
        let strings = StringInterner()
        XCTAssertEqual(intern("", in: strings), "")
        XCTAssertEqual(intern("article", in: strings), "article")
        XCTAssertEqual(intern("exactly 15 byte", in: strings), "exactly 15 byte")
    }
}

extension StringInternerTests {
    func testEqualUnknownFieldsOfConsecutiveRecordsShareOneDictionary() {
        let strings = StringInterner()
        let secured: [String: FieldValue] = ["secured": .scalar("x;y"), "images": .list([.scalar("a"), .null])]
        let first = strings.fields(secured)
        let second = strings.fields(["images": .list([.scalar("a"), .null]), "secured": .scalar("x;y")])
        XCTAssertEqual(first, secured)
        XCTAssertEqual(second, secured)
        // One storage: the second record's dictionary is the first's.
        XCTAssertEqual(unsafeBitCast(first, to: UnsafeRawPointer.self), unsafeBitCast(second, to: UnsafeRawPointer.self))
        let other = strings.fields(["secured": .scalar("z")])
        XCTAssertEqual(other, ["secured": .scalar("z")])
    }
}

extension StringInternerTests {
    func testTitlesSharedByThreadsComeBackEqualAndShareOneStorage() {
        let titles = LinkedTexts()
        let texts = (0..<2_000).map { "Title of article number \($0), with ünïcödé" }
        // Four threads intern the same titles in different orders.
        let results = ParallelMap.map(Array(0..<4), jobs: 4) { worker -> [String] in
            let order = worker % 2 == 0 ? Array(texts.indices) : texts.indices.reversed()
            var got = Array(repeating: "", count: texts.count)
            for index in order {
                var text = texts[index]
                got[index] = text.withUTF8 { titles.string($0) }
            }
            return got
        }
        for got in results { XCTAssertEqual(got, texts) }
        XCTAssertEqual(texts.indices.filter { index in results.contains { storage($0[index]) != storage(results[0][index]) } }, [])
        XCTAssertEqual(titles.string("Short title"), "Short title")
    }
}

extension StringInternerTests {
    /// The loader end to end, on two threads: a stub that copies its target's
    /// title and URLs holds the target record's own strings, whichever file a
    /// thread read first, and a record that gives one URL under two keys holds
    /// one string for both.
    func testStubsShareTheTitleAndURLsOfTheRecordTheyCopy() throws {
        let folder = try TemporaryFolder()
        let title = "A title long enough to need its own storage"
        let web = "https://example.org/2024/01/02/a-story-long-enough/"
        let amp = "https://example.org/2024/01/02/a-story-long-enough/amp/"
        _ = try folder.write("a.md", "---\ntitle: \"\(title)\"\nwebUrl: \(web)\nampWebUrl: '\(amp)'\noriginalUrl: \(web)\n---\n")
        for index in 0..<8 {
            _ = try folder.write("b\(index).md", """
                ---
                title: Linking record \(index)
                webUrl: https://example.org/linking/\(index)/
                related:
                  - title: \(title)
                    webUrl: "\(web)"
                    ampWebUrl: \(amp)
                  - webUrl: https://example.org/nowhere/\(index)/
                ---

                """)
        }
        let records = try RecordLoader(jobs: 2).load([folder.url.path]).records
        XCTAssertEqual(records.count, 9)
        let target = try XCTUnwrap(records.first { $0.title == title })
        let stubs = records.filter { $0.title != title }.map { $0.related[0] }
        XCTAssertEqual(stubs.count, 8)
        for stub in stubs {
            XCTAssertEqual(stub.title, title)
            XCTAssertEqual(stub.urls.webUrl, web)
            XCTAssertEqual(stub.urls.ampWebUrl, amp)
            XCTAssertEqual(storage(stub.title!), storage(target.title!))
            XCTAssertEqual(storage(stub.urls.webUrl!), storage(target.urls.webUrl!))
            XCTAssertEqual(storage(stub.urls.ampWebUrl!), storage(target.urls.ampWebUrl!))
        }
        XCTAssertEqual(target.urls.originalUrl, web)
        XCTAssertEqual(storage(target.urls.originalUrl!), storage(target.urls.webUrl!))
        XCTAssertEqual(Set(records.compactMap { $0.related.last?.urls.webUrl }),
                       Set((0..<8).map { "https://example.org/nowhere/\($0)/" }))
    }
}

extension StringInternerTests {
    /// Equal lists share one array; the first `maximumLists` distinct lists
    /// are kept, later ones come back as given; every list keeps its value.
    func testEqualListsShareOneArrayUpToTheLimit() {
        let strings = StringInterner()
        let first = strings.list(["world", "politics"])
        let second = strings.list(["world"] + ["politics"])
        XCTAssertEqual(second, ["world", "politics"])
        XCTAssertEqual(first.withUnsafeBufferPointer(\.baseAddress), second.withUnsafeBufferPointer(\.baseAddress))
        // Order counts: a different list.
        XCTAssertEqual(strings.list(["politics", "world"]), ["politics", "world"])
        XCTAssertEqual(strings.list([]), [])
        for index in 0..<StringInterner.maximumLists { _ = strings.list(["topic \(index)"]) }
        // Full: a new list is not kept, so an equal one is a fresh array; a kept one is still shared.
        let late = strings.list(["late"])
        let lateAgain = strings.list(["late"])
        XCTAssertEqual(lateAgain, ["late"])
        XCTAssertNotEqual(late.withUnsafeBufferPointer(\.baseAddress), lateAgain.withUnsafeBufferPointer(\.baseAddress))
        XCTAssertEqual(strings.list(["world", "politics"]).withUnsafeBufferPointer(\.baseAddress),
                       first.withUnsafeBufferPointer(\.baseAddress))
    }

    /// Records read by one thread that list the same topics hold one array.
    func testRecordsWithTheSameTopicsShareOneArray() throws {
        let folder = try TemporaryFolder()
        for index in 0..<3 {
            _ = try folder.write("r\(index).md", "---\ntitle: R\(index)\ntopics: [world, \"politics\"]\n---\n")
        }
        _ = try folder.write("s.md", "---\ntitle: S\ntopics:\n  - politics\n---\n")
        let records = try RecordLoader(jobs: 1).load([folder.url.path]).records
        XCTAssertEqual(records.map(\.topics), [["world", "politics"], ["world", "politics"], ["world", "politics"], ["politics"]])
        let arrays = Set(records.prefix(3).map { $0.topics.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } })
        XCTAssertEqual(arrays.count, 1)
    }
}

extension StringInternerTests {
    /// Emptied at the end of a load, the table lets its texts go and shares no
    /// more; the strings it handed out keep their values.
    func testLinkedTextsEmptiedKeepHandedOutStringsAndShareNoMore() {
        let titles = LinkedTexts(expectedEntries: 1_000)
        let texts = (0..<1_000).map { "A title long enough to be shared, number \($0)" }
        let handedOut = texts.map { titles.string($0) }
        XCTAssertEqual(storage(titles.string(texts[7])), storage(handedOut[7]))
        titles.removeAll(jobs: 2)
        XCTAssertEqual(handedOut, texts)
        let again = titles.string(texts[7])
        XCTAssertEqual(again, texts[7])
        XCTAssertNotEqual(storage(again), storage(handedOut[7]))
        XCTAssertNotEqual(storage(titles.string(texts[7])), storage(again))
    }
}
