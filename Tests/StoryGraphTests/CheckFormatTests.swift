import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// The check's output formats on the hand-made corpus (StoryCorpusFixture),
/// and each format's escaping.
final class CheckFormatTests: XCTestCase {
    private let files = CheckFiles(["."])

    private func result(policy: CheckPolicy = CheckPolicy(), acceptingAllBut kept: String? = nil) -> CheckResult {
        let analysis = StoryCorpusFixture.analysis
        let today = CheckResult(analysis, policy: policy, files: files)
        guard let kept else { return today }
        var baseline = today.baseline(files: files)
        baseline.entries.removeAll { $0.key == kept }
        return CheckResult(analysis, policy: policy, files: files, baseline: baseline, baselineFile: "base.json")
    }

    func testTextLinesAndFixes() {
        let text = TextFormat.render(result(policy: CheckPolicy(ignore: [.staleDate, .unpublishedTarget, .duplicateLink, .selfLink, .malformed])))
        XCTAssertEqual(text.split(separator: "\n").prefix(5).joined(separator: "\n"), """
        a.md:14:1: error[asymmetric]: links to "Gamma" (c.md), which does not link back
            fix: add to `related` in c.md (not with --fix: the file cannot be read):
          - title: "Alpha"
            publishedDateTime: 2024-01-01T10:00:00Z
            webUrl: "https://www.example.com/a/"
        """)
        XCTAssertTrue(text.contains("\nb.md:8:1: warning[stale-title]: stub title \"Alpha (old)\" differs from the target's title \"Alpha\"\n"), text)
        XCTAssertTrue(text.contains("\nreadme.md:1:1: notice[skipped]: no front matter\n"), text)
        XCTAssertFalse(text.contains("[self-link]"))
    }

