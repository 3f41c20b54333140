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
        self.init(graph, clustering: clustering, Self.communities(graph, method: method, resolution: resolution))
    }

    /// What the stories are found from before the clusters are known: each
    /// record's community, and the title terms the labels are made of.
    /// `Analysis` finds them beside the clusters and the findings, not after.
    struct Communities: Sendable {
        let method: Method
        let resolution: Double
        let terms: TitleTerms
        /// A community per record; nil for `components` (the clusters are the communities).
        let community: [Int]?
    }

    static func communities(_ graph: ArticleGraph, method: Method, resolution: Double) -> Communities {
        let terms = TitleTerms(graph.records)
        switch method {
        case .components:
            return Communities(method: method, resolution: resolution, terms: terms, community: nil)
        case .louvain, .leiden:
            let detection = CommunityDetection(method: method == .louvain ? .louvain : .leiden, resolution: resolution)
            let community = detection.communities(of: StoryWeights.graph(graph, terms: terms))
            return Communities(method: method, resolution: resolution, terms: terms, community: community)
        }
    }

    /// The stories of `found` in the clusters of `clustering`, labelled on up
    /// to `jobs` threads (the labels are the same whatever their number).
    init(_ graph: ArticleGraph, clustering: Clustering, _ found: Communities, jobs: Int = 1) {
        method = found.method
        resolution = found.resolution
        let terms = found.terms
        let groups = Self.groupsOfTwoOrMore(found.community ?? clustering.clusterOf).sorted { a, b in
            let (clusterA, clusterB) = (clustering.clusterOf[a[0]], clustering.clusterOf[b[0]])
            if clusterA != clusterB { return clusterA < clusterB }
            if a.count != b.count { return a.count > b.count }
            return a[0] < b[0]
        }
        var storyOf = [Int](repeating: 0, count: graph.nodeCount)
        for (index, members) in groups.enumerated() {
            for member in members { storyOf[member] = index + 1 }
        }
        // Each thread counts terms in its own table; a story's label depends on its members alone.
        let labels = ParallelMap.map(Array(groups.indices), jobs: jobs, state: { TermCounts(termCount: terms.texts.count) }) {
            counts, index in Self.label(groups[index], graph, terms, &counts)
        }
        stories = groups.indices.map { index in
            Story(id: index + 1, cluster: clustering.clusterOf[groups[index][0]], members: groups[index], label: labels[index])
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
    static func label(_ members: [Int], _ graph: ArticleGraph, _ terms: TitleTerms, _ counts: inout TermCounts) -> String {
        for member in members {
            for term in terms.terms(of: member) { counts.add(Int(term)) }
        }
        // Candidates in the order first met: the sorts below are total orders, so that order never shows.
        let shared = counts.touched.compactMap { term in counts.count[term] >= 2 ? (term: term, count: counts.count[term]) : nil }
        counts.reset()
        let recordCount = Double(max(1, graph.nodeCount))
        // Each candidate's score once, not once per comparison.
        let words = shared.filter { !terms.texts[$0.term].hasPrefix("#") }
            .map { (term: $0.term, score: Double($0.count) * log(recordCount / Double(terms.documentFrequency[$0.term]) + 1)) }
            .sorted { a, b in a.score != b.score ? a.score > b.score : terms.texts[a.term] < terms.texts[b.term] }
            .prefix(3)
        if !words.isEmpty { return words.map { terms.texts[$0.term] }.joined(separator: " ") }
        if let topic = shared.filter({ terms.texts[$0.term].hasPrefix("#") })
            .sorted(by: { a, b in a.count != b.count ? a.count > b.count : terms.texts[a.term] < terms.texts[b.term] }).first {
            return String(terms.texts[topic.term].dropFirst())
        }
        return graph.records[members[0]].title ?? graph.records[members[0]].file
    }

    /// How many members carry each term, in an array indexed by term id that
    /// every story's label reuses, not a dictionary per story: only the terms
    /// `touched` are set back to zero.
    struct TermCounts {
        private(set) var count: [Int]
        private(set) var touched: [Int] = []

        init(termCount: Int) { count = [Int](repeating: 0, count: termCount) }

        mutating func add(_ term: Int) {
            if count[term] == 0 { touched.append(term) }
            count[term] += 1
        }

        mutating func reset() {
            for term in touched { count[term] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
    }
}
