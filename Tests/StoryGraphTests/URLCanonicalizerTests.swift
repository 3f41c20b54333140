import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

final class URLCanonicalizerTests: XCTestCase {
    private func assertCanonical(_ raw: String, _ expected: String?, file: StaticString = #filePath, line: UInt = #line) {
        let actual = URLCanonicalizer.canonical(raw)
        // Compare scalars, not Strings: String == would hide a normalisation difference.
        XCTAssertEqual(actual.map { Array($0.unicodeScalars) }, expected.map { Array($0.unicodeScalars) },
                       "canonical(\(String(reflecting: raw))) is \(String(reflecting: actual)), expected \(String(reflecting: expected))",
                       file: file, line: line)
    }

    // MARK: Rule 1: http and https only, with a host

    func testHTTPAndHTTPSAreTheSameArticle() {
        assertCanonical("http://example.com/a", "example.com/a")
        assertCanonical("https://example.com/a", "example.com/a")
        assertCanonical("HTTPS://example.com/a", "example.com/a")
        assertCanonical("hTtP://example.com/a", "example.com/a")
    }

    func testNonHTTPSchemesAndMissingHostsAreNil() {
        for raw in ["ftp://example.com/a", "mailto:someone@example.com", "javascript:alert(1)",
                    "javascript://example.com/%0Aalert(1)", "file:///etc/passwd", "data:text/html,hi",
                    "", " ", "   ", "\t\n", "\u{A0}", "https://", "https:///path", "http:example.com",
                    "//example.com/x", "example.com/x", "https://:80/", "http://user@/x", "http//example.com",
                    "1http://example.com", "http://[::1/x"] {
            assertCanonical(raw, nil)
        }
    }

    // MARK: Rule 2: host

    func testHostIsLowerCasedAndPathCaseKept() {
        assertCanonical("https://EXAMPLE.Com/Path/To", "example.com/Path/To")
    }

    func testLeadingWWWIsDroppedOnce() {
        assertCanonical("https://www.example.com/a", "example.com/a")
        assertCanonical("https://WWW.Example.com/a", "example.com/a")
        assertCanonical("https://www.www.x.com/", "www.x.com/")
        assertCanonical("https://www2.example.com/a", "www2.example.com/a")
        assertCanonical("https://sub.www.example.com/", "sub.www.example.com/")
    }

    func testPortAndUserinfoAreDropped() {
        assertCanonical("https://user:pass@www.a.com:8443/x", "a.com/x")
        assertCanonical("http://a.com:80/", "a.com/")
        assertCanonical("http://user@a.com/x", "a.com/x")
        assertCanonical("https://[::1]:8080/x", "::1/x")
        assertCanonical("https://[2001:DB8::1]/x", "2001:db8::1/x")
    }

    // MARK: Rule 3: AMP cache

    func testAMPCacheURLStandsForTheCachedPage() {
        assertCanonical("https://techcrunch-com.cdn.ampproject.org/c/s/techcrunch.com/2024/x/amp/", "techcrunch.com/2024/x/amp")
        assertCanonical("https://example-com.cdn.ampproject.org/c/example.com/a/b", "example.com/a/b")
        assertCanonical("https://x.cdn.ampproject.org/c/s/WWW.Example.COM/p?b=2&a=1&utm_source=amp", "example.com/p?a=1&b=2")
        assertCanonical("https://x.cdn.ampproject.org/c/s/example.com", "example.com/")
        // Not the /c/ form, or not a subdomain of cdn.ampproject.org: left as it is.
        assertCanonical("https://x.cdn.ampproject.org/v/s/example.com/p", "x.cdn.ampproject.org/v/s/example.com/p")
        assertCanonical("https://cdn.ampproject.org/c/s/example.com/p", "cdn.ampproject.org/c/s/example.com/p")
    }

    func testAMPPathsAreNotRewritten() {
        assertCanonical("https://example.com/story/amp/", "example.com/story/amp")
        assertCanonical("https://example.com/story.amp", "example.com/story.amp")
    }

