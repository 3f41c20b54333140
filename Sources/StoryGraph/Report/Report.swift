import Foundation

/// The report of `storygraph analyze`: summary figures, the clusters of two
/// or more articles, the stories inside them (when asked for), and every
/// finding. Its JSON form is stable: keys sorted, same records → same bytes.
public struct Report: Codable, Sendable {
    public var summary: Summary
    /// Clusters of two or more records, largest first (singletons are counted in the summary).
    public var clusters: [ClusterReport]
    public var findings: FindingList
    /// Stories of two or more records, by id; nil (no key) when stories were not asked for.
    public var stories: [StoryReport]?

    /// - Parameter jobs: threads that describe the clusters and stories; the
    ///   report is the same whatever their number.
    public init(_ analysis: Analysis, jobs: Int = 1) {
        summary = analysis.summary
        var danglingBySource = [Int](repeating: 0, count: analysis.graph.nodeCount)
        for link in analysis.graph.links {
            if case .dangling = link.resolution { danglingBySource[link.ref.record] += 1 }
        }
        let graph = analysis.graph
        clusters = ParallelMap.map(analysis.clustering.clusters.filter { $0.size > 1 }, jobs: jobs) { [danglingBySource] in
            ClusterReport($0, graph, danglingBySource: danglingBySource)
        }
        findings = analysis.findings
        stories = analysis.stories.map { stories in ParallelMap.map(stories.stories, jobs: jobs) { StoryReport($0, graph) } }
    }

