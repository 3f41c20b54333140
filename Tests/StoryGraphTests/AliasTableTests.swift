import XCTest
@testable import StoryGraph

/// `AliasTable` against the plain definition: each record's aliases are
/// `URLCanonicalizer.aliases` of its URLs, and an alias belongs to the first
/// record that has it, aliases compared byte for byte.
final class AliasTableTests: XCTestCase {
    /// Records drawn from a small pool of URLs, so that many share aliases:
    /// ASCII, non-ASCII (both spellings of é), queries, AMP caches, trailing
    /// slashes, and URLs that give no alias at all.
    private func records(count: Int, seed: UInt64) -> [Record] {
        var generator = SplitMix64(seed: seed)
        let hosts = ["a.com", "www.b.org", "C.net", "d-e.cdn.ampproject.org/c/s/d.e", "caf\u{E9}.fr", "cafe\u{301}.fr"]
        let paths = ["", "/", "/x", "/x/", "/story-1", "/caf\u{E9}", "/cafe\u{301}", "/a?b=1&a=2", "/a?a=2&b=1&utm_source=z", "/long/" + String(repeating: "p", count: 40)]
        func url() -> String? {
            switch generator.next() % 12 {
            case 0: return nil
            case 1: return "ftp://a.com/x"
            default:
                let scheme = generator.next() % 2 == 0 ? "https://" : "http://"
                return scheme + hosts[generator.next(below: hosts.count)] + paths[generator.next(below: paths.count)]
            }
        }
        return (0..<count).map { index in
            Record(file: "r\(index).md", urls: ArticleURLs(webUrl: url(), originalUrl: url(), ampWebUrl: url(),
                                                          cdnAmpWebUrl: generator.next() % 4 == 0 ? url() : nil))
        }
    }

    private struct Reference {
        var aliases: [[String]] = []
        var owner: [[UInt8]: Int] = [:]
        var duplicateOf: [Int: (alias: [UInt8], owner: Int)] = [:]

        init(_ records: [Record]) {
            for (index, record) in records.enumerated() {
                let own = URLCanonicalizer.aliases(record.urls)
                aliases.append(own)
                for alias in own {
                    let key = Array(alias.utf8)
                    if let first = owner[key] {
                        if duplicateOf[index] == nil { duplicateOf[index] = (key, first) }
                    } else {
                        owner[key] = index
                    }
                }
            }
        }
    }

    func testTableMatchesTheDefinitionForAnyThreadCount() {
        let records = records(count: 4_000, seed: 7)
        let reference = Reference(records)
        XCTAssertGreaterThan(reference.duplicateOf.count, 500, "the pool makes many duplicates")
        for jobs in [1, 3] {
            let (table, duplicateOf) = AliasTable.build(records, jobs: jobs)
            XCTAssertEqual(table.count, records.count)
            XCTAssertEqual(Array(table).map { $0.map { Array($0.utf8) } }, reference.aliases.map { $0.map { Array($0.utf8) } })
            XCTAssertEqual(table.distinctCount, reference.owner.count)
            for (alias, owner) in reference.owner {
                XCTAssertEqual(table.owner(of: String(decoding: alias, as: UTF8.self)), owner)
            }
            for record in table.indices {
                let owned = reference.aliases[record].filter { reference.owner[Array($0.utf8)] == record }
                XCTAssertEqual(table.ownedAliases(of: record).map { Array($0.utf8) }, owned.map { Array($0.utf8) })
            }
            XCTAssertEqual(Set(duplicateOf.keys), Set(reference.duplicateOf.keys))
            for (record, expected) in reference.duplicateOf {
                XCTAssertEqual(duplicateOf[record].map { Array($0.alias.utf8) }, expected.alias)
                XCTAssertEqual(duplicateOf[record]?.owner, expected.owner)
            }
        }
    }

    func testUnknownAliasesHaveNoOwner() {
        let (table, _) = AliasTable.build(records(count: 500, seed: 3), jobs: 1)
        for alias in ["", "a.com", "a.com/x/", "a.com/y", "b.org/y", "www.b.org/x", "caf\u{E9}.fr/nothing"] {
            XCTAssertNil(table.owner(of: alias), alias)
        }
        let (empty, none) = AliasTable.build([], jobs: 2)
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(empty.distinctCount, 0)
        XCTAssertNil(empty.owner(of: "a.com/x"))
        XCTAssertTrue(none.isEmpty)
    }

    func testSmallestAliasIsFirstInCodePointOrder() {
        let records = records(count: 400, seed: 11)
        let (table, _) = AliasTable.build(records, jobs: 1)
        var generator = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let members = (0...generator.next(below: 6)).map { _ in generator.next(below: records.count) }
            let expected = members.flatMap { table[$0] }.min { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            XCTAssertEqual(table.smallestAlias(among: members).map { Array(table.text(ofAlias: $0).utf8) },
                           expected.map { Array($0.utf8) })
        }
    }
}