    // MARK: Rule 4: fragment and query

    func testFragmentIsDropped() {
        assertCanonical("https://a.com/x#top", "a.com/x")
        assertCanonical("https://a.com/x?b=1#frag?c=2", "a.com/x?b=1")
        assertCanonical("https://a.com/#", "a.com/")
        assertCanonical("https://a.com#x?y=1", "a.com/")
    }

    func testEveryTrackingKeyIsDroppedCaseInsensitively() {
        let keys = ["fbclid", "gclid", "ocid", "mc_cid", "mc_eid", "cmpid", "ncid", "guccounter"]
        XCTAssertEqual(URLCanonicalizer.trackingKeys, Set(keys))
        for key in keys + ["utm_source", "utm_medium", "utm_campaign", "utm_", "utm_whatever"] {
            for spelled in [key, key.uppercased(), key.prefix(1).uppercased() + key.dropFirst()] {
                assertCanonical("https://a.com/x?\(spelled)=1", "a.com/x")
                assertCanonical("https://a.com/x?\(spelled)=1&id=7", "a.com/x?id=7")
                assertCanonical("https://a.com/x?id=7&\(spelled)", "a.com/x?id=7")
            }
        }
    }

    func testLookalikesOfTrackingKeysAreKept() {
        assertCanonical("https://a.com/?utm=1&fbclid2=2&xutm_source=3", "a.com/?fbclid2=2&utm=1&xutm_source=3")
    }

    func testRemainingParametersAreSortedByKeyThenValue() {
        assertCanonical("https://a.com/?b=2&a=3&a=1&B=0", "a.com/?B=0&a=1&a=3&b=2")
    }

    func testQueryIsReEncodedAsPythonURLEncodeDoes() {
        assertCanonical("https://a.com/?a=1,2", "a.com/?a=1%2C2")
        assertCanonical("https://a.com/?a=1%2C2", "a.com/?a=1%2C2")
        assertCanonical("https://a.com/?a=1%2c2", "a.com/?a=1%2C2")
        assertCanonical("https://a.com/?q=a+b", "a.com/?q=a+b")
        assertCanonical("https://a.com/?q=a%20b", "a.com/?q=a+b")
        assertCanonical("https://a.com/?q=a%2Bb", "a.com/?q=a%2Bb")
        assertCanonical("https://a.com/?q=café", "a.com/?q=caf%C3%A9")
        assertCanonical("https://a.com/?q=caf%C3%A9", "a.com/?q=caf%C3%A9")
        assertCanonical("https://a.com/?a=%zz", "a.com/?a=%25zz")
        assertCanonical("https://a.com/?a=%E9", "a.com/?a=%EF%BF%BD")
        assertCanonical("https://a.com/?a=%", "a.com/?a=%25")
        assertCanonical("https://a.com/?k=a/b:c&~a.b-c_d=1", "a.com/?k=a%2Fb%3Ac&~a.b-c_d=1")
        assertCanonical("https://a.com/?a=b=c", "a.com/?a=b%3Dc")
    }

    func testBlankValuesAreKeptAndEmptyPairsSkipped() {
        assertCanonical("https://a.com/?a&b=", "a.com/?a=&b=")
        assertCanonical("https://a.com/?&&a=1&&", "a.com/?a=1")
        assertCanonical("https://a.com/?", "a.com/")
        assertCanonical("https://a.com/?=", "a.com/?=")
    }

    func testPathPercentEncodingIsKeptAsWritten() {
        assertCanonical("https://a.com/a%2Fb/%7E?q=a%20b", "a.com/a%2Fb/%7E?q=a+b")
    }

    // MARK: Rule 5: trailing slash

    func testTrailingSlashDroppedButRootKept() {
        assertCanonical("https://a.com/x/", "a.com/x")
        assertCanonical("https://a.com/x///", "a.com/x")
        assertCanonical("https://a.com/x//y/", "a.com/x//y")
        assertCanonical("https://a.com/x/?q=1", "a.com/x?q=1")
        assertCanonical("https://a.com/", "a.com/")
        assertCanonical("https://a.com", "a.com/")
        assertCanonical("https://a.com//", "a.com/")
    }

