import StoryGraph

/// The dangling targets to draw: one ghost node per distinct dangling alias,
/// with every drawn record that links to it.
struct Ghosts {
    struct Ghost {
        let id: Int
        let alias: String
        /// The first stub's title, date and URL, to label, place and link the ghost.
        let title: String?
        let date: String?
        let url: String?
        var sources: [Int]
    }

    let all: [Ghost]

    /// `drawn` in path order; only their own links are read, so drawing one
    /// cluster costs its size, not the archive's.
    init(_ index: DiagramIndex, drawn: [Int]) {
        let graph = index.graph
        var byAlias: [AliasKey: Int] = [:]
        var ghosts: [Ghost] = []
        for record in drawn {
            for link in index.links(of: record) {
                guard case .dangling(let alias) = link.resolution else { continue }
                if let known = byAlias[AliasKey(alias)] {
                    ghosts[known].sources.append(record)
                } else {
                    let stub = graph.records[record].related[link.ref.stub]
                    byAlias[AliasKey(alias)] = ghosts.count
                    ghosts.append(Ghost(id: ghosts.count, alias: alias, title: stub.title, date: stub.publishedDateTime,
                                        url: stub.displayURL, sources: [record]))
                }
            }
        }
        all = ghosts
    }
}

extension Ghosts {
    /// The ghosts to draw, and per cluster those left out: how many, and which records link to them.
    struct Capped {
        let shown: [Ghost]
        let hidden: [Int: (count: Int, sources: [Int])]
    }

    /// At most `limit` ghosts per cluster (`clusterOf` a record): those with
    /// the most sources, ties by first seen; drawn in the order first seen.
    func capped(_ limit: Int, clusterOf: (Int) -> Int) -> Capped {
        var shown: [Ghost] = []
        var hidden: [Int: (count: Int, sources: [Int])] = [:]
        for (cluster, ghosts) in Dictionary(grouping: all, by: { clusterOf($0.sources[0]) }) {
            let kept = Set(ghosts.sorted { $0.sources.count != $1.sources.count ? $0.sources.count > $1.sources.count : $0.id < $1.id }
                .prefix(limit).map(\.id))
            shown += ghosts.filter { kept.contains($0.id) }
            let rest = ghosts.filter { !kept.contains($0.id) }
            if !rest.isEmpty { hidden[cluster] = (rest.count, Set(rest.flatMap(\.sources)).sorted()) }
        }
        return Capped(shown: shown.sorted { $0.id < $1.id }, hidden: hidden)
    }
}

/// What every diagram of one analysis looks up, computed once: where each
/// record's links start, and how many dangling links each record makes.
/// Drawing thousands of clusters then costs the sum of their sizes.
public struct DiagramIndex: Sendable {
    public let analysis: Analysis
    public var graph: ArticleGraph { analysis.graph }
    /// `graph.links[linkStart[r]..<linkStart[r + 1]]` are record r's stubs.
    let linkStart: [Int]
    /// Dangling links made by each record.
    let danglingOut: [Int]

    public init(_ analysis: Analysis) {
        self.analysis = analysis
        let graph = analysis.graph
        var start = [Int](repeating: 0, count: graph.nodeCount + 1)
        var dangling = [Int](repeating: 0, count: graph.nodeCount)
        for link in graph.links {
            start[link.ref.record + 1] += 1
            if case .dangling = link.resolution { dangling[link.ref.record] += 1 }
        }
        for record in 0..<graph.nodeCount { start[record + 1] += start[record] }
        linkStart = start
        danglingOut = dangling
    }

    /// About how many edges a diagram of `records` draws: links between them
    /// (a mutual pair once) and their dangling links (before ghosts are capped).
    /// Layout time grows with it, so the automatic layout choice reads it.
    public func drawnEdgeEstimate(_ records: [Int]) -> Int {
        var count = 0
        for record in records {
            count += danglingOut[record]
            for target in graph.successors(of: record) where record < target || !graph.hasEdge(from: target, to: record) {
                count += 1
            }
        }
        return count
    }

    func links(of record: Int) -> ArraySlice<Link> {
        analysis.graph.links[linkStart[record]..<linkStart[record + 1]]
    }
}
