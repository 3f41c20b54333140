import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

final class GraphBuilderTests: XCTestCase {
    private func record(_ name: String, web: String? = nil, original: String? = nil, amp: String? = nil,
                        cdn: String? = nil, related: [Stub] = []) -> Record {
        Record(file: name + ".md", title: name,
               urls: ArticleURLs(webUrl: web, originalUrl: original, ampWebUrl: amp, cdnAmpWebUrl: cdn),
               related: related)
    }

    private func stub(web: String? = nil, original: String? = nil, amp: String? = nil, cdn: String? = nil,
                      url: String? = nil, isMapping: Bool = true) -> Stub {
        Stub(line: 1, isMapping: isMapping,
             urls: ArticleURLs(webUrl: web, originalUrl: original, ampWebUrl: amp, cdnAmpWebUrl: cdn, url: url))
    }

    private func ref(_ record: Int, _ stub: Int) -> LinkRef { LinkRef(record: record, stub: stub) }

    /// Every link's resolution, in record order then stub order.
    private func resolutions(_ graph: ArticleGraph) -> [Resolution] { graph.links.map(\.resolution) }

    private func pairs(_ graph: ArticleGraph) -> [[Int]] { graph.edges.map { [$0.source, $0.target] } }

    /// Each alias of each record with the owner the table looks up for it;
    /// checks on the way that a record's owned aliases are those it owns.
    private func owners(_ graph: ArticleGraph, file: StaticString = #filePath, line: UInt = #line) -> [String: Int] {
        var owners: [String: Int] = [:]
        for record in graph.aliases.indices {
            for alias in graph.aliases[record] { owners[alias] = graph.aliases.owner(of: alias) }
            XCTAssertEqual(graph.aliases.ownedAliases(of: record), graph.aliases[record].filter { owners[$0] == record },
                           "record \(record)", file: file, line: line)
        }
        XCTAssertEqual(graph.aliases.distinctCount, owners.count, file: file, line: line)
        return owners
    }

