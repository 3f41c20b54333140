/// Builds an `ArticleGraph` from records: canonicalises every URL, gives each
/// alias to the first record (in path order) that has it, and resolves every
/// stub against those aliases.
public enum GraphBuilder {
    /// - Parameter jobs: threads that canonicalise URLs and resolve stubs; the
    ///   graph is the same whatever their number.
    public static func build(_ records: [Record], jobs: Int = 1) -> ArticleGraph {
        let (aliases, duplicateOf) = AliasTable.build(records, jobs: jobs)

        // Once every alias has its owner, each record's stubs resolve on their own:
        // the owner table is only read from here on. Records go in runs, so that
        // a run's links and edges are two arrays, not two per record.
        let runLength = 4096
        let runs = ParallelMap.map(Array(stride(from: 0, to: records.count, by: runLength)), jobs: jobs) { start in
            var part = (links: [Link](), edges: [Edge]())
            for source in start..<min(start + runLength, records.count) {
                resolveStubs(of: source, records[source].related, aliases: aliases, into: &part)
            }
            return part
        }
        var links: [Link] = []
        var edges: [Edge] = []
        links.reserveCapacity(runs.reduce(0) { $0 + $1.links.count })
        edges.reserveCapacity(runs.reduce(0) { $0 + $1.edges.count })
        for part in runs {
            links += part.links
            edges += part.edges
        }
        edges.sort()
        return ArticleGraph(records: records, aliases: aliases, links: links,
                            edges: edges, duplicateOf: duplicateOf)
    }

    /// How each stub of one record resolves, and the edges they make, appended to `part`.
    private static func resolveStubs(of source: Int, _ related: [Stub], aliases: AliasTable,
                                     into part: inout (links: [Link], edges: [Edge])) {
        // Targets already listed by this record: a record index, or a dangling alias.
        // A record lists a few: a linear search beats hashing until it lists many.
        var listed: [(target: Target, first: LinkRef)] = []
        var listedIndex: [Target: LinkRef] = [:]
        func firstListing(of target: Target) -> LinkRef? {
            listed.count <= 32 ? listed.first(where: { $0.target == target })?.first : listedIndex[target]
        }
        for stubIndex in related.indices {
            let ref = LinkRef(record: source, stub: stubIndex)
            let stubAliases = related[stubIndex].isMapping ? URLCanonicalizer.aliases(of: related[stubIndex]) : []
            guard let firstAlias = stubAliases.first else {
                part.links.append(Link(ref: ref, resolution: .malformed))
                continue
            }
            // A loop, not `lazy.compactMap`: a closure would copy the table (seven arrays) for every stub.
            var resolved: Int?
            for alias in stubAliases where resolved == nil { resolved = aliases.owner(of: alias) }
            let target: Target = resolved.map(Target.record) ?? .url(AliasKey(firstAlias))
            if let first = firstListing(of: target) {
                part.links.append(Link(ref: ref, resolution: .duplicate(of: first)))
                continue
            }
            listed.append((target, ref))
            if listed.count > 32 {
                if listedIndex.isEmpty { listedIndex = Dictionary(listed.map { ($0.target, $0.first) }, uniquingKeysWith: { a, _ in a }) }
                listedIndex[target] = ref
            }
            switch resolved {
            case nil:
                part.links.append(Link(ref: ref, resolution: .dangling(firstAlias)))
            case source?:
                part.links.append(Link(ref: ref, resolution: .selfLink(source)))
            case let other?:
                part.links.append(Link(ref: ref, resolution: .record(other)))
                part.edges.append(Edge(source: source, target: other, stub: ref))
            }
        }
    }

    private enum Target: Hashable {
        case record(Int)
        case url(AliasKey)
    }
}
