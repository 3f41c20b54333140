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
    /// Held as `Int32`s, read as `Int`s: 11 MB, not 22, by their size, for
    /// the 2.75 million entries of a million generated records (1.37 million
    /// linked pairs, each at both ends).
    let neighbours: NodeList
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
        precondition(nodeCount <= Int(Int32.max), "more nodes than an Int32 holds")
        var selfLoops = [Double](repeating: 0, count: nodeCount)
        // Each edge is listed at both ends, in two stable counting passes: by
        // neighbour, then by node. So each node's entries come out sorted by
        // neighbour, repeats in the order the edges were listed (and so added
        // up in that order), with no comparison sort. The second pass writes
        // straight into the final arrays, and repeats are merged in place
        // there: an array of entries between the passes would take 16 bytes
        // an entry more at once. (`StoryWeights` no longer comes this way; it
        // builds its graph from its neighbour lists.)
        var byNeighbour = [Int](repeating: 0, count: nodeCount + 1)
        for (a, b, _) in edges where a != b {
            byNeighbour[b + 1] += 1
            byNeighbour[a + 1] += 1
        }
        for node in 0..<nodeCount { byNeighbour[node + 1] += byNeighbour[node] }
        let entryCount = byNeighbour[nodeCount]
        var byNode = [Int](repeating: 0, count: nodeCount + 1)
        var neighbours = [Int32](repeating: 0, count: entryCount)
        var weights = [Double](repeating: 0, count: entryCount)
        do {
            // Pass 1: (node, neighbour, weight), grouped by neighbour (16 bytes an entry).
            var firstPass = [(node: Int32, neighbour: Int32, weight: Double)](repeating: (0, 0, 0), count: entryCount)
            for (a, b, weight) in edges {
                if a == b {
                    selfLoops[a] += weight
                    continue
                }
                firstPass[byNeighbour[b]] = (Int32(a), Int32(b), weight)
                byNeighbour[b] += 1
                firstPass[byNeighbour[a]] = (Int32(b), Int32(a), weight)
                byNeighbour[a] += 1
                byNode[a + 1] += 1
                byNode[b + 1] += 1
            }
            for node in 0..<nodeCount { byNode[node + 1] += byNode[node] }
            // Pass 2: (neighbour, weight), grouped by node.
            var next = byNode
            for entry in firstPass {
                let node = Int(entry.node)
                neighbours[next[node]] = entry.neighbour
                weights[next[node]] = entry.weight
                next[node] += 1
            }
        }
        // Repeats of a neighbour (next to each other) merged into the first,
        // moving the lists down in place: a write never passes the read.
        var merged = [0]
        merged.reserveCapacity(nodeCount + 1)
        var count = 0
        for node in 0..<nodeCount {
            let start = count
            for index in byNode[node]..<byNode[node + 1] {
                if count > start && neighbours[count - 1] == neighbours[index] {
                    weights[count - 1] += weights[index]
                } else {
                    neighbours[count] = neighbours[index]
                    weights[count] = weights[index]
                    count += 1
                }
            }
            merged.append(count)
        }
        neighbours.removeLast(entryCount - count)
        weights.removeLast(entryCount - count)
        self.init(offsets: merged, neighbours: neighbours, weights: weights, selfLoops: selfLoops)
    }

    /// From CSR arrays whose lists are already sorted, merged and symmetric.
    init(offsets: [Int], neighbours: [Int32], weights: [Double], selfLoops: [Double]) {
        let neighbours = NodeList(values: neighbours)
        nodeCount = offsets.count - 1
        var strengths = [Double](repeating: 0, count: nodeCount)
        var total = 0.0
        for node in 0..<nodeCount {
            for index in offsets[node]..<offsets[node + 1] {
                strengths[node] += weights[index]
                if neighbours[index] > node { total += weights[index] }
            }
            strengths[node] += 2 * selfLoops[node]
            total += selfLoops[node]
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
    func aggregated<Label: BinaryInteger>(by assignment: [Label], groupCount: Int) -> WeightedGraph {
        // Each group's members, end to end: one array, not one per group.
        var memberOffsets = [Int](repeating: 0, count: groupCount + 1)
        for node in 0..<nodeCount { memberOffsets[Int(assignment[node]) + 1] += 1 }
        for group in 0..<groupCount { memberOffsets[group + 1] += memberOffsets[group] }
        var nextMember = memberOffsets
        var members = [Int32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let group = Int(assignment[node])
            members[nextMember[group]] = Int32(node)
            nextMember[group] += 1
        }
        var selfLoops = [Double](repeating: 0, count: groupCount)
        var offsets = [0], neighbours: [Int32] = [], weights: [Double] = []
        offsets.reserveCapacity(groupCount + 1)
        var weightTo = [Double](repeating: 0, count: groupCount)
        var touched: [Int] = []
        for group in 0..<groupCount {
            for member in members[memberOffsets[group]..<memberOffsets[group + 1]] {
                let node = Int(member)
                selfLoops[group] += self.selfLoops[node]
                for index in edgeRange(of: node) {
                    let other = Int(assignment[self.neighbours[index]])
                    if other == group {
                        // Each inner edge is met from both ends: count it once.
                        if self.neighbours[index] > node { selfLoops[group] += self.weights[index] }
                        continue
                    }
                    if weightTo[other] == 0 { touched.append(other) }
                    weightTo[other] += self.weights[index]
                }
            }
            touched.sort()
            for other in touched {
                neighbours.append(Int32(other))
                weights.append(weightTo[other])
                weightTo[other] = 0
            }
            offsets.append(neighbours.count)
            touched.removeAll(keepingCapacity: true)
        }
        return WeightedGraph(offsets: offsets, neighbours: neighbours, weights: weights, selfLoops: selfLoops)
    }
}

/// Node indices held as `Int32`s and read as `Int`s.
struct NodeList: Equatable, Sendable {
    let values: [Int32]

    subscript(index: Int) -> Int { Int(values[index]) }
}