    func testEdgesThroughWebUrlAndAMPAliases() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/one", related: [
                stub(web: "http://www.a.com/two/"),                                    // B by webUrl
            ]),
            record("B", web: "https://a.com/two", amp: "https://a.com/two/amp/", related: [
                stub(web: "https://a.com/one?utm_source=feed#top"),                   // A
            ]),
            record("C", web: "https://c.org/three", related: [
                stub(web: "https://a.com/two/amp"),                                    // B by its ampWebUrl
                stub(cdn: "https://a-com.cdn.ampproject.org/c/s/a.com/two/amp/"),     // B again: duplicate
            ]),
        ])
        XCTAssertEqual(Array(graph.aliases), [["a.com/one"], ["a.com/two", "a.com/two/amp"], ["c.org/three"]])
        XCTAssertEqual(owners(graph), ["a.com/one": 0, "a.com/two": 1, "a.com/two/amp": 1, "c.org/three": 2])
        XCTAssertEqual(graph.links.map(\.ref), [ref(0, 0), ref(1, 0), ref(2, 0), ref(2, 1)])
        XCTAssertEqual(resolutions(graph), [.record(1), .record(0), .record(1), .duplicate(of: ref(2, 0))])
        XCTAssertEqual(pairs(graph), [[0, 1], [1, 0], [2, 1]])
        XCTAssertEqual(graph.edges.map(\.stub), [ref(0, 0), ref(1, 0), ref(2, 0)])
        XCTAssertTrue(graph.duplicateOf.isEmpty)
        XCTAssertEqual(graph.nodeCount, 3)
    }

    func testFirstAliasOfTheStubThatNamesARecordDecides() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/a", related: [
                stub(web: "https://gone.com/x", original: "https://b.com/b", amp: "https://c.com/c"),
                stub(web: "https://c.com/c", original: "https://b.com/b"),
                stub(web: "ftp://b.com/b", original: "https://nowhere.net/", cdn: "https://b.com/b", url: "https://c.com/c"),
            ]),
            record("B", web: "https://b.com/b"),
            record("C", web: "https://c.com/c"),
        ])
        XCTAssertEqual(resolutions(graph), [.record(1), .record(2), .duplicate(of: ref(0, 0))])
        XCTAssertEqual(pairs(graph), [[0, 1], [0, 2]])
    }

    func testSelfLinkIsNotAnEdge() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/a", amp: "https://a.com/a/amp", related: [
                stub(amp: "https://www.a.com/a/amp/"),
                stub(web: "http://a.com/a"),
                stub(web: "https://b.com/b"),
            ]),
            record("B", web: "https://b.com/b"),
        ])
        XCTAssertEqual(resolutions(graph), [.selfLink(0), .duplicate(of: ref(0, 0)), .record(1)])
        XCTAssertEqual(pairs(graph), [[0, 1]])
        XCTAssertFalse(graph.hasEdge(from: 0, to: 0))
    }

    func testSameTargetTwiceIsOneEdgeAndOneDuplicate() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/a", related: [
                stub(web: "https://c.com/c"),
                stub(web: "https://b.com/b"),
                stub(original: "http://www.b.com/b/?utm_campaign=x"),
                stub(web: "https://b.com/b"),
            ]),
            record("B", web: "https://b.com/b"),
            record("C", web: "https://c.com/c"),
        ])
        XCTAssertEqual(resolutions(graph), [.record(2), .record(1), .duplicate(of: ref(0, 1)), .duplicate(of: ref(0, 1))])
        XCTAssertEqual(pairs(graph), [[0, 1], [0, 2]])
        XCTAssertEqual(graph.edges.map(\.stub), [ref(0, 1), ref(0, 0)])
    }

    func testDanglingStubsAndTheirDuplicates() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/a", related: [
                stub(web: "https://gone.com/x?utm_source=feed&b=2&a=1"),
                stub(web: "ftp://gone.com/y", original: "https://gone.com/y/"),
                stub(web: "http://www.gone.com/x?a=1&b=2#f"),
                stub(web: "https://gone.com/z", original: "https://gone.com/x?a=1&b=2"),
            ]),
            record("B", web: "https://b.com/b", related: [
                stub(web: "https://gone.com/x?a=1&b=2"),   // dangling again, but from another record
            ]),
        ])
        XCTAssertEqual(resolutions(graph), [
            .dangling("gone.com/x?a=1&b=2"),
            .dangling("gone.com/y"),
            .duplicate(of: ref(0, 0)),
            .dangling("gone.com/z"),            // the first alias counts, not a later one
            .dangling("gone.com/x?a=1&b=2"),
        ])
        XCTAssertEqual(graph.edges, [])
    }

    func testMalformedStubs() {
        let graph = GraphBuilder.build([
            record("A", web: "https://a.com/a", related: [
                stub(),
                stub(web: "ftp://b.com/b", original: "javascript:void(0)", amp: "mailto:x@b.com", url: "  "),
                stub(web: "https://b.com/b", isMapping: false),
                stub(web: "b.com/b"),
                stub(),
            ]),
            record("B", web: "https://b.com/b"),
        ])
        XCTAssertEqual(resolutions(graph), [.malformed, .malformed, .malformed, .malformed, .malformed])
        XCTAssertEqual(graph.edges, [])
    }

    func testRecordSharingAnAliasWithAnEarlierOneIsADuplicate() {
        let graph = GraphBuilder.build([
            record("A", web: "https://dup.com/x", original: "https://dup.com/x"),
            record("B", web: "https://other.com/y", original: "http://www.dup.com/x/", related: [
                stub(web: "https://a.com/a"),
            ]),
            record("C", web: "https://c.com/c", related: [
                stub(web: "https://dup.com/x/"),
                stub(web: "https://other.com/y"),
            ]),
            record("D", web: "https://c.com/c", original: "https://other.com/y"),
        ])
        XCTAssertEqual(graph.aliases[0], ["dup.com/x"], "a record's own repeated URL is one alias")
        XCTAssertEqual(graph.aliases[1], ["other.com/y", "dup.com/x"])
        XCTAssertEqual(owners(graph), ["dup.com/x": 0, "other.com/y": 1, "c.com/c": 2])
        XCTAssertEqual(Set(graph.duplicateOf.keys), [1, 3])
        XCTAssertEqual(graph.duplicateOf[1]?.alias, "dup.com/x")
        XCTAssertEqual(graph.duplicateOf[1]?.owner, 0)
        // D's first alias shared with an earlier record decides what it is reported against.
        XCTAssertEqual(graph.duplicateOf[3]?.alias, "c.com/c")
        XCTAssertEqual(graph.duplicateOf[3]?.owner, 2)
        XCTAssertEqual(resolutions(graph), [.dangling("a.com/a"), .record(0), .record(1)])
        XCTAssertEqual(pairs(graph), [[2, 0], [2, 1]])
    }

    func testAliasesCompareByCodePointsAsTheReferenceDoes() {
        // peer_networkx.py keys a dict by the canonical str: "café" written precomposed and
        // decomposed are two aliases, so these are two records, and the stub names B.
        let composed = "https://a.com/caf\u{E9}", decomposed = "https://a.com/cafe\u{301}"
        let graph = GraphBuilder.build([
            record("A", web: composed),
            record("B", web: decomposed),
            record("C", web: "https://c.com/c", related: [stub(web: decomposed)]),
        ])
        XCTAssertTrue(graph.duplicateOf.isEmpty, "B reported as a duplicate of A: \(graph.duplicateOf)")
        // Not through a [String: Int]: its keys would be equal too.
        XCTAssertEqual(graph.aliases.distinctCount, 3)
        XCTAssertEqual(graph.aliases.owner(of: "a.com/caf\u{E9}"), 0)
        XCTAssertEqual(graph.aliases.owner(of: "a.com/cafe\u{301}"), 1)
        XCTAssertEqual(resolutions(graph), [.record(1)])
    }

    func testEdgesSortedDistinctAndAdjacency() {
        let url = { (n: Int) in "https://n.com/\(n)" }
        let graph = GraphBuilder.build([
            record("0", web: url(0), related: [stub(web: url(3)), stub(web: url(1)), stub(web: url(3)), stub(web: url(2))]),
            record("1", web: url(1), related: [stub(web: url(0))]),
            record("2", web: url(2)),
            record("3", web: url(3), related: [stub(web: url(1)), stub(web: url(0))]),
            record("4", web: url(4)),
        ])
        XCTAssertEqual(pairs(graph), [[0, 1], [0, 2], [0, 3], [1, 0], [3, 0], [3, 1]])
        XCTAssertEqual(graph.edges.map(\.stub), [ref(0, 1), ref(0, 3), ref(0, 0), ref(1, 0), ref(3, 1), ref(3, 0)])
        XCTAssertEqual(graph.edges, graph.edges.sorted())
        XCTAssertEqual(Array(graph.successors(of: 0)), [1, 2, 3])
        XCTAssertEqual(Array(graph.successors(of: 1)), [0])
        XCTAssertEqual(Array(graph.successors(of: 2)), [])
        XCTAssertEqual(Array(graph.successors(of: 3)), [0, 1])
        XCTAssertEqual(Array(graph.successors(of: 4)), [])
        XCTAssertEqual(Array(graph.predecessors(of: 0)), [1, 3])
        XCTAssertEqual(Array(graph.predecessors(of: 1)), [0, 3])
        XCTAssertEqual(Array(graph.predecessors(of: 2)), [0])
        XCTAssertEqual(Array(graph.predecessors(of: 3)), [0])
        XCTAssertEqual(Array(graph.predecessors(of: 4)), [])
        let edgeSet = Set(pairs(graph))
        for source in 0..<5 {
            for target in 0..<5 {
                XCTAssertEqual(graph.hasEdge(from: source, to: target), edgeSet.contains([source, target]),
                               "hasEdge(\(source), \(target))")
            }
        }
    }

    /// A record that lists more targets than the linear search holds (32):
    /// repeats are still found, whether their first listing came before the
    /// switch to the table or after it, for records and dangling URLs alike.
    func testManyStubsStillFindTheirRepeats() {
        var related = (0..<40).map { stub(web: "https://gone.com/\($0)") }      // 40 distinct dangling targets
        related.append(stub(web: "https://gone.com/3/"))                        // repeats stub 3 (before the switch)
        related.append(stub(web: "http://www.gone.com/38"))                      // repeats stub 38 (after it)
        related.append(stub(web: "https://b.com/b"))                             // B: an edge
        related.append(stub(original: "https://b.com/b?utm_medium=x"))           // B again
        let graph = GraphBuilder.build([record("A", web: "https://a.com/a", related: related),
                                        record("B", web: "https://b.com/b")])
        let expected: [Resolution] = (0..<40).map { .dangling("gone.com/\($0)") }
            + [.duplicate(of: ref(0, 3)), .duplicate(of: ref(0, 38)), .record(1), .duplicate(of: ref(0, 42))]
        XCTAssertEqual(resolutions(graph), expected)
        XCTAssertEqual(pairs(graph), [[0, 1]])
    }

    func testEmptyInput() {
        let graph = GraphBuilder.build([])
        XCTAssertEqual(graph.nodeCount, 0)
        XCTAssertEqual(graph.links.count, 0)
        XCTAssertEqual(graph.edges, [])
    }

    func testSeedsFormAMutualPair() throws {
        let root = try TestPaths.requirePackageRoot()
        let records = try RecordLoader(jobs: 1).load([root + "/seeds"]).records
        let graph = GraphBuilder.build(records)
        XCTAssertEqual(graph.aliases[0], [
            "techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china",
            "techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse-into-life-of-llm-researcher-in-china/amp",
        ])
        XCTAssertEqual(graph.aliases[1], ["time.com/6835581/alibaba-moonshot-ai-investment"])
        XCTAssertEqual(resolutions(graph), [.record(1), .record(0)])
        XCTAssertEqual(pairs(graph), [[0, 1], [1, 0]])
    }

    /// The graph's per-link types, as `Edge`'s doc gives them.
    func testEdgesAndLinksAreAsSmallAsTheirDocSays() {
        XCTAssertEqual([MemoryLayout<Edge>.stride, MemoryLayout<LinkRef>.stride, MemoryLayout<Link>.stride], [16, 8, 32])
    }
}
