/// The related-link graph: one node per record, one edge per distinct
/// resolved link A→B (A ≠ B), and every stub with how it resolved.
///
/// Nodes are record indices (path order). Adjacency is stored compressed
/// (CSR): the successors of node `i` are `outTargets[outOffsets[i]..<outOffsets[i+1]]`,
/// sorted, so an edge lookup is a binary search and no link is a heap object.
/// The four arrays hold `Int32`s: 26 MB, not 52, at a million records by
/// their size (1M offsets and 2.2 million edges each way).
public struct ArticleGraph: Sendable {
    public let records: [Record]
    /// The canonical aliases of each record, in alias order, and which record
    /// owns each alias: the first in path order that has it.
    public let aliases: AliasTable
    /// Every stub of every record, in record order, then stub order.
    public let links: [Link]
    /// Distinct edges, sorted by source, then target.
    public let edges: [Edge]
    /// For each record that shares an alias with an earlier one: the alias and its owner.
    public let duplicateOf: [Int: (alias: String, owner: Int)]

    let outOffsets: [Int32]
    let outTargets: [Int32]
    let inOffsets: [Int32]
    let inSources: [Int32]

    public var nodeCount: Int { records.count }

    /// A node's successors or predecessors, sorted, as `Int`s.
    public typealias Neighbours = LazyMapCollection<ArraySlice<Int32>, Int>

    /// The records this record links to, sorted.
    public func successors(of node: Int) -> Neighbours {
        outTargets[Int(outOffsets[node])..<Int(outOffsets[node + 1])].lazy.map { Int($0) }
    }

    /// The records that link to this record, sorted.
    public func predecessors(of node: Int) -> Neighbours {
        inSources[Int(inOffsets[node])..<Int(inOffsets[node + 1])].lazy.map { Int($0) }
    }

    public func hasEdge(from source: Int, to target: Int) -> Bool {
        let target = Int32(truncatingIfNeeded: target)
        var low = Int(outOffsets[source]), high = Int(outOffsets[source + 1])
        let end = high
        while low < high {
            let mid = (low + high) / 2
            if outTargets[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < end && outTargets[low] == target
    }

    init(records: [Record], aliases: AliasTable, links: [Link],
         edges: [Edge], duplicateOf: [Int: (alias: String, owner: Int)]) {
        self.records = records
        self.aliases = aliases
        self.links = links
        self.edges = edges
        self.duplicateOf = duplicateOf
        precondition(records.count < Int(Int32.max) && edges.count < Int(Int32.max), "a graph too large for Int32 indices")
        (outOffsets, outTargets) = Self.compressed(edges, nodeCount: records.count, reversed: false)
        (inOffsets, inSources) = Self.compressed(edges, nodeCount: records.count, reversed: true)
    }

    /// CSR arrays of the edges (source to target, or target to source when
    /// `reversed`), each node's list sorted.
    private static func compressed(_ edges: [Edge], nodeCount: Int, reversed: Bool) -> ([Int32], [Int32]) {
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in edges { offsets[(reversed ? edge.target : edge.source) + 1] += 1 }
        for i in 0..<nodeCount { offsets[i + 1] += offsets[i] }
        var next = offsets
        var values = [Int32](repeating: 0, count: edges.count)
        for edge in edges {
            let (from, to) = reversed ? (edge.target, edge.source) : (edge.source, edge.target)
            values[Int(next[from])] = Int32(to)
            next[from] += 1
        }
        for i in 0..<nodeCount { values[Int(offsets[i])..<Int(offsets[i + 1])].sort() }
        return (offsets, values)
    }
}

/// A directed related link between two different records.
///
/// Indices are stored as `Int32` (a graph of 2^31 records or stubs would not
/// fit in memory anyway): 16 bytes an edge, not 32, and `LinkRef` and `Link`
/// 8 and 32, not 16 and 40; at a million records (2.2 million edges, 2.3
/// million links) 55 MB by those strides, and resident after resolving went
/// down 85 MB in one run.
public struct Edge: Hashable, Sendable, Comparable {
    private let storedSource: Int32
    private let storedTarget: Int32
    /// The stub that made the edge (its first one, when the source lists the target twice).
    public let stub: LinkRef

    public var source: Int { Int(storedSource) }
    public var target: Int { Int(storedTarget) }

    public init(source: Int, target: Int, stub: LinkRef) {
        storedSource = Int32(source)
        storedTarget = Int32(target)
        self.stub = stub
    }

    public static func < (a: Edge, b: Edge) -> Bool {
        (a.storedSource, a.storedTarget) < (b.storedSource, b.storedTarget)
    }
}

/// Points at one stub: `graph.records[record].related[stub]`.
public struct LinkRef: Hashable, Sendable {
    private let storedRecord: Int32
    private let storedStub: Int32

    public var record: Int { Int(storedRecord) }
    public var stub: Int { Int(storedStub) }

    public init(record: Int, stub: Int) {
        storedRecord = Int32(record)
        storedStub = Int32(stub)
    }
}

/// One stub and what it resolved to.
public struct Link: Sendable {
    public let ref: LinkRef
    public let resolution: Resolution
}

/// What a stub names, by the rules of SPEC.md, "Links and findings".
public enum Resolution: Hashable, Sendable {
    /// Another record: an edge.
    case record(Int)
    /// The record that lists it.
    case selfLink(Int)
    /// No record; the stub's first alias.
    case dangling(String)
    /// No valid http(s) URL at all.
    case malformed
    /// A target (record or dangling alias) this record already listed; the first stub that did.
    case duplicate(of: LinkRef)
}
