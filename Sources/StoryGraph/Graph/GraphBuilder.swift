/// Builds an `ArticleGraph` from records: canonicalises every URL, gives each
/// alias to the first record (in path order) that has it, and resolves every
/// stub against those aliases.
public enum GraphBuilder {
    /// - Parameter jobs: threads that canonicalise URLs and resolve stubs; the
    ///   graph is the same whatever their number.
    public static func build(_ records: [Record], jobs: Int = 1) -> ArticleGraph {
        let aliases = ParallelMap.map(records, jobs: jobs) { URLCanonicalizer.aliases($0.urls) }
        var owner: [AliasKey: Int] = [:]
        owner.reserveCapacity(aliases.reduce(0) { $0 + $1.count })
        var duplicateOf: [Int: (alias: String, owner: Int)] = [:]
        for (index, recordAliases) in aliases.enumerated() {
            for alias in recordAliases {
                if let first = owner[AliasKey(alias)] {
                    if first != index && duplicateOf[index] == nil { duplicateOf[index] = (alias, first) }
                } else {
                    owner[AliasKey(alias)] = index
                }
            }
        }

        // Once every alias has its owner, each record's stubs resolve on their own:
        // the owner table is only read from here on.
        let resolved = ParallelMap.map(Array(records.indices), jobs: jobs) { [owner] source in
            resolveStubs(of: source, records[source], owner: owner)
        }
        var links: [Link] = []
        var edges: [Edge] = []
        links.reserveCapacity(resolved.reduce(0) { $0 + $1.links.count })
        edges.reserveCapacity(resolved.reduce(0) { $0 + $1.edges.count })
        for part in resolved {
            links += part.links
            edges += part.edges
        }
        edges.sort()
        return ArticleGraph(records: records, aliases: aliases, aliasOwner: owner, links: links,
                            edges: edges, duplicateOf: duplicateOf)
    }

    /// How each stub of one record resolves, and the edges they make.
    private static func resolveStubs(of source: Int, _ record: Record, owner: [AliasKey: Int]) -> (links: [Link], edges: [Edge]) {
        var links: [Link] = []
        var edges: [Edge] = []
        links.reserveCapacity(record.related.count)
        // Targets already listed by this record: a record index, or a dangling alias.
        var listed: [Target: LinkRef] = [:]
        for (stubIndex, stub) in record.related.enumerated() {
            let ref = LinkRef(record: source, stub: stubIndex)
            let stubAliases = stub.isMapping ? URLCanonicalizer.aliases(stub.urls) : []
            guard let firstAlias = stubAliases.first else {
                links.append(Link(ref: ref, resolution: .malformed))
                continue
            }
            let resolved = stubAliases.lazy.compactMap { owner[AliasKey($0)] }.first
            let target: Target = resolved.map(Target.record) ?? .url(AliasKey(firstAlias))
            if let first = listed[target] {
                links.append(Link(ref: ref, resolution: .duplicate(of: first)))
                continue
            }
            listed[target] = ref
            switch resolved {
            case nil:
                links.append(Link(ref: ref, resolution: .dangling(firstAlias)))
            case source?:
                links.append(Link(ref: ref, resolution: .selfLink(source)))
            case let other?:
                links.append(Link(ref: ref, resolution: .record(other)))
                edges.append(Edge(source: source, target: other, stub: ref))
            }
        }
        return (links, edges)
    }

    private enum Target: Hashable {
        case record(Int)
        case url(AliasKey)
    }
}