    /// Pretty-printed JSON with sorted keys and unescaped slashes, ending in a newline.
    public func jsonData() throws -> Data {
        var data = Data()
        try writeJSON { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `jsonData()`'s bytes in pieces of about a megabyte, so that a
    /// report of any size never sits in memory whole: the big arrays are
    /// encoded a block of elements at a time, the blocks of a batch on up to
    /// `jobs` threads, and written in order (the same bytes for any `jobs`).
    /// The bytes are those `JSONEncoder` gives with `.prettyPrinted`,
    /// `.sortedKeys` and `.withoutEscapingSlashes`.
    public func writeJSON(jobs: Int = 1, _ write: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var report = PrettyJSON.Object(depth: 0)
        /// The member `key`, its `count` items encoded a block at a time on up to `jobs` threads (`BlockStream`).
        func streamedArray(_ key: CodingKeys, count: Int, element: @Sendable (Int, inout [UInt8]) -> Void) throws {
            report.key(named: key.stringValue, into: &buffer)
            // A finding is about 640 bytes.
            try PrettyJSON.streamedArray(count: count, depth: 1, jobs: jobs, pending: &buffer, bytesPerItem: 768,
                                         element: element, write)
        }
        // Members in key order, as `.sortedKeys` puts them.
        report.key(named: CodingKeys.clusters.stringValue, into: &buffer)
        try writeClusters(jobs: jobs, pending: &buffer, write)
        let findings = self.findings
        try streamedArray(.findings, count: findings.count) { findings.writeJSON(at: $0, depth: 2, into: &$1) }
        if let stories { try streamedArray(.stories, count: stories.count) { stories[$0].writeJSON(depth: 2, into: &$1) } }
        report.key(named: CodingKeys.summary.stringValue, into: &buffer)
        try PrettyJSON.write(summary, depth: 1, into: &buffer)
        report.end(into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        try write(buffer)
    }

    /// A cluster of more members than this has its members streamed like
    /// the big arrays, not encoded as one item: the largest cluster of a
    /// million generated records (266,919 members) was one block of about
    /// 100 MB, and the report's peak.
    static let streamedMembers = 4096

    /// The `clusters` array, framed as `PrettyJSON.streamedArray` frames one:
    /// runs of clusters encoded a block at a time, and each large cluster on
    /// its own, its members streamed.
    private func writeClusters(jobs: Int, pending: inout [UInt8], _ write: ([UInt8]) throws -> Void) throws {
        let clusters = self.clusters
        pending.append(UInt8(ascii: "["))
        var start = 0
        while start < clusters.count {
            if clusters[start].members.count > Self.streamedMembers {
                PrettyJSON.startElement(start, depth: 1, into: &pending)
                var object = clusters[start].writeUpToMembers(depth: 2, into: &pending)
                let members = clusters[start].members
                try PrettyJSON.streamedArray(count: members.count, depth: 3, jobs: jobs, pending: &pending, bytesPerItem: 384,
                                             element: { members[$0].writeJSON(depth: 4, into: &$1) }, write)
                clusters[start].writeAfterMembers(&object, into: &pending)
                start += 1
                continue
            }
            var end = start + 1
            while end < clusters.count && clusters[end].members.count <= Self.streamedMembers { end += 1 }
            let first = start
            try BlockStream.write(count: end - first, jobs: jobs, pending: &pending, bytesPerItem: 768, encode: { index, out in
                PrettyJSON.startElement(first + index, depth: 1, into: &out)
                clusters[first + index].writeJSON(depth: 2, into: &out)
            }, write)
            start = end
        }
        PrettyJSON.endArray(count: clusters.count, depth: 1, into: &pending)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clusters, findings, stories, summary
    }
}

/// One story cluster as the report shows it.
public struct ClusterReport: Codable, Sendable, Equatable {
    public struct Member: Codable, Sendable, Equatable {
        public var file: String
        public var url: String?
        public var title: String?
    }

    public struct DateSpan: Codable, Sendable, Equatable {
        public var first: String
        public var last: String
    }

    /// A name and how many members carry it.
    public struct Tally: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    public var id: Int
    public var size: Int
    public var members: [Member]
    /// Edges between members (every edge of a member stays inside its cluster).
    public var edges: Int
    public var mutualPairs: Int
    public var asymmetric: Int
    /// Dangling references made by members.
    public var dangling: Int
    /// Earliest and latest `publishedDateTime` of the members, as written.
    public var dateSpan: DateSpan?
    /// Providers by number of members, most first, then by name.
    public var providers: [Tally]
    /// Topics by number of members, most first, then by name.
    public var topics: [Tally]

    enum CodingKeys: String, CodingKey {
        case id, size, members, edges, asymmetric, dangling, providers, topics
        case mutualPairs = "mutual_pairs"
        case dateSpan = "date_span"
    }

    init(_ cluster: Clustering.Cluster, _ graph: ArticleGraph, danglingBySource: [Int]) {
        id = cluster.id
        size = cluster.size
        // Fields read through the array: a copy of each record retained and released every field it has.
        members = cluster.members.map { index in
            Member(file: graph.records[index].file, url: graph.records[index].urls.display, title: graph.records[index].title)
        }
        var edges = 0, asymmetric = 0, dangling = 0
        for member in cluster.members {
            dangling += danglingBySource[member]
            for target in graph.successors(of: member) {
                edges += 1
                if !graph.hasEdge(from: target, to: member) { asymmetric += 1 }
            }
        }
        self.edges = edges
        self.asymmetric = asymmetric
        self.mutualPairs = (edges - asymmetric) / 2
        self.dangling = dangling
        dateSpan = graph.dateSpan(of: cluster.members).map { DateSpan(first: $0.first, last: $0.last) }
        providers = Self.tally(cluster.members.compactMap { graph.records[$0].provider?.name })
        // Each member's topics counted once: a record that lists a topic twice is one member with it.
        var topics: [String] = []
        for member in cluster.members {
            let own = graph.records[member].topics
            for index in own.indices where !own[..<index].contains(own[index]) { topics.append(own[index]) }
        }
        self.topics = Self.tally(topics)
    }

    /// Each distinct name with its count, most first, then by name. Counted
    /// on the sorted names, where equal ones sit side by side: most clusters
    /// have two or three members, and a dictionary per cluster cost more than
    /// the counting (a million records make hundreds of thousands of clusters).
    static func tally(_ names: [String]) -> [Tally] {
        let sorted = names.sorted()
        var tallies: [Tally] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
            tallies.append(Tally(name: sorted[start], count: end - start))
            start = end
        }
        return tallies.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}

/// One story as the report shows it.
public struct StoryReport: Codable, Sendable, Equatable {
    public struct Member: Codable, Sendable, Equatable {
        public var file: String
        public var url: String?
    }

    public var id: Int
    /// The id of the cluster the story is part of.
    public var cluster: Int
    public var size: Int
    /// Its top title words, or its most common topic, or its first title.
    public var label: String
    public var members: [Member]
    /// Earliest and latest `publishedDateTime` of the members, as written.
    public var dateSpan: ClusterReport.DateSpan?
    /// Providers by number of members, most first, then by name.
    public var providers: [ClusterReport.Tally]

    enum CodingKeys: String, CodingKey {
        case id, cluster, size, label, members, providers
        case dateSpan = "date_span"
    }

    init(_ story: Stories.Story, _ graph: ArticleGraph) {
        id = story.id
        cluster = story.cluster
        size = story.size
        label = story.label
        members = story.members.map { Member(file: graph.records[$0].file, url: graph.records[$0].urls.display) }
        dateSpan = graph.dateSpan(of: story.members).map { ClusterReport.DateSpan(first: $0.first, last: $0.last) }
        providers = ClusterReport.tally(story.members.compactMap { graph.records[$0].provider?.name })
    }
}
