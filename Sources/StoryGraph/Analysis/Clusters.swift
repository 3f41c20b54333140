import Foundation

/// Story clusters: the weakly connected components of the edges, over records.
/// A record with no edge in or out is a singleton (a cluster of one).
///
/// Ids are stable: clusters are numbered from 1 by size, largest first, ties
/// broken by the smallest alias among their members (code-point order), then
/// by the first member's path order.
public struct Clustering: Sendable {
    public struct Cluster: Sendable, Equatable {
        public let id: Int
        /// Record indices, in path order.
        public let members: [Int]
        public var size: Int { members.count }

        public init(id: Int, members: [Int]) {
            self.id = id
            self.members = members
        }
    }

    /// Largest first; `clusters[k].id == k + 1`.
    public let clusters: [Cluster]
    /// The cluster id of each record.
    public let clusterOf: [Int]

    public init(_ graph: ArticleGraph) {
        var parent = Array(0..<graph.nodeCount)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for edge in graph.edges {
            let (a, b) = (root(edge.source), root(edge.target))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        // Components are grouped through arrays indexed by root, not a dictionary:
        // an archive of a million records has hundreds of thousands of them.
        var slotOfRoot = [Int](repeating: -1, count: graph.nodeCount)
        var membersBySlot: [[Int]] = []
        for node in 0..<graph.nodeCount {
            let top = root(node)
            if slotOfRoot[top] < 0 {
                slotOfRoot[top] = membersBySlot.count
                membersBySlot.append([])
            }
            membersBySlot[slotOfRoot[top]].append(node)
        }
        let smallestAlias: [String] = membersBySlot.map { members in
            members.lazy.flatMap { graph.aliases[$0] }.min(by: { $0.precedesInCodePointOrder($1) }) ?? ""
        }
        // Slots are numbered in the path order of their first member, so the last tie-break is that order.
        let sizes = membersBySlot.map(\.count)
        let aliasBytes = AliasBytes(smallestAlias)
        let order = aliasBytes.withPointers { alias in
            membersBySlot.indices.sorted { a, b in
                let (sizeA, sizeB) = (sizes[a], sizes[b])
                if sizeA != sizeB { return sizeA > sizeB }
                if let order = alias.codePointOrder(a, b) { return order == 0 ? a < b : order < 0 }
                let (aliasA, aliasB) = (smallestAlias[a], smallestAlias[b])
                if aliasA != aliasB { return aliasA.precedesInCodePointOrder(aliasB) }
                return a < b
            }
        }
        var clusterOf = [Int](repeating: 0, count: graph.nodeCount)
        var clusters: [Cluster] = []
        clusters.reserveCapacity(order.count)
        for (index, slot) in order.enumerated() {
            let members = membersBySlot[slot]
            for member in members { clusterOf[member] = index + 1 }
            clusters.append(Cluster(id: index + 1, members: members))
        }
        self.clusters = clusters
        self.clusterOf = clusterOf
    }

    public func cluster(id: Int) -> Cluster? {
        clusters.indices.contains(id - 1) ? clusters[id - 1] : nil
    }
}

/// Texts' UTF-8 bytes end to end, so that a sort compares them with `memcmp`
/// on one buffer: no `String` to retain and release per comparison.
private struct AliasBytes {
    let bytes: [UInt8]
    let offsets: [Int]
    let isASCII: [Bool]

    init(_ texts: [String]) {
        var bytes: [UInt8] = [], offsets = [0], isASCII: [Bool] = []
        offsets.reserveCapacity(texts.count + 1)
        isASCII.reserveCapacity(texts.count)
        for text in texts {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            isASCII.append(!bytes[start...].contains { $0 >= 0x80 })
            offsets.append(bytes.count)
        }
        (self.bytes, self.offsets, self.isASCII) = (bytes, offsets, isASCII)
    }

    func withPointers<Result>(_ body: (Pointers) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                isASCII.withUnsafeBufferPointer { body(Pointers(bytes: bytes, offsets: offsets, isASCII: $0)) }
            }
        }
    }

    struct Pointers {
        let bytes: UnsafeBufferPointer<UInt8>
        let offsets: UnsafeBufferPointer<Int>
        let isASCII: UnsafeBufferPointer<Bool>

        /// The code-point order of texts `a` and `b` (negative, 0, positive)
        /// when both are ASCII; nil otherwise. Two different ASCII texts are
        /// never canonically equivalent, so byte order and byte equality then
        /// say all that the `String` comparisons would.
        func codePointOrder(_ a: Int, _ b: Int) -> Int? {
            guard isASCII[a] && isASCII[b] else { return nil }
            let (lengthA, lengthB) = (offsets[a + 1] - offsets[a], offsets[b + 1] - offsets[b])
            let common = Swift.min(lengthA, lengthB)
            let order = common == 0 ? 0 : memcmp(bytes.baseAddress! + offsets[a], bytes.baseAddress! + offsets[b], common)
            return order != 0 ? Int(order) : lengthA - lengthB
        }
    }
}

extension ArticleGraph {
    /// The earliest and latest `publishedDateTime` among `members`, as written
    /// (ISO 8601 text sorts in time order); nil when none has a date.
    public func dateSpan(of members: [Int]) -> (first: String, last: String)? {
        let dates = members.compactMap { records[$0].publishedDateTime }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return (first, last)
    }
}
