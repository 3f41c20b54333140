/// The figures of a run, each counted as SPEC.md says ("The summary").
///
/// The first eleven keys are the contract shared with gen_corpus.py's
/// truth.json and peer_networkx.py; the others count the remaining findings.
public struct Summary: Codable, Sendable, Equatable {
    /// Records loaded (duplicates included).
    public var records: Int
    /// Stubs read: every entry of every `related` list.
    public var links: Int
    /// Distinct resolved links A→B with A ≠ B.
    public var edges: Int
    /// Pairs {A, B} with both A→B and B→A.
    public var mutualPairs: Int
    /// Edges whose reverse is absent.
    public var asymmetric: Int
    /// Distinct (source record, first alias) of stubs that name no record.
    public var dangling: Int
    public var selfLinks: Int
    public var duplicateLinks: Int
    /// Weakly connected components, singletons included.
    public var components: Int
    public var largestComponent: Int
    public var singletons: Int
    public var malformed: Int
    public var duplicateRecords: Int
    public var staleTitles: Int
    public var staleDates: Int
    public var unpublishedTargets: Int
    /// Files that are not usable records.
    public var unreadable: Int
    /// Files with no front matter, passed over.
    public var skipped: Int

    enum CodingKeys: String, CodingKey {
        case records, links, edges, asymmetric, dangling, components, singletons, malformed, unreadable, skipped
        case mutualPairs = "mutual_pairs"
        case selfLinks = "self_links"
        case duplicateLinks = "duplicate_links"
        case largestComponent = "largest_component"
        case duplicateRecords = "duplicate_records"
        case staleTitles = "stale_titles"
        case staleDates = "stale_dates"
        case unpublishedTargets = "unpublished_targets"
    }

    /// The keys SPEC.md defines, which every tool must report alike.
    public static let contractKeys = ["records", "links", "edges", "mutual_pairs", "asymmetric", "dangling",
                                      "self_links", "duplicate_links", "components", "largest_component", "singletons"]

    init(graph: ArticleGraph, clustering: Clustering, findings: FindingList) {
        let kinds = FindingKind.allCases
        var tally = [Int](repeating: 0, count: kinds.count)
        for finding in findings.indices { tally[kinds.firstIndex(of: findings.kind(at: finding))!] += 1 }
        func count(_ kind: FindingKind) -> Int { tally[kinds.firstIndex(of: kind)!] }
        records = graph.nodeCount
        links = graph.links.count
        edges = graph.edges.count
        asymmetric = count(.asymmetric)
        mutualPairs = (edges - asymmetric) / 2
        dangling = count(.dangling)
        selfLinks = count(.selfLink)
        duplicateLinks = count(.duplicateLink)
        components = clustering.clusters.count
        largestComponent = clustering.clusters.first?.size ?? 0
        singletons = clustering.clusters.reduce(0) { $0 + ($1.size == 1 ? 1 : 0) }
        malformed = count(.malformed)
        duplicateRecords = count(.duplicateRecord)
        staleTitles = count(.staleTitle)
        staleDates = count(.staleDate)
        unpublishedTargets = count(.unpublishedTarget)
        unreadable = count(.unreadable)
        skipped = count(.skipped)
    }
}
