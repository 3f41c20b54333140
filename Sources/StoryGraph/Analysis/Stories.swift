import Foundation

/// Stories: each cluster split into the groups of articles that tell one
/// story, so that a few bridge links (a round-up, a "see also" to an older
/// story) no longer join unrelated stories.
///
/// `components` keeps each cluster whole; `louvain` and `leiden` run
/// `CommunityDetection` on `StoryWeights`' graph of the whole corpus (a
/// community never spans two clusters, since no edge joins them). Only
/// stories of two or more articles are listed. Ids are numbered from 1 in
/// cluster order, then by size (largest first), then by first member (path
/// order), so they are stable for a given input.
public struct Stories: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case components, louvain, leiden
    }

    public struct Story: Sendable, Equatable {
        public let id: Int
        public let cluster: Int
        /// Record indices, in path order.
        public let members: [Int]
        /// Its top title words, or failing that its most common topic, or its first title.
        public let label: String
        public var size: Int { members.count }
    }

    public let method: Method
    public let resolution: Double
    /// Stories of two or more articles, by id (`stories[k].id == k + 1`).
    public let stories: [Story]
    /// The story id of each record; 0 for a record in no story of two or more.
    public let storyOf: [Int]

    public init(_ graph: ArticleGraph, clustering: Clustering, method: Method, resolution: Double = 1) {
        self.method = method
        self.resolution = resolution
        let terms = TitleTerms(graph.records)
        let community: [Int]
        switch method {
        case .components:
            community = clustering.clusterOf
        case .louvain, .leiden:
            let detection = CommunityDetection(method: method == .louvain ? .louvain : .leiden, resolution: resolution)
            community = detection.communities(of: StoryWeights.graph(graph, terms: terms))
        }
        let groups = Self.groupsOfTwoOrMore(community).sorted { a, b in
            let (clusterA, clusterB) = (clustering.clusterOf[a[0]], clustering.clusterOf[b[0]])
            if clusterA != clusterB { return clusterA < clusterB }
            if a.count != b.count { return a.count > b.count }
            return a[0] < b[0]
        }
        var storyOf = [Int](repeating: 0, count: graph.nodeCount)
        stories = groups.enumerated().map { index, members in
            for member in members { storyOf[member] = index + 1 }
            return Story(id: index + 1, cluster: clustering.clusterOf[members[0]], members: members,
                         label: Self.label(members, graph, terms))
        }
        self.storyOf = storyOf
    }

    /// The members (in path order) of each community label that two or more
    /// records carry. Grouped through arrays indexed by label, not a
    /// dictionary, and singletons never get an array of their own.
    static func groupsOfTwoOrMore(_ community: [Int]) -> [[Int]] {
        let labelCount = (community.max() ?? -1) + 1
        var size = [Int](repeating: 0, count: labelCount)
        for label in community { size[label] += 1 }
        var slotOf = [Int](repeating: -1, count: labelCount)
        var groups: [[Int]] = []
        for (node, label) in community.enumerated() where size[label] > 1 {
            if slotOf[label] < 0 {
                slotOf[label] = groups.count
                groups.append([])
                groups[groups.count - 1].reserveCapacity(size[label])
            }
            groups[slotOf[label]].append(node)
        }
        return groups
    }

    /// Up to three title words that most members share and few other records
    /// carry (members × log(records / carriers)), each carried by two members
    /// or more; else the topic most members carry; else the first member's title.
    static func label(_ members: [Int], _ graph: ArticleGraph, _ terms: TitleTerms) -> String {
        var count: [Int: Int] = [:]
        for member in members {
            for term in terms.terms(of: member) { count[Int(term), default: 0] += 1 }
        }
        let recordCount = Double(max(1, graph.nodeCount))
        let shared = count.keys.filter { count[$0]! >= 2 }
        // Each candidate's score once, not once per comparison.
        let words = shared.filter { !terms.texts[$0].hasPrefix("#") }
            .map { term in (term: term, score: Double(count[term]!) * log(recordCount / Double(terms.documentFrequency[term]) + 1)) }
            .sorted { a, b in a.score != b.score ? a.score > b.score : terms.texts[a.term] < terms.texts[b.term] }
            .prefix(3)
        if !words.isEmpty { return words.map { terms.texts[$0.term] }.joined(separator: " ") }
        if let topic = shared.filter({ terms.texts[$0].hasPrefix("#") })
            .sorted(by: { count[$0]! != count[$1]! ? count[$0]! > count[$1]! : terms.texts[$0] < terms.texts[$1] }).first {
            return String(terms.texts[topic].dropFirst())
        }
        return graph.records[members[0]].title ?? graph.records[members[0]].file
    }
}
