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
        // Compared as alias numbers, their bytes where the table holds them: no `String` per cluster.
        let aliases = graph.aliases
        let smallestAlias = membersBySlot.map { aliases.smallestAlias(among: $0) }
        // Slots are numbered in the path order of their first member, so the last tie-break is that order.
        let sizes = membersBySlot.map(\.count)
        let order = membersBySlot.indices.sorted { a, b in
            let (sizeA, sizeB) = (sizes[a], sizes[b])
            if sizeA != sizeB { return sizeA > sizeB }
            switch (smallestAlias[a], smallestAlias[b]) {
            case let (aliasA?, aliasB?):
                let order = aliases.codePointOrder(aliasA, aliasB)
                return order == 0 ? a < b : order < 0
            case (nil, nil): return a < b
            // No alias sorts as the empty text: before any alias.
            case (nil, _?): return true
            case (_?, nil): return false
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

extension ArticleGraph {
    /// The earliest and latest `publishedDateTime` among `members`, as written
    /// (ISO 8601 text sorts in time order); nil when none has a date.
    public func dateSpan(of members: [Int]) -> (first: String, last: String)? {
        let dates = members.compactMap { records[$0].publishedDateTime }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return (first, last)
    }
}
