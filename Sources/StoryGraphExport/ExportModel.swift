import StoryGraph

/// The graph as every export format writes it, built once from an `Analysis`
/// so that node-link JSON, GraphML, CSV and SQLite agree node for node.
///
/// - `articles`: one node per record, in path order (duplicates included);
/// - `danglingTargets`: one node per distinct URL that dangling stubs name
///   (the stub's first canonical alias), in the order stubs first name them;
/// - `edges`: one per resolved edge A→B (`summary.edges`) and one per dangling
///   reference A→URL (`summary.dangling`), in stub order;
/// - `clusters`: every cluster, singletons included; `stories`: the stories
///   `analyze` reports (none when stories are off), each article naming its own.
///
/// Node ids are described on `NodeIDs`.
public struct ExportModel: Sendable {
    public let articles: [ArticleNode]
    public let danglingTargets: [DanglingNode]
    public let edges: [ExportEdge]
    public let clusters: [ClusterRow]
    public let stories: [StoryRow]
    public let analysis: Analysis

    public init(_ analysis: Analysis) {
        self.analysis = analysis
        let graph = analysis.graph
        let ids = NodeIDs(graph)

        var danglingIndex: [AliasKey: Int] = [:]
        var dangling: [DanglingNode] = []
        var danglingOut = [Int](repeating: 0, count: graph.nodeCount)
        var edges: [ExportEdge] = []
        edges.reserveCapacity(graph.links.count)
        for link in graph.links {
            let source = graph.records[link.ref.record]
            let stub = source.related[link.ref.stub]
            let target: String
            let kind: NodeKind
            var mutual = false
            switch link.resolution {
            case .record(let other):
                target = ids.article(other)
                kind = .article
                mutual = graph.hasEdge(from: other, to: link.ref.record)
            case .dangling(let alias):
                let index: Int
                if let known = danglingIndex[AliasKey(alias)] {
                    index = known
                } else {
                    index = dangling.count
                    danglingIndex[AliasKey(alias)] = index
                    dangling.append(DanglingNode(id: ids.dangling(alias), alias: alias, url: stub.displayURL,
                                                 title: stub.title, provider: stub.provider?.name,
                                                 date: stub.publishedDateTime, inDegree: 0))
                }
                dangling[index].inDegree += 1
                danglingOut[link.ref.record] += 1
                target = dangling[index].id
                kind = .dangling
            case .selfLink, .malformed, .duplicate:
                continue
            }
            edges.append(ExportEdge(source: ids.article(link.ref.record), target: target, kind: kind, mutual: mutual,
                                    file: source.file, line: stub.line, column: stub.column, stub: link.ref))
        }

        articles = graph.records.indices.map { index in
            let record = graph.records[index]
            let successors = graph.successors(of: index).count
            return ArticleNode(
                record: index, id: ids.article(index), title: record.title, url: record.urls.display,
                aliases: graph.aliases[index], file: record.file, line: record.line,
                provider: record.provider?.name, published: record.published, date: record.publishedDateTime,
                quality: record.quality.flatMap(Self.finite), heat: record.heat.flatMap(Self.finite),
                topics: record.topics, cluster: analysis.clustering.clusterOf[index],
                story: analysis.stories.flatMap { $0.storyOf[index] > 0 ? $0.storyOf[index] : nil },
                inDegree: graph.predecessors(of: index).count,
                outDegree: successors + danglingOut[index], danglingOut: danglingOut[index])
        }
        danglingTargets = dangling
        self.edges = edges
        clusters = analysis.clustering.clusters.map { ClusterRow($0, graph, danglingOut: danglingOut) }
        stories = analysis.stories?.stories.map { StoryRow($0, graph) } ?? []
    }

    /// JSON, GraphML and SQLite have no infinity or NaN that every reader takes: such a value counts as missing.
    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}

public enum NodeKind: String, Sendable {
    case article
    case dangling
}

