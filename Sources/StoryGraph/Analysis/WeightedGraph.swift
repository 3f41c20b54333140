/// An undirected graph with positive edge weights, in CSR form: the
/// neighbours of node `i` are `neighbours[offsets[i]..<offsets[i+1]]`, sorted,
/// each with its weight. A node may carry a self loop (an aggregated
/// community's inner weight), kept apart from the adjacency.
///
/// This is the graph community detection runs on; `StoryWeights` builds it
/// from the related links.
public struct WeightedGraph: Sendable {
    public let nodeCount: Int
    let offsets: [Int]
    let neighbours: [Int]
    let weights: [Double]
    /// The weight of each node's self loop.
    let selfLoops: [Double]
    /// Each node's strength: its edge weights, the self loop counted twice.
    let strengths: [Double]
    /// m: every edge once, self loops once.
    public let totalWeight: Double

    /// Builds the graph from undirected edges; an edge listed twice (either
    /// way round) adds up, and an edge (a, a) is a self loop.
    public init(nodeCount: Int, edges: [(Int, Int, Double)]) {
        var lists = [[(Int, Double)]](repeating: [], count: nodeCount)
        var selfLoops = [Double](repeating: 0, count: nodeCount)
        for (a, b, weight) in edges {
            if a == b {
                selfLoops[a] += weight
            } else {
                lists[a].append((b, weight))
                lists[b].append((a, weight))
            }
        }
        for node in 0..<nodeCount {
            lists[node].sort { $0.0 < $1.0 }
            var merged: [(Int, Double)] = []
            for (neighbour, weight) in lists[node] {
                if let last = merged.last, last.0 == neighbour {
                    merged[merged.count - 1].1 += weight
                } else {
                    merged.append((neighbour, weight))
                }
            }
            lists[node] = merged
        }
        self.init(adjacency: lists, selfLoops: selfLoops)
    }

    /// From adjacency lists already sorted, merged and symmetric.
    init(adjacency: [[(Int, Double)]], selfLoops: [Double]) {
        nodeCount = adjacency.count
        var offsets = [0]
        offsets.reserveCapacity(nodeCount + 1)
        var neighbours: [Int] = [], weights: [Double] = []
        var strengths = [Double](repeating: 0, count: nodeCount)
        var total = 0.0
        for (node, list) in adjacency.enumerated() {
            for (neighbour, weight) in list {
                neighbours.append(neighbour)
                weights.append(weight)
                strengths[node] += weight
                if neighbour > node { total += weight }
            }
            strengths[node] += 2 * selfLoops[node]
            total += selfLoops[node]
            offsets.append(neighbours.count)
        }
        self.offsets = offsets
        self.neighbours = neighbours
        self.weights = weights
        self.selfLoops = selfLoops
        self.strengths = strengths
        self.totalWeight = total
    }

    /// The range of `neighbours`/`weights` that holds this node's edges.
    func edgeRange(of node: Int) -> Range<Int> { offsets[node]..<offsets[node + 1] }

    /// Newman's modularity of a partition (a community index per node) with
    /// resolution γ: Σ_c [ in_c / m − γ (tot_c / 2m)² ], where in_c is the
    /// weight inside c (self loops included) and tot_c the strength of its nodes.
    public func modularity(_ community: [Int], resolution: Double = 1) -> Double {
        guard totalWeight > 0 else { return 0 }
        let count = (community.max() ?? -1) + 1
        var inner = [Double](repeating: 0, count: count)
        var total = [Double](repeating: 0, count: count)
        for node in 0..<nodeCount {
            let c = community[node]
            total[c] += strengths[node]
            inner[c] += selfLoops[node]
            for index in edgeRange(of: node) where neighbours[index] > node && community[neighbours[index]] == c {
                inner[c] += weights[index]
            }
        }
        let m = totalWeight
        return (0..<count).reduce(0.0) { sum, c in sum + inner[c] / m - resolution * (total[c] / (2 * m)) * (total[c] / (2 * m)) }
    }

    /// The graph of the groups of `assignment` (a group index per node, from 0
    /// to `groupCount - 1`): one node per group, edge weights summed, the
    /// weight inside a group as its self loop.
    func aggregated(by assignment: [Int], groupCount: Int) -> WeightedGraph {
        var members = [[Int]](repeating: [], count: groupCount)
        for node in 0..<nodeCount { members[assignment[node]].append(node) }
        var selfLoops = [Double](repeating: 0, count: groupCount)
        var adjacency = [[(Int, Double)]](repeating: [], count: groupCount)
        var weightTo = [Double](repeating: 0, count: groupCount)
        var touched: [Int] = []
        for group in 0..<groupCount {
            for node in members[group] {
                selfLoops[group] += self.selfLoops[node]
                for index in edgeRange(of: node) {
                    let other = assignment[neighbours[index]]
                    if other == group {
                        // Each inner edge is met from both ends: count it once.
                        if neighbours[index] > node { selfLoops[group] += weights[index] }
                        continue
                    }
                    if weightTo[other] == 0 { touched.append(other) }
                    weightTo[other] += weights[index]
                }
            }
            touched.sort()
            adjacency[group] = touched.map { ($0, weightTo[$0]) }
            for other in touched { weightTo[other] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return WeightedGraph(adjacency: adjacency, selfLoops: selfLoops)
    }
}
