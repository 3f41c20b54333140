/// Modularity-based community detection on a `WeightedGraph`: Louvain
/// (Blondel et al. 2008) or Leiden (Traag et al. 2019).
///
/// Both repeat two phases: move single nodes to the neighbouring community
/// with the best modularity gain until none gains, then merge each community
/// into one node and start again on that smaller graph. Leiden refines each
/// community before merging, so that every community it returns is connected.
///
/// Deterministic: nodes are visited in index order (then in the order they are
/// queued again), ties go to the community met first, and Leiden's refinement
/// takes the best merge (the θ → 0 limit of its random choice). No hashing, no
/// randomness: the same graph gives the same communities on every run.
public struct CommunityDetection: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case louvain, leiden
    }

    public var method: Method
    /// γ: above 1 gives more, smaller communities; below 1 fewer, larger ones.
    public var resolution: Double

    public init(method: Method = .leiden, resolution: Double = 1) {
        self.method = method
        self.resolution = resolution
    }

    /// A community index per node, numbered from 0 in the order of each
    /// community's first node. Nodes with no edge are communities of one.
    public func communities(of graph: WeightedGraph) -> [Int] {
        // Labels are held as `Int32`s (the graph's node numbers fit, `WeightedGraph`):
        // at a million records, the first level's arrays are the run's peak.
        var membership = Array(0..<Int32(graph.nodeCount))   // original node → node of `level`
        var level = graph
        var partition = membership                           // node of `level` → community
        while true {
            moveNodes(level, &partition)
            let communityCount = Self.renumber(&partition)
            if communityCount == level.nodeCount { break }
            var groups = partition, groupCount = communityCount
            if method == .leiden {
                var refined = refine(level, partition)
                let refinedCount = Self.renumber(&refined)
                // A refinement that merged nothing would leave the graph as it is: merge by the partition instead.
                if refinedCount < level.nodeCount { (groups, groupCount) = (refined, refinedCount) }
            }
            var next = [Int32](repeating: 0, count: groupCount)
            for node in 0..<level.nodeCount { next[Int(groups[node])] = partition[node] }
            for node in membership.indices { membership[node] = groups[Int(membership[node])] }
            level = level.aggregated(by: groups, groupCount: groupCount)
            partition = next
        }
        var result = membership.map { partition[Int($0)] }
        _ = Self.renumber(&result)
        return result.map(Int.init)
    }

    /// Local moving: each node goes to the neighbouring community (or a new
    /// one of its own) that gains the most modularity, until no move gains.
    /// A node that moves queues its neighbours outside its new community.
    func moveNodes(_ graph: WeightedGraph, _ partition: inout [Int32]) {
        let n = graph.nodeCount
        guard graph.totalWeight > 0 else { return }
        let scale = resolution / (2 * graph.totalWeight)
        var total = [Double](repeating: 0, count: n)
        var size = [Int32](repeating: 0, count: n)
        for node in 0..<n {
            total[Int(partition[node])] += graph.strengths[node]
            size[Int(partition[node])] += 1
        }
        var empty = (0..<n).filter { size[$0] == 0 }.reversed() as [Int]
        var queue = Array(0..<Int32(n)), head = 0
        var queued = [Bool](repeating: true, count: n)
        var weightTo = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            queued[node] = false
            let current = Int(partition[node]), strength = graph.strengths[node]
            for index in graph.edgeRange(of: node) {
                let c = Int(partition[graph.neighbours[index]])
                if weightTo[c] == 0 { touched.append(c) }
                weightTo[c] += graph.weights[index]
            }
            total[current] -= strength
            size[current] -= 1
            var best = current
            var bestGain = weightTo[current] - total[current] * strength * scale
            for c in touched where c != current {
                let gain = weightTo[c] - total[c] * strength * scale
                if gain > bestGain + 1e-12 * Swift.max(1, abs(bestGain)) { (best, bestGain) = (c, gain) }
            }
            if bestGain < 0 && size[current] > 0 {
                // Alone is better than anywhere: a new, empty community.
                best = empty.popLast()!
            }
            if size[current] == 0 && best != current { empty.append(current) }
            total[best] += strength
            size[best] += 1
            partition[node] = Int32(best)
            for c in touched { weightTo[c] = 0 }
            touched.removeAll(keepingCapacity: true)
            guard best != current else { continue }
            for index in graph.edgeRange(of: node) {
                let neighbour = graph.neighbours[index]
                if !queued[neighbour] && Int(partition[neighbour]) != best {
                    queued[neighbour] = true
                    queue.append(Int32(neighbour))
                }
            }
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
    }

    /// Leiden's refinement: inside each community of `partition`, start from
    /// single nodes and merge each still-single node that is well connected
    /// to its community into the well-connected sub-community (of the same
    /// community) that gains the most, if any gains. Returns a sub-community per node.
    func refine(_ graph: WeightedGraph, _ partition: [Int32]) -> [Int32] {
        let n = graph.nodeCount
        let scale = resolution / (2 * graph.totalWeight)
        var communityTotal = [Double](repeating: 0, count: n)
        for node in 0..<n { communityTotal[Int(partition[node])] += graph.strengths[node] }
        // Weight from each node to the rest of its community, and from each sub-community to the rest.
        var inside = [Double](repeating: 0, count: n)
        for node in 0..<n {
            for index in graph.edgeRange(of: node) where partition[graph.neighbours[index]] == partition[node] {
                inside[node] += graph.weights[index]
            }
        }
        var refined = Array(0..<Int32(n))
        var total = graph.strengths
        var size = [Int32](repeating: 1, count: n)
        var outward = inside
        var weightTo = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        for node in 0..<n where size[Int(refined[node])] == 1 {
            let community = partition[node], strength = graph.strengths[node]
            let rest = communityTotal[Int(community)]
            guard inside[node] >= strength * (rest - strength) * scale else { continue }
            for index in graph.edgeRange(of: node) where partition[graph.neighbours[index]] == community {
                let c = Int(refined[graph.neighbours[index]])
                if weightTo[c] == 0 { touched.append(c) }
                weightTo[c] += graph.weights[index]
            }
            var best = -1, bestGain = 0.0
            for c in touched where c != Int(refined[node]) {
                guard outward[c] >= total[c] * (rest - total[c]) * scale else { continue }
                let gain = weightTo[c] - total[c] * strength * scale
                if gain > bestGain + 1e-12 * Swift.max(1, abs(bestGain)) { (best, bestGain) = (c, gain) }
            }
            if best >= 0 {
                let own = Int(refined[node])
                total[own] = 0
                size[own] = 0
                outward[best] += inside[node] - 2 * weightTo[best]
                total[best] += strength
                size[best] += 1
                refined[node] = Int32(best)
            }
            for c in touched { weightTo[c] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return refined
    }

    /// Renumbers community labels 0, 1, 2, … in order of first appearance; returns how many.
    static func renumber(_ labels: inout [Int32]) -> Int {
        var number = [Int32](repeating: -1, count: labels.count)
        var count: Int32 = 0
        for index in labels.indices {
            let label = Int(labels[index])
            if number[label] < 0 { number[label] = count; count += 1 }
            labels[index] = number[label]
        }
        return Int(count)
    }
}