    func testLevelIsErrorExactlyForFailingFindings() {
        let levels = Dictionary(result(policy: CheckPolicy(failOn: [.dangling])).findings.map { ($0.rule.id, $0.level) },
                                uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(levels["dangling"], .error)
        XCTAssertEqual(levels["asymmetric"], .warning, "an error rule that does not fail is shown as a warning")
        XCTAssertEqual(levels["stale-title"], .warning)
        XCTAssertEqual(levels["skipped"], .notice)
    }

    func testSARIFResultsRulesAndSuppressions() throws {
        let checked = result(acceptingAllBut: "dangling example.com/b gone.example.com/x")
        let data = try SARIF.render(checked, policy: CheckPolicy(), toolVersion: "9.9", paths: ArtifactPaths(workingDirectory: "/repo"))
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["version"] as? String, "9.9")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, FindingKind.allCases.map(\.rawValue))
        XCTAssertEqual(rules.map { ($0["defaultConfiguration"] as? [String: String])?["level"] },
                       ["error", "error", "error", "error", "error", "warning", "warning", "warning", "warning", "warning", "note"])
        XCTAssertEqual((rules[3]["shortDescription"] as? [String: String])?["text"], "a related stub whose URLs name no record")
        XCTAssertEqual((run["originalUriBaseIds"] as? [String: [String: String]])?["SRCROOT"]?["uri"], "file:///repo/")

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 16)
        let unsuppressed = results.filter { $0["suppressions"] == nil }
        XCTAssertEqual(unsuppressed.count, 1)
        let only = unsuppressed[0]
        XCTAssertEqual(only["ruleId"] as? String, "dangling")
        XCTAssertEqual(only["ruleIndex"] as? Int, 3)
        XCTAssertEqual(only["level"] as? String, "error")
        XCTAssertEqual((only["message"] as? [String: String])?["text"], "related link to gone.example.com/x names no record")
        let location = try XCTUnwrap((only["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual(location["artifactLocation"] as? [String: String], ["uri": "b.md", "uriBaseId": "SRCROOT"])
        XCTAssertEqual(location["region"] as? [String: Int], ["startLine": 12, "startColumn": 1])
        XCTAssertEqual(only["partialFingerprints"] as? [String: String],
                       [SARIF.fingerprintKey: FindingIdentity.fingerprint("dangling example.com/b gone.example.com/x")])
        let suppression = try XCTUnwrap((results[0]["suppressions"] as? [[String: String]])?.first)
        XCTAssertEqual(suppression, ["kind": "external", "justification": "accepted in the baseline base.json"])
        // The same result, byte for byte, every time.
        XCTAssertEqual(data, try SARIF.render(checked, policy: CheckPolicy(), toolVersion: "9.9", paths: ArtifactPaths(workingDirectory: "/repo")))
    }

    func testURIsAreEscapedAndOutsideFilesAbsolute() {
        XCTAssertEqual(SARIF.uriPath("news/a b#1%.md"), "news/a%20b%231%25.md")
        XCTAssertEqual(SARIF.fileURI("/tmp/ä.md"), "file:///tmp/%C3%A4.md")
    }

    func testGitHubEscaping() {
        XCTAssertEqual(GitHubAnnotations.data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b")
        XCTAssertEqual(GitHubAnnotations.property("dir/a,b: c%.md\n"), "dir/a%2Cb%3A c%25.md%0A")
        let text = GitHubAnnotations.render(result(acceptingAllBut: "dangling example.com/b gone.example.com/x"),
                                            paths: ArtifactPaths(workingDirectory: "/repo"))
        XCTAssertEqual(text, "::error file=b.md,line=12,col=1,title=storygraph dangling::related link to gone.example.com/x names no record\n")
    }

    func testJUnitEscapingAndCounts() throws {
        XCTAssertEqual(JUnit.escape("<a href=\"x\">'&'</a>\u{1}\t\u{FFFE}é"), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\u{FFFD}&#9;\u{FFFD}é")
        // Every rule has a finding in the fixture: one case per finding, 16.
        let xml = JUnit.render(result(acceptingAllBut: "dangling example.com/b gone.example.com/x"), policy: CheckPolicy())
        try XMLCheck.assertWellFormed(Data(xml.utf8))
        XCTAssertTrue(xml.contains("<testsuites name=\"storygraph check\" tests=\"16\" failures=\"1\" errors=\"0\" skipped=\"15\">"), xml)
        XCTAssertTrue(xml.contains("""
            <testcase classname="storygraph.dangling" name="b.md:12:1" file="b.md" line="12">
              <failure type="dangling" message="related link to gone.example.com/x names no record">\
        b.md:12:1: error[dangling]: related link to gone.example.com/x names no record</failure>
        """), xml)
        XCTAssertTrue(xml.contains("<testcase classname=\"storygraph.stale-date\""))
    }

    /// In a flat folder of many posts only a slug like the dangling one is suggested.
    /// Fixes and suggestions are worked out in blocks on several threads, and
    /// the did-you-mean index holds only the keys dangling stubs look up: on
    /// the real archive (620 suggestions for 399 dangling links, 633 fixes)
    /// the result is the same, finding for finding, on one thread and on three.
    func testCheckResultIsTheSameOnOneAndThreeThreads() throws {
        let shared = try TestPaths.requireShared()
        let files = CheckFiles(["\(shared)/corpus/everyday-azure"])
        let analysis = Analysis(try RecordLoader().load(["\(shared)/corpus/everyday-azure"]))
        let one = CheckResult(analysis, policy: CheckPolicy(), files: files, jobs: 1)
        let three = CheckResult(analysis, policy: CheckPolicy(), files: files, jobs: 3)
        XCTAssertEqual(one.findings.count, three.findings.count)
        XCTAssertEqual(one.findings.map(\.finding), three.findings.map(\.finding))
        XCTAssertEqual(one.findings.map(\.key), three.findings.map(\.key))
        XCTAssertEqual(one.findings.map(\.fix), three.findings.map(\.fix))
        XCTAssertEqual(one.findings.map(\.suggestions), three.findings.map(\.suggestions))
        XCTAssertEqual(one.findings.filter { !$0.suggestions.isEmpty }.count, 399)
        XCTAssertEqual(one.findings.reduce(0) { $0 + $1.suggestions.count }, 620)
        XCTAssertEqual(one.findings.filter { $0.fix != nil }.count, 633)
    }

    /// `SlugIndex.split` and `DidYouMean.dateless` work on bytes; these are
    /// the definitions they replaced, on segments of `Character`s, and both
    /// must agree on URLs built from every awkward piece: dates of each form,
    /// empty segments, queries, a digit with a combining mark, non-ASCII.
    func testByteSplitAndDatelessAgreeWithTheirSegmentDefinitions() {
        func segments(_ alias: String) -> ([Substring], String) {
            let question = alias.firstIndex(of: "?") ?? alias.endIndex
            return (alias[..<question].split(separator: "/", omittingEmptySubsequences: false), String(alias[question...]))
        }
        func referenceSplit(_ alias: String) -> (String, String)? {
            let (parts, query) = segments(alias)
            guard parts.count >= 2, let slug = parts.last, !slug.isEmpty else { return nil }
            return ((parts.dropLast() + ["*"]).joined(separator: "/") + query, String(slug))
        }
        func isWholeDate(_ segment: Substring) -> Bool {
            if segment.count == 8, segment.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return segment.hasPrefix("19") || segment.hasPrefix("20")
            }
            let parts = segment.split(separator: "-", omittingEmptySubsequences: false)
            return (parts.count == 2 || parts.count == 3) && parts[0].count == 4
                && parts.dropFirst().allSatisfy { (1...2).contains($0.count) }
                && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        }
        func referenceDateless(_ alias: String) -> String? {
            let (parts, query) = segments(alias)
            guard parts.count > 1 else { return nil }
            var sawYear = false
            var out = [parts[0]]
            for segment in parts.dropFirst() {
                let isNumber = segment.allSatisfy { $0.isASCII && $0.isNumber }
                if isWholeDate(segment) || (isNumber && segment.count == 4 && (segment.hasPrefix("19") || segment.hasPrefix("20"))) {
                    sawYear = true
                    out.append("#")
                } else if sawYear && isNumber && segment.count <= 2 {
                    out.append("#")
                } else {
                    out.append(segment)
                }
            }
            return sawYear ? out.joined(separator: "/") + query : nil
        }
        let pieces = ["2024", "1999", "2100", "07", "7", "", "2024-02-27", "2024-02", "1234-5", "20240227", "12345678",
                      "2\u{301}024", "moon-landing", "é", "1", "123", "page", "2024-1-2-3", "-", "0"]
        // Every path of up to three pieces, with and without a query.
        var paths = [""]
        for _ in 0..<3 { paths += paths.filter { $0.split(separator: "/", omittingEmptySubsequences: false).count <= 3 }.flatMap { path in pieces.map { path + "/" + $0 } } }
        paths = Array(Set(paths)).sorted()
        var checked = 0
        for path in paths {
            for query in ["", "?id=2024/07"] {
                let alias = "news.example.com" + path + query
                let split = SlugIndex.split(alias), expected = referenceSplit(alias)
                XCTAssertEqual(split?.0, expected?.0, alias)
                XCTAssertEqual(split?.1, expected?.1, alias)
                XCTAssertEqual(DidYouMean.dateless(alias), referenceDateless(alias), alias)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 2 * (1 + 20 + 20 * 20 + 20 * 20 * 20))
        XCTAssertNil(SlugIndex.split("no-slash"))
        XCTAssertNil(DidYouMean.dateless("no-slash"))
    }

    /// `DidYouMean` tests each record's keys by a hash of their bytes before
    /// making them strings (`WantedKeys`): that hash must be the hash of the
    /// key itself, or a wanted key would be passed over. Checked on the URLs
    /// of the test above and on titles of every kind of white space and case.
    func testKeyHashesAreTheHashesOfTheKeys() {
        let pieces = ["2024", "07", "", "2024-02-27", "20240227", "moon-landing", "é", "page", "2\u{301}024"]
        var aliases: [String] = []
        for a in pieces { for b in pieces { for c in pieces { for query in ["", "?id=2024/07"] {
            aliases.append("news.example.com/\(a)/\(b)/\(c)\(query)")
        } } } }
        aliases += ["no-slash", "news.example.com/", "news.example.com?q=1", "a/2024/b"]
        var (folders, datelessKeys) = (0, 0)
        for alias in aliases {
            var bytes = alias
            bytes.withUTF8 { utf8 in
                XCTAssertEqual(SlugIndex.folderHash(utf8), SlugIndex.split(alias).map { KeyHash.of($0.0) }, alias)
                XCTAssertEqual(SlugIndex.split(utf8)?.0, SlugIndex.split(alias)?.0, alias)
                var hash = KeyHash()
                let hasDate = DidYouMean.dateless(utf8, into: &hash)
                XCTAssertEqual(hasDate ? hash.value : nil, DidYouMean.dateless(alias).map(KeyHash.of), alias)
                if SlugIndex.split(alias) != nil { folders += 1 }
                if hasDate { datelessKeys += 1 }
            }
        }
        XCTAssertEqual(aliases.count, 2 * 9 * 9 * 9 + 4)
        XCTAssertEqual(folders, 2 * 9 * 9 * 8 + 1)
        // A year in any of the three segments (3 of the 9 pieces are one), and `a/2024/b`.
        XCTAssertEqual(datelessKeys, 2 * (9 * 9 * 9 - 6 * 6 * 6) + 1)
        var wanted = WantedKeys()
        for title in ["  Moon\tLanding \r\n 50 YEARS ", "moon landing 50 years", "", "\u{0B}", "A  b", "Ünïcödé Title"] {
            let key = DidYouMean.normalizedTitle(title)
            wanted.insert(key)
            XCTAssertTrue(DidYouMean.mayBeWanted(title: title, in: wanted), title)
            XCTAssertTrue(wanted.contains(key))
        }
        XCTAssertEqual(DidYouMean.normalizedTitle("  Moon\tLanding \r\n 50 YEARS "), "moon landing 50 years")
        XCTAssertEqual(DidYouMean.normalizedTitle("Ünïcödé  Title"), "ünïcödé title")
        XCTAssertFalse(DidYouMean.mayBeWanted(title: "Mars landing", in: wanted))
    }

    func testSlugCandidatesMustBeAlike() {
        var index = SlugIndex()
        for (record, slug) in ["moon-landing-50-years", "mars-rover-lands", "moon-base-plans", "azure-news"].enumerated() {
            index.add("blog.example.com/posts/" + slug, record: record)
        }
        for record in 4..<40 { index.add("blog.example.com/posts/filler-\(record)-post", record: record) }
        XCTAssertEqual(index.similar(to: "blog.example.com/posts/moon-landing-50-yrs"), [0])
        XCTAssertEqual(index.similar(to: "blog.example.com/posts/mars-rover-landed"), [1], "two words in common of four")
        XCTAssertEqual(index.similar(to: "blog.example.com/posts/mars-mission-delayed"), [], "one word in common of five is not alike")
        XCTAssertEqual(index.similar(to: "blog.example.com/elsewhere/moon-landing-50-years"), [])
        var small = SlugIndex()
        small.add("news.example.com/2019/07/20/moon-landing", record: 7)
        small.add("news.example.com/2019/07/20/mars", record: 8)
        XCTAssertEqual(small.similar(to: "news.example.com/2019/07/20/moon-landng"), [7], "a typo, in a small folder")
    }

    func testDidYouMeanKeys() {
        XCTAssertEqual(SlugIndex.split("news.example.com/2019/07/20/moon-landing?id=1")?.0, "news.example.com/2019/07/20/*?id=1")
        XCTAssertNil(SlugIndex.split("news.example.com/"))
        XCTAssertEqual(SlugIndex.editDistance(Array("moon-landng".unicodeScalars), Array("moon-landing".unicodeScalars), limit: 2), 1)
        XCTAssertEqual(SlugIndex.editDistance(Array("abcdef".unicodeScalars), Array("uvwxyz".unicodeScalars), limit: 2), 3)
        XCTAssertEqual(DidYouMean.dateless("news.example.com/2019/07/20/moon?id=1"), "news.example.com/#/#/#/moon?id=1")
        XCTAssertEqual(DidYouMean.dateless("news.example.com/archive/2019-07-20/moon"), "news.example.com/archive/#/moon")
        XCTAssertEqual(DidYouMean.dateless("news.example.com/20190720/moon"), "news.example.com/#/moon")
        XCTAssertNil(DidYouMean.dateless("news.example.com/page/2/moon"), "a page number without a year is no date")
        XCTAssertNil(DidYouMean.dateless("news.example.com/1234/moon"))
    }
}
