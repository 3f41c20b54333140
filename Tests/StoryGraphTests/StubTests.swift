import XCTest
@testable import StoryGraph

/// `Stub` keeps its URLs compactly (the one it nearly always has, or a box of
/// several); what it gives back must be what it was given, however given.
final class StubTests: XCTestCase {
    private let keys: [RecordKey] = [.webUrl, .originalUrl, .ampWebUrl, .cdnAmpWebUrl, .url]

    func testStubIsAsSmallAsItsDocSays() {
        XCTAssertEqual(MemoryLayout<Stub>.stride, 104)
    }

    /// Every subset of the five URL keys, given through `init`, through `urls`
    /// and one key at a time, reads back the same and compares equal.
    func testEverySetOfURLKeysReadsBackAsGiven() {
        for mask in 0..<32 {
            var urls = ArticleURLs()
            for (bit, key) in keys.enumerated() where mask & (1 << bit) != 0 {
                urls.set(key, "https://example.org/\(key.rawValue)/a-path-long-enough-for-its-own-storage/")
            }
            let built = Stub(line: 3, column: 5, title: "T", urls: urls)
            var assigned = Stub(line: 3, column: 5, title: "T")
            assigned.urls = urls
            var oneByOne = Stub(line: 3, column: 5, title: "T")
            for key in keys.reversed() { if let value = urls.value(for: key) { oneByOne.setURL(key, value) } }
            for stub in [built, assigned, oneByOne] {
                XCTAssertEqual(stub.urls, urls, "mask \(mask)")
                XCTAssertEqual(stub.displayURL, urls.display, "mask \(mask)")
                XCTAssertEqual(stub, built, "mask \(mask)")
            }
        }
    }

    /// A stub whose URLs shrink from several to one or none compares equal to
    /// one built that way, and a different URL or key makes it unequal.
    func testEqualityFollowsTheURLsNotHowTheyAreHeld() {
        var stub = Stub(line: 1, urls: ArticleURLs(webUrl: "https://a.example/1", ampWebUrl: "https://a.example/1/amp"))
        stub.urls = ArticleURLs(webUrl: "https://a.example/1")
        XCTAssertEqual(stub, Stub(line: 1, urls: ArticleURLs(webUrl: "https://a.example/1")))
        XCTAssertNotEqual(stub, Stub(line: 1, urls: ArticleURLs(url: "https://a.example/1")))
        XCTAssertNotEqual(stub, Stub(line: 1, urls: ArticleURLs(webUrl: "https://a.example/2")))
        stub.urls = ArticleURLs()
        XCTAssertEqual(stub, Stub(line: 1))
        XCTAssertNil(stub.displayURL)
        // The same key given twice keeps the last value.
        stub.setURL(.url, "https://a.example/first")
        stub.setURL(.url, "https://a.example/second")
        XCTAssertEqual(stub.urls, ArticleURLs(url: "https://a.example/second"))
    }

    func testLineAndColumnClampToTheirStorage() {
        var stub = Stub(line: 12, column: 7, isMapping: false)
        XCTAssertEqual([stub.line, stub.column], [12, 7])
        XCTAssertFalse(stub.isMapping)
        stub.line = Int(Int32.max) + 10
        XCTAssertEqual(stub.line, Int(Int32.max))
    }
}