    // MARK: Whitespace

    func testSurroundingWhitespaceTrimmedAndInnerTabsAndNewlinesRemoved() {
        assertCanonical("  https://a.com/x  ", "a.com/x")
        assertCanonical("\n\thttps://a.com/x\n", "a.com/x")
        assertCanonical("https://a.\tcom/x", "a.com/x")
        assertCanonical("https://a.com/x\ny", "a.com/xy")
        assertCanonical("https://a.com/x\ry", "a.com/xy")
    }

    func testCRLFInsideIsRemovedLikeTabsAndNewlines() {
        // Python's urlsplit removes "\r" and "\n" one by one; in Swift "\r\n" is one Character.
        assertCanonical("https://a.com/x\r\ny", "a.com/xy")
    }

    // MARK: Where Python's urllib works on code points and Swift on Characters

    func testCombiningMarkAfterADelimiterStillSplits() {
        // "=\u{301}" is one Swift Character, but Python splits on the "=" code point.
        assertCanonical("https://a.com/x?q=\u{301}", "a.com/x?q=%CC%81")
        assertCanonical("https://a.com/x?a=1&\u{301}b=2", "a.com/x?a=1&%CC%81b=2")
        assertCanonical("http://a.com/\u{301}x", "a.com/\u{301}x")
        assertCanonical("http://www.\u{301}a.com/", "\u{301}a.com/")
        assertCanonical("https://x.cdn.ampproject.org/c/\u{301}s/a.com/", "\u{301}s/a.com")
    }

    func testQueryKeysSortByCodePointsNotByCanonicalEquivalence() {
        // "e\u{301}" (U+0065 U+0301) sorts before "\u{E9}" in Python, whatever the values.
        assertCanonical("http://a.com/?\u{E9}=1&e\u{301}=2", "a.com/?e%CC%81=2&%C3%A9=1")
        assertCanonical("http://a.com/?\u{E9}=1&e\u{301}=1", "a.com/?e%CC%81=1&%C3%A9=1")
    }

    func testAliasesAreDistinctByCodePoints() {
        // Python's `c not in out` compares code points: precomposed and decomposed are two aliases.
        let urls = ArticleURLs(webUrl: "https://a.com/caf\u{E9}", originalUrl: "https://a.com/cafe\u{301}")
        XCTAssertEqual(URLCanonicalizer.aliases(urls).map { Array($0.unicodeScalars) },
                       [Array("a.com/caf\u{E9}".unicodeScalars), Array("a.com/cafe\u{301}".unicodeScalars)])
    }

    func testBracketedHostThatIsNotAnIPv6AddressIsNil() {
        // Python 3.11.4+ urlsplit raises ValueError for "[abc]"; an IPvFuture "[v1.x]" passes.
        assertCanonical("http://[abc]/x", nil)
        assertCanonical("http://[v1.x]/", "v1.x/")
    }

    func testLeadingC0ControlIsStrippedAsURLSplitDoes() {
        // urlsplit lstrips C0 controls and spaces after str.strip() has run.
        assertCanonical(" \u{01}http://a.com/", "a.com/")
    }

    func testHostLowerCasingFollowsPythonFinalSigma() {
        assertCanonical("http://ΣΑΣ/", "σας/")
    }

    func testNetlocThatNFKCNormalisesToADelimiterIsNil() {
        // urlsplit's _checknetloc: U+FF0F FULLWIDTH SOLIDUS becomes "/" under NFKC.
        assertCanonical("http://a\u{FF0F}b.com/", nil)
    }

    // MARK: Aliases