/// One record as a node.
public struct ArticleNode: Sendable, Equatable {
    /// Index of the record in path order.
    public let record: Int
    public let id: String
    public let title: String?
    /// The URL to show: `webUrl`, or the first URL present (originalUrl, ampWebUrl, ...).
    public let url: String?
    /// Canonical aliases, in alias order.
    public let aliases: [String]
    public let file: String
    public let line: Int
    /// The provider's name.
    public let provider: String?
    public let published: Bool?
    /// `publishedDateTime` as written.
    public let date: String?
    public let quality: Double?
    public let heat: Double?
    public let topics: [String]
    /// Cluster id (1 is the largest; singletons have their own id).
    public let cluster: Int
    /// Story id (`StoryRow`); nil for an article in no story of two or more, and when stories are off.
    public let story: Int?
    /// Edges in from other records.
    public let inDegree: Int
    /// Edges out: to other records plus to dangling targets.
    public let outDegree: Int
    /// Edges out to dangling targets (the record's dangling references).
    public let danglingOut: Int
}

/// A URL that stubs name but no record owns; title, URL, provider and date
/// are those of the first stub that names it.
public struct DanglingNode: Sendable, Equatable {
    public let id: String
    /// The canonical alias all its stubs share.
    public let alias: String
    /// The first stub's URL as written.
    public let url: String?
    public let title: String?
    public let provider: String?
    public let date: String?
    /// Records that name it (each once: repeats are duplicate links).
    public internal(set) var inDegree: Int
}

/// A resolved edge between records, or a dangling reference.
public struct ExportEdge: Sendable, Equatable {
    public let source: String
    public let target: String
    /// The target's kind: `.article` for A→B, `.dangling` for a dangling reference.
    public let kind: NodeKind
    /// True when B also links to A (always false for a dangling reference).
    public let mutual: Bool
    /// Where the stub that made the edge is: the source record's file, the stub's line and column.
    public let file: String
    public let line: Int
    public let column: Int
    public let stub: LinkRef
}

/// One cluster (singletons included) with its figures.
public struct ClusterRow: Sendable, Equatable {
    public let id: Int
    public let size: Int
    /// Edges between members.
    public let edges: Int
    public let mutualPairs: Int
    public let asymmetric: Int
    /// Dangling references made by members.
    public let dangling: Int
    public let firstDate: String?
    public let lastDate: String?
    /// The first member's title (its file when it has none), as the text report names a cluster.
    public let title: String
    /// Record indices, in path order.
    public let members: [Int]

    init(_ cluster: Clustering.Cluster, _ graph: ArticleGraph, danglingOut: [Int]) {
        var edges = 0, asymmetric = 0, dangling = 0
        for member in cluster.members {
            dangling += danglingOut[member]
            for target in graph.successors(of: member) {
                edges += 1
                if !graph.hasEdge(from: target, to: member) { asymmetric += 1 }
            }
        }
        id = cluster.id
        size = cluster.size
        self.edges = edges
        self.asymmetric = asymmetric
        mutualPairs = (edges - asymmetric) / 2
        self.dangling = dangling
        let span = graph.dateSpan(of: cluster.members)
        firstDate = span?.first
        lastDate = span?.last
        let first = graph.records[cluster.members[0]]
        title = first.title ?? first.file
        members = cluster.members
    }
}

/// One story of two or more articles, as `analyze` reports it (`Stories`).
public struct StoryRow: Sendable, Equatable {
    /// 1, 2, ... in cluster order, then largest first (`Stories`).
    public let id: Int
    public let cluster: Int
    public let size: Int
    /// Its top title words, or failing that its most common topic, or its first title.
    public let label: String
    public let firstDate: String?
    public let lastDate: String?
    /// Record indices, in path order.
    public let members: [Int]

    init(_ story: Stories.Story, _ graph: ArticleGraph) {
        id = story.id
        cluster = story.cluster
        size = story.size
        label = story.label
        let span = graph.dateSpan(of: story.members)
        firstDate = span?.first
        lastDate = span?.last
        members = story.members
    }
}
