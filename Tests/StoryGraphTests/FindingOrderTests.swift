import XCTest
@testable import StoryGraph

/// `FindingOrder.merged` against the order it promises, computed the plain
/// way (one stable sort of everything) on parts in order, out of order, with
/// ties and with files the corpus does not list.
final class FindingOrderTests: XCTestCase {
    private let files = ["c.md", "a.md", "b.md"]

    /// The promised order, by a stable sort of the parts end to end.
    private func reference(_ parts: [[Finding]]) -> [Finding] {
        let rank = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        let kinds = FindingKind.allCases
        return parts.joined().enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            let keyA = (rank[a.file] ?? Int.max, a.line, a.column, kinds.firstIndex(of: a.kind)!)
            let keyB = (rank[b.file] ?? Int.max, b.line, b.column, kinds.firstIndex(of: b.kind)!)
            if keyA != keyB { return keyA < keyB }
            if (a.target ?? "") != (b.target ?? "") { return (a.target ?? "") < (b.target ?? "") }
            return x.offset < y.offset
        }.map(\.element)
    }

    private func finding(_ kind: FindingKind, _ file: String, _ line: Int, column: Int = 1, target: String? = nil,
                         _ message: String) -> Finding {
        Finding(kind: kind, file: file, line: line, column: column, target: target, message: message)
    }

    func testPartsInOrderOutOfOrderAndTiedMergeAsOneStableSortWould() {
        let parts: [[Finding]] = [
            [],
            // In order already.
            [finding(.dangling, "c.md", 2, "c2"), finding(.dangling, "a.md", 1, "a1"), finding(.dangling, "b.md", 7, "b7")],
            // Out of order: by line within a file, and a file the corpus does not list (last).
            [finding(.asymmetric, "zz.md", 1, "zz1"), finding(.asymmetric, "a.md", 9, "a9"), finding(.asymmetric, "a.md", 1, "a1 asym"),
             finding(.asymmetric, "c.md", 2, column: 5, "c2:5")],
            // Ties: the same place and kind, told apart by target, then by arrival.
            [finding(.staleTitle, "a.md", 1, target: "https://b/", "second by target"),
             finding(.staleTitle, "a.md", 1, target: "https://a/", "first by target"),
             finding(.staleTitle, "a.md", 1, target: "https://a/", "tied, came later")],
            [finding(.selfLink, "c.md", 2, "c2 self"), finding(.unreadable, "b.md", 1, "b unreadable")],
        ]
        var merged = parts
        let got = FindingOrder(fileOrder: files).merged(&merged)
        XCTAssertEqual(got.map(\.message), reference(parts).map(\.message))
        XCTAssertEqual(got.map(\.message), [
            "c2", "c2 self", "c2:5", "a1", "a1 asym", "first by target", "tied, came later", "second by target", "a9",
            "b unreadable", "b7", "zz1",
        ])
        // The parts are left empty.
        XCTAssertEqual(merged.map(\.count), [0, 0, 0, 0, 0])
    }

    func testRandomPartsMergeAsOneStableSortWould() {
        // A fixed seed: the same 200 rounds every run, so a failure can be re-run as it was.
        var seed: UInt64 = 0x5EED_F14D_14C5
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for round in 0..<200 {
            let kinds = FindingKind.allCases
            let parts: [[Finding]] = (0..<next(6)).map { part in
                var items = (0..<next(40)).map { item in
                    finding(kinds[next(kinds.count)], ["a.md", "b.md", "c.md", "d.md"][next(4)], next(5), column: next(3) + 1,
                            target: next(3) == 0 ? nil : "https://t/\(next(3))", "\(round).\(part).\(item)")
                }
                // Half the parts arrive in order, as most passes' do.
                if next(2) == 0 { items = reference([items]) }
                return items
            }
            var merged = parts
            XCTAssertEqual(FindingOrder(fileOrder: files).merged(&merged).map(\.message), reference(parts).map(\.message),
                           "round \(round)")
        }
    }

    /// The order reads a kind's rank from its spelt-out `index`.
    func testKindIndexIsItsPlaceInAllCases() {
        XCTAssertEqual(FindingKind.allCases.map(\.index), Array(FindingKind.allCases.indices))
    }

    /// `permute` puts each finding where its source says, on permutations of
    /// every shape: empty, the identity, one long cycle, swaps, fixed points
    /// among cycles, and random ones.
    func testPermuteMovesEachFindingToItsPlace() {
        var seed: UInt64 = 0xC1C1_E5
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        var shapes: [[Int]] = [[], [0], [0, 1, 2], [1, 2, 3, 0], [1, 0, 3, 2], [0, 2, 1, 3, 5, 4, 6]]
        for _ in 0..<100 {
            var order = Array(0..<next(30))
            var generator = SeededGenerator(state: seed &+ UInt64(next(1 << 30)))
            order.shuffle(using: &generator)
            shapes.append(order)
        }
        for source in shapes {
            var findings = source.indices.map { finding(.dangling, "a.md", $0, "\($0)") }
            var spent = source
            findings.withUnsafeMutableBufferPointer { FindingOrder.permute($0, source: &spent) }
            XCTAssertEqual(findings.map(\.message), source.map { "\($0)" }, "\(source)")
            XCTAssertEqual(spent, Array(source.indices))
        }
    }
}

/// A generator over the test's own seed, so that shuffles repeat run to run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