    func testAliasesAreInKeyOrderEachOnceInvalidOnesLeftOut() {
        let urls = ArticleURLs(webUrl: "https://www.a.com/x/", originalUrl: "http://a.com/x",
                               ampWebUrl: "https://a.com/x/amp/", cdnAmpWebUrl: "ftp://a.com/x",
                               url: "https://a-com.cdn.ampproject.org/c/s/a.com/x/amp")
        XCTAssertEqual(URLCanonicalizer.aliases(urls), ["a.com/x", "a.com/x/amp"])
        XCTAssertEqual(URLCanonicalizer.aliases(ArticleURLs()), [])
    }

    // MARK: Differential test against the reference script

    func testAgreesWithPythonReferenceOnGeneratedURLs() throws {
        let shared = try TestPaths.requireShared()
        let bench = shared + "/bench"
        guard FileManager.default.fileExists(atPath: bench + "/peer_networkx.py") else {
            throw XCTSkip("the reference script is not at \(bench)/peer_networkx.py")
        }
        let urls = URLCorpusGenerator.make(count: 4000, seed: 0x5EED_CAFE)
        let expected = try PythonReference.canonical(urls, bench: bench)
        XCTAssertEqual(expected.count, urls.count)

        var mismatches: [String] = []
        var count = 0
        for (raw, reference) in zip(urls, expected) {
            let swift = URLCanonicalizer.canonical(raw)
            if swift.map({ Array($0.unicodeScalars) }) != reference.map({ Array($0.unicodeScalars) }) {
                count += 1
                if mismatches.count < 15 {
                    mismatches.append("input \(String(reflecting: raw))\n    python \(String(reflecting: reference))\n    swift  \(String(reflecting: swift))")
                }
            }
        }
        XCTAssertEqual(count, 0, "\(count) of \(urls.count) URLs differ from peer_networkx.canonical; first ones:\n" + mismatches.joined(separator: "\n"))
    }

    /// The ASCII fast path must give what the general rules give, wherever it answers.
    func testASCIIFastPathAgreesWithTheGeneralRules() {
        var urls = URLCorpusGenerator.make(count: 20_000, seed: 0xFA57)
        urls += ["http://www./x", "https://a-com.cdn.ampproject.org/c/s//x", "https://www.cdn.ampproject.org/c/www./",
                 "HTTPS://A.COM/X/?B=2&a=1&UTM_x=1&a=&=v&&c", "https://a.com?q=a,b/c:d~e", "http://a.com#x?y", "http:/a.com",
                 "https://", "https://a.com:8080/x", "https://u@a.com/", "ftp://a.com/", "https://a.com/%41?x=%41"]
        // The URLs archives are made of: gen_corpus.py's variants of one article URL.
        for i in 0..<3_000 {
            let base = "\(i % 3 == 0 ? "www." : "")News\(i % 7).example.com/20\(19 + i % 7)/0\(1 + i % 9)/story-\(i)/"
            urls += ["https://\(base)", "http://\(base)", "https://\(base.dropLast())", "https://\(base)?utm_source=rss&b=2&a=1",
                     "https://\(base)#comments", "https://\(base.uppercased())", "https://\(base)amp/",
                     "https://news\(i % 7)-example-com.cdn.ampproject.org/c/s/\(base)amp/?ocid=msn"]
        }
        var answered = 0, handedOn = 0
        var mismatches: [String] = []
        for raw in urls {
            let full = URLCanonicalizer.canonicalByFullRules(raw)
            switch ASCIIURL.canonical(raw) {
            case .needsFullRules: handedOn += 1
            case .notAnArticleURL:
                answered += 1
                if full != nil { mismatches.append("\(raw): fast nil, full \(full!)") }
            case .canonical(let alias):
                answered += 1
                if full.map({ Array($0.utf8) }) != Array(alias.utf8) { mismatches.append("\(raw): fast \(alias), full \(full ?? "nil")") }
            }
        }
        XCTAssertEqual(mismatches.prefix(10), [])
        // Both paths are exercised.
        XCTAssertGreaterThan(answered, 20_000)
        XCTAssertGreaterThan(handedOn, 10_000)
    }

