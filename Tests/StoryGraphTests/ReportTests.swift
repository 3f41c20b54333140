import Foundation
import XCTest
@testable import StoryGraph

final class ReportTests: XCTestCase {
    private func json() throws -> [String: Any] {
        let data = try Report(StoryCorpusFixture.analysis).jsonData()
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func int(_ value: Any?, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        guard let number = value as? NSNumber else {
            XCTFail("not a number: \(String(describing: value))", file: file, line: line)
            return nil
        }
        return number.intValue
    }

    func testTopLevelKeys() throws {
        XCTAssertEqual(Set(try json().keys), ["summary", "clusters", "findings"])
    }

    func testSummaryHasEveryContractKeyWithExactValues() throws {
        let summary = try XCTUnwrap(try json()["summary"] as? [String: Any])
        let contract: [String: Int] = [
            "records": 8, "links": 12, "edges": 5, "mutual_pairs": 1, "asymmetric": 3, "dangling": 2,
            "self_links": 1, "duplicate_links": 2, "components": 4, "largest_component": 4, "singletons": 2,
        ]
        XCTAssertEqual(Set(contract.keys), Set(Summary.contractKeys))
        for (key, value) in contract {
            XCTAssertNotNil(summary[key], "missing \(key)")
            XCTAssertEqual(int(summary[key]), value, key)
        }
        let others: [String: Int] = [
            "malformed": 2, "duplicate_records": 1, "stale_titles": 1, "stale_dates": 1,
            "unpublished_targets": 1, "unreadable": 1, "skipped": 1,
        ]
        for (key, value) in others { XCTAssertEqual(int(summary[key]), value, key) }
        XCTAssertEqual(Set(summary.keys), Set(contract.keys).union(others.keys))
    }

    func testClustersOfTwoOrMoreWithExactFigures() throws {
        let clusters = try XCTUnwrap(try json()["clusters"] as? [[String: Any]])
        XCTAssertEqual(clusters.count, 2, "singletons are not listed")
        guard clusters.count == 2 else { return }

        let first = clusters[0]
        XCTAssertEqual(int(first["id"]), 1)
        XCTAssertEqual(int(first["size"]), 4)
        let members = try XCTUnwrap(first["members"] as? [[String: String]])
        XCTAssertEqual(members, [
            ["file": "a.md", "url": "https://www.example.com/a/", "title": "Alpha"],
            ["file": "b.md", "url": "https://example.com/b", "title": "Beta"],
            ["file": "c.md", "url": "https://example.com/c", "title": "Gamma"],
            ["file": "d.md", "url": "https://example.com/d", "title": "Beta copy"],
        ])
        XCTAssertEqual(int(first["edges"]), 4)
        XCTAssertEqual(int(first["mutual_pairs"]), 1)
        XCTAssertEqual(int(first["asymmetric"]), 2)
        XCTAssertEqual(int(first["dangling"]), 2)
        XCTAssertEqual(first["date_span"] as? [String: String],
                       ["first": "2024-01-01T10:00:00Z", "last": "2024-01-03T00:00:00Z"])
        XCTAssertEqual(tallies(first["providers"]), [["Wire", "2"], ["Alpha Press", "1"], ["Zeta", "1"]])
        // c.md lists "politics" twice: it counts once.
        XCTAssertEqual(tallies(first["topics"]), [["politics", "2"], ["world", "2"], ["economy", "1"]])

        let second = clusters[1]
        XCTAssertEqual(int(second["id"]), 2)
        XCTAssertEqual(int(second["size"]), 2)
        XCTAssertEqual(second["members"] as? [[String: String]], [
            ["file": "e.md", "url": "https://example.com/e", "title": "Epsilon"],
            ["file": "f.md", "url": "https://example.com/f", "title": "Phi"],
        ])
        XCTAssertEqual(int(second["edges"]), 1)
        XCTAssertEqual(int(second["mutual_pairs"]), 0)
        XCTAssertEqual(int(second["asymmetric"]), 1)
        XCTAssertEqual(int(second["dangling"]), 0)
        XCTAssertEqual(second["date_span"] as? [String: String],
                       ["first": "2024-02-01T00:00:00Z", "last": "2024-02-01T00:00:00Z"])
        XCTAssertEqual(tallies(second["providers"]), [])
        XCTAssertEqual(tallies(second["topics"]), [])
    }

    private func tallies(_ value: Any?) -> [[String]]? {
        guard let list = value as? [[String: Any]] else { return nil }
        return list.map { ["\($0["name"] ?? "?")", "\(($0["count"] as? NSNumber)?.intValue ?? -1)"] }
    }

    func testFindingsInTheJSON() throws {
        let findings = try XCTUnwrap(try json()["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 16)
        XCTAssertEqual(findings.map { $0["kind"] as? String }, [
            "asymmetric", "stale-date", "unpublished-target", "dangling", "duplicate-link", "self-link",
            "duplicate-link", "malformed", "malformed", "stale-title", "dangling", "unreadable",
            "duplicate-record", "asymmetric", "asymmetric", "skipped",
        ])
        XCTAssertEqual(findings.map { $0["severity"] as? String }, [
            "error", "warning", "warning", "error", "warning", "warning",
            "warning", "error", "error", "warning", "error", "error",
            "error", "error", "error", "notice",
        ])
        let first = findings[0]
        XCTAssertEqual(first["file"] as? String, "a.md")
        XCTAssertEqual(int(first["line"]), 14)
        XCTAssertEqual(int(first["column"]), 1)
        XCTAssertEqual(first["source"] as? String, "https://www.example.com/a/")
        XCTAssertEqual(first["target"] as? String, "http://example.com/c?utm_source=x")
        XCTAssertEqual(first["message"] as? String, "links to \"Gamma\" (c.md), which does not link back")
    }

    func testEncodingIsStableAndSlashesAreNotEscaped() throws {
        let report = Report(StoryCorpusFixture.analysis)
        let once = try report.jsonData()
        let twice = try report.jsonData()
        XCTAssertEqual(once, twice)
        XCTAssertEqual(try Report(StoryCorpusFixture.analysis).jsonData(), once, "same records → same bytes")
        let text = try XCTUnwrap(String(data: once, encoding: .utf8))
        XCTAssertTrue(text.contains("\"https://www.example.com/a/\""))
        XCTAssertFalse(text.contains("\\/"))
        XCTAssertTrue(text.hasSuffix("}\n"))
        // Keys are sorted: "clusters" < "findings" < "summary".
        let clusters = try XCTUnwrap(text.range(of: "\"clusters\""))
        let findings = try XCTUnwrap(text.range(of: "\"findings\""))
        let summary = try XCTUnwrap(text.range(of: "\"summary\""))
        XCTAssertLessThan(clusters.lowerBound, findings.lowerBound)
        XCTAssertLessThan(findings.lowerBound, summary.lowerBound)
    }

    func testReportRoundTripsThroughCodable() throws {
        let report = Report(StoryCorpusFixture.analysis)
        let decoded = try JSONDecoder().decode(Report.self, from: try report.jsonData())
        XCTAssertEqual(decoded.summary, report.summary)
        XCTAssertEqual(decoded.clusters, report.clusters)
        XCTAssertEqual(decoded.findings, report.findings)
    }

    func testEmptyCorpus() throws {
        let report = Report(Analysis(LoadedCorpus()))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        XCTAssertEqual((object["clusters"] as? [Any])?.count, 0)
        XCTAssertEqual((object["findings"] as? [Any])?.count, 0)
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        for key in Summary.contractKeys { XCTAssertEqual(int(summary[key]), 0, key) }
    }

    func testTextReportFigures() {
        let text = TextReport.render(Report(StoryCorpusFixture.analysis))
        // Compare with runs of spaces as one space: the columns' alignment is layout, not content.
        let flat = text.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        XCTAssertTrue(flat.hasPrefix("storygraph: 8 records, 12 related links → 5 edges\n"), text)
        for row in ["mutual pairs 1", "asymmetric links 3", "dangling refs 2", "self links 1", "duplicate links 2",
                    "malformed links 2", "duplicate records 1", "stale stubs 1 titles, 1 dates",
                    "unpublished targets 1", "unreadable files 1", "skipped files 1",
                    "components 4 (largest 4, 2 singletons)",
                    "#1 4 articles, 4 edges 2024-01-01…2024-01-03 Alpha",
                    "#2 2 articles, 1 edges 2024-02-01…2024-02-01 Epsilon",
                    "dangling (error): 2", "skipped (notice): 1", "stale-title (warning): 1"] {
            XCTAssertTrue(flat.contains("\n " + row + "\n"), "missing row \(row):\n\(text)")
        }
    }
}

extension ReportTests {
    /// A cluster's providers and topics: each distinct name with its count,
    /// most first, then by name, as counting by hand gives them; names that
    /// are equal as Swift strings (é written two ways) are counted as one,
    /// under the spelling met first.
    func testTalliesAreTheCountsByHand() {
        var rng = SplitMix64(seed: 0x7A11_1E5)
        let pool = ["Reuters", "AP", "Le Monde", "caf\u{E9}", "cafe\u{301}", "Zeit", "zeit", "Ärzteblatt", "", "B"]
        for size in [0, 1, 2, 7, 256, 257, 300, 5_000] {
            let names = (0..<size).map { _ in pool[rng.next(below: pool.count)] }
            var expected: [(name: String, count: Int)] = []
            for name in names {
                if let index = expected.firstIndex(where: { $0.name == name }) { expected[index].count += 1 } else { expected.append((name, 1)) }
            }
            expected.sort { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
            let tallies = ClusterReport.tally(names)
            XCTAssertEqual(tallies.map(\.count), expected.map(\.count), "\(size)")
            XCTAssertEqual(tallies.map(\.name), expected.map(\.name), "\(size)")
            XCTAssertEqual(tallies.map { Array($0.name.utf8) }, expected.map { Array($0.name.utf8) }, "\(size): the first spelling met")
        }
    }
}