    func testGeneratorIsDeterministicAndVaried() {
        let a = URLCorpusGenerator.make(count: 500, seed: 7)
        let b = URLCorpusGenerator.make(count: 500, seed: 7)
        XCTAssertEqual(a.map { Array($0.utf8) }, b.map { Array($0.utf8) })
        XCTAssertGreaterThan(Set(a.map { Array($0.utf8) }).count, 400)
        // The odd cases are actually there.
        XCTAssertTrue(a.contains { $0.contains("cdn.ampproject.org/c/s/") })
        XCTAssertTrue(a.contains { $0.contains("cdn.ampproject.org/c/") && !$0.contains("/c/s/") })
        XCTAssertTrue(a.contains { $0.contains("[::1]") })
        XCTAssertTrue(a.contains { $0.contains("%zz") })
        XCTAssertTrue(a.contains { $0.contains("\t") })
        XCTAssertTrue(a.contains { $0.contains("@") })
    }
}

/// Runs `canonical()` of bench/peer_networkx.py over a list of URLs.
enum PythonReference {
    static let script = """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from peer_networkx import canonical
    with open(sys.argv[2], encoding="utf-8") as f:
        urls = json.load(f)
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        json.dump([canonical(u) for u in urls], f)
    """

    static func canonical(_ urls: [String], bench: String) throws -> [String?] {
        let folder = try TemporaryFolder("canonical-diff")
        let input = folder.path("urls.json")
        let output = folder.path("canonical.json")
        let errors = folder.path("stderr.txt")
        try JSONEncoder().encode(urls).write(to: URL(fileURLWithPath: input))
        _ = FileManager.default.createFile(atPath: errors, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, bench, input, output]
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try errorHandle.close()
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        if process.terminationStatus == 127 {
            throw XCTSkip("python3 is not on PATH: \(stderr)")
        }
        guard process.terminationStatus == 0 else {
            XCTFail("python3 exited with \(process.terminationStatus):\n\(stderr)")
            throw CancellationError()
        }
        return try JSONDecoder().decode([String?].self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }
}

/// A deterministic generator of article-ish URLs, odd ones included.
struct URLCorpusGenerator {
    /// SplitMix64: small, seeded, the same on every platform.
    private var state: UInt64

    private init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick(_ items: [String]) -> String { items[below(items.count)] }

    /// Hand-picked edge cases first, then `count` generated URLs.
    static func make(count: Int, seed: UInt64) -> [String] {
        var generator = URLCorpusGenerator(seed: seed)
        var urls = fixed
        while urls.count < count + fixed.count { urls.append(generator.url()) }
        return urls
    }

    static let fixed = [
        "", " ", "\t", "\n", "javascript:alert(1)", "JavaScript:void(0)", "mailto:a@b.c", "//example.com/x",
        "example.com/x", "http://", "https:///x", "http:example.com", "http:/example.com", "https://[::1]/",
        "http://[::1]:8080/a", "http://[::1", "http://::1]/", "https://user@www.example.com:443/x/",
        "https://techcrunch-com.cdn.ampproject.org/c/s/techcrunch.com/2024/x/amp/",
        "https://example-com.cdn.ampproject.org/c/example.com/a/b/",
        "https://x.cdn.ampproject.org/c/s/", "https://x.cdn.ampproject.org/c/", "https://x.cdn.ampproject.org/c",
        "https://a.com/?a&b=", "https://a.com/?&&", "https://a.com/x?q=a+b%2Cc#f?utm_source=x",
        "https://a.com/x?%zz=%zz", "https://a.com/x?q=%E9%", "https://a.com/x?q=日本&r=é",
        "http://[abc]/x", "http://[v1.x]/", "http://[fe80::1%25ETH0]/", " \u{01}http://a.com/", "http://ΣΑΣ/",
        "http://a\u{FF0F}b.com/", "http://İ.com/", "https://a.com/?\u{E9}=1&e\u{301}=2",
        " https://a.com/x\t", "https://a.com/x\r\ny", "HTTPS://WWW.A.COM/X/", "https://a.com:/x",
    ]

    private mutating func url() -> String {
        var url = ""
        if chance(8) { url += pick([" ", "  ", "\t", "\n", "\u{A0}", "\u{3000}", " \n "]) }
        url += pick(["http", "https", "https", "https", "HTTP", "Https", "hTTps", "ftp", "mailto", "javascript",
                     "file", "h", "http+x", "1http", ""])
        url += pick(["://", "://", "://", "://", "://", ":/", ":", "//", ":///"])
        if chance(10) { url += pick(["user@", "user:pw@", "a@b@", ":@", "us%40er@", "u@"]) }
        var host = pick(["example.com", "Example.COM", "www.example.com", "WWW.News.Org", "techcrunch.com",
                         "sub.www.x.io", "www.www.y.net", "www2.z.com", "127.0.0.1", "[::1]", "[2001:db8::1]",
                         "[::1", "::1]", "a-b.c-d.org", "bücher.de", "xn--bcher-kva.de", "ÉCOLE.fr", "", "www.",
                         "localhost", "a.b.c.d.e.f"])
        var path = ""
        if chance(12) {
            let inner = pick(["techcrunch.com", "WWW.Example.com", "www.news.org", "a.com", ""])
            host = pick(["techcrunch-com", "example-com", "x", "WWW.A-COM"]) + pick([".cdn.ampproject.org", ".CDN.AMPPROJECT.ORG", ".cdn.ampproject.org"])
            path = pick(["/c/s/", "/c/", "/c/s/", "/v/s/", "/c/S/"]) + inner
        }
        url += host
        if chance(12) { url += pick([":80", ":443", ":8080", ":", ":abc", ":0"]) }
        url += path
        let segments = below(5)
        for _ in 0..<segments {
            url += pick(["/", "/", "/", "//", "///"])
            url += pick(["2024", "02", "story", "a", "B", "amp", "x.amp", "index.html", "%2F", "%7e", "a b",
                         "é", "日本", "~user", "a;b", "", "c", "s", "-", "_"])
        }
        if chance(25) { url += "/" }
        if chance(55) { url += "?" + query() }
        if chance(15) {
            url += pick(["#", "#top", "#a?b=1", "#x/y?utm_source=z", "#?", "##", "#é"])
        }
        if chance(8) { url = insert(url, pick(["\t", "\n", "\r", "\r\n", " "])) }
        if chance(6) { url += pick([" ", "\n", "\t ", "\u{A0}"]) }
        return url
    }

    private mutating func query() -> String {
        var parts: [String] = []
        for _ in 0..<(1 + below(5)) {
            let key = pick(["a", "b", "B", "id", "q", "page", "utm_source", "UTM_Medium", "utm_", "Utm_Campaign",
                            "fbclid", "FBCLID", "gclid", "ocid", "mc_cid", "MC_EID", "cmpid", "ncid", "guccounter",
                            "GUCCounter", "utm", "xutm_source", "é", "e\u{301}", "%C3%A9", "a+b", "a%20b", "%zz", "", "k%3Dv",
                            "日本", "%2C", "~.-_"])
            let value = pick(["", "1", "2", "10", "1,2", "1%2C2", "a+b", "a b", "a%2Bb", "%zz", "%E9", "%", "%4",
                              "日本", "é", "e\u{301}", "\u{301}", "=", "x=y", "/path?x", "%F0%9F%98%80", "%C3", "true"])
            switch below(6) {
            case 0: parts.append(key)
            case 1: parts.append(key + "=")
            default: parts.append(key + "=" + value)
            }
            if chance(10) { parts.append("") }
        }
        return parts.joined(separator: pick(["&", "&", "&", "&&"]))
    }

    /// `piece` inserted at a random scalar offset of `text`.
    private mutating func insert(_ text: String, _ piece: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let at = below(scalars.count + 1)
        scalars.insert(contentsOf: piece.unicodeScalars, at: at)
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }
}
