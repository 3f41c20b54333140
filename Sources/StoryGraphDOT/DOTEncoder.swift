import StoryGraph

/// Writes an analysed corpus as a Graphviz DOT digraph.
///
/// One `subgraph cluster_N` per story cluster of two or more articles,
/// labelled with its id, size and dates; articles as boxes labelled with their
/// wrapped title, with provider and date as tooltip and the article as link;
/// mutual links as one solid edge with arrows both ways, one-way links
/// dashed; dangling targets as ghost nodes (dashed red outline, the stub's
/// title); a small legend. A cluster that the analysis split into several
/// stories holds one `subgraph cluster_N_K` per story, labelled with the
/// story's id, size and label. Same analysis → same bytes.
public struct DOTEncoder: Sendable {
    public struct Options: Sendable {
        /// Draw only this cluster (and the ghosts of its dangling links); nil draws everything.
        public var cluster: Int?
        /// Add the legend.
        public var legend: Bool

        public init(cluster: Int? = nil, legend: Bool = true) {
            self.cluster = cluster
            self.legend = legend
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func encode(_ analysis: Analysis) -> String {
        let graph = analysis.graph
        let clusters = options.cluster.map { id in analysis.clustering.cluster(id: id).map { [$0] } ?? [] }
            ?? analysis.clustering.clusters
        let drawn = Set(clusters.flatMap(\.members))
        let ghosts = Ghosts(graph, sources: drawn)
        // A ghost is drawn inside the cluster of its first source.
        let ghostsByCluster = Dictionary(grouping: ghosts.all) { analysis.clustering.clusterOf[$0.sources[0]] }

        var out = "digraph storygraph {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\(DOTText.quoted(caption(analysis, clusters)))];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6fa\", color=\"#5b6b7f\", fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [color=\"#4a5568\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=8];\n"
        for cluster in clusters {
            let ghostsHere = ghostsByCluster[cluster.id] ?? []
            if cluster.size > 1 {
                out += "  subgraph cluster_\(cluster.id) {\n"
                out += "    label=\(DOTText.quoted(clusterLabel(cluster, graph))); style=\"rounded\"; color=\"#9aa5b1\"; fontsize=10;\n"
                out += members(of: cluster, analysis)
                for ghost in ghostsHere { out += "    " + ghostNode(ghost) }
                out += "  }\n"
            } else {
                for member in cluster.members { out += "  " + node(member, graph) }
                for ghost in ghostsHere { out += "  " + ghostNode(ghost) }
            }
        }
        for edge in graph.edges where drawn.contains(edge.source) {
            let mutual = graph.hasEdge(from: edge.target, to: edge.source)
            if mutual {
                // One edge per mutual pair, drawn from the lower id.
                if edge.source < edge.target { out += "  r\(edge.source) -> r\(edge.target) [dir=both];\n" }
            } else {
                out += "  r\(edge.source) -> r\(edge.target) [style=dashed];\n"
            }
        }
        for ghost in ghosts.all {
            for source in ghost.sources {
                out += "  r\(source) -> d\(ghost.id) [style=dashed, color=\"#c53030\"];\n"
            }
        }
        if options.legend { out += Self.legend }
        out += "}\n"
        return out
    }

    /// The cluster's article nodes; inside a story box each when the cluster holds more than one story.
    private func members(of cluster: Clustering.Cluster, _ analysis: Analysis) -> String {
        let graph = analysis.graph
        guard let stories = analysis.stories,
              Set(cluster.members.map { stories.storyOf[$0] }).count > 1 else {
            return cluster.members.map { "    " + node($0, graph) }.joined()
        }
        var out = ""
        var byStory: [Int: [Int]] = [:]
        for member in cluster.members { byStory[stories.storyOf[member], default: []].append(member) }
        for id in byStory.keys.sorted() {
            guard id > 0 else { continue }
            let story = stories.stories[id - 1]
            out += "    subgraph cluster_\(cluster.id)_\(id) {\n"
            let label = "Story \(id) · \(story.size) articles · \(story.label)"
            out += "      label=\(DOTText.quoted(label)); style=\"rounded,dashed\"; color=\"#b7c2cf\"; fontsize=9;\n"
            for member in story.members { out += "      " + node(member, graph) }
            out += "    }\n"
        }
        // Members that no story of two or more holds stay in the cluster's box.
        for member in byStory[0] ?? [] { out += "    " + node(member, graph) }
        return out
    }

    private func caption(_ analysis: Analysis, _ clusters: [Clustering.Cluster]) -> String {
        let s = analysis.summary
        if let id = options.cluster {
            let size = clusters.first?.size ?? 0
            return "Cluster \(id): \(size) article\(size == 1 ? "" : "s")"
        }
        return "\(s.records) articles · \(s.edges) links · \(s.mutualPairs) mutual · \(s.asymmetric) one-way · \(s.dangling) dangling"
    }

    private func clusterLabel(_ cluster: Clustering.Cluster, _ graph: ArticleGraph) -> String {
        var label = "Cluster \(cluster.id) · \(cluster.size) articles"
        if let span = graph.dateSpan(of: cluster.members) {
            let (first, last) = (span.first.prefix(10), span.last.prefix(10))
            label += first == last ? " · \(first)" : " · \(first) – \(last)"
        }
        return label
    }

    private func node(_ index: Int, _ graph: ArticleGraph) -> String {
        let record = graph.records[index]
        var attributes = ["label=" + DOTText.wrapped(record.title ?? record.file)]
        let tooltip = [record.provider?.name, record.publishedDateTime.map(Self.minutes)]
            .compactMap { $0 }.joined(separator: " · ")
        attributes.append("tooltip=" + DOTText.quoted(tooltip.isEmpty ? record.file : tooltip))
        if let url = record.urls.inAliasOrder.lazy.compactMap(DOTText.link).first { attributes.append("URL=" + url) }
        if record.published == false { attributes.append("fillcolor=\"#e2e8f0\", fontcolor=\"#4a5568\"") }
        return "r\(index) [\(attributes.joined(separator: ", "))];\n"
    }

    private func ghostNode(_ ghost: Ghosts.Ghost) -> String {
        var attributes = ["label=" + DOTText.wrapped(ghost.title ?? ghost.alias),
                          "tooltip=" + DOTText.quoted("dangling: " + ghost.alias),
                          "style=\"rounded,dashed\"", "color=\"#c53030\"", "fontcolor=\"#9b2c2c\""]
        if let url = DOTText.link(ghost.url) { attributes.append("URL=" + url) }
        return "d\(ghost.id) [\(attributes.joined(separator: ", "))];\n"
    }

    /// `2024-02-27T10:27:00Z` as `2024-02-27 10:27`, for a tooltip.
    static func minutes(_ dateTime: String) -> String {
        let text = dateTime.prefix(16)
        return text.count > 10 ? text.prefix(10) + " " + text.dropFirst(11) : String(text)
    }

    static let legend = """
      subgraph cluster_legend {
        label="Legend · grey box: unpublished · red dashed box: missing article"; style="rounded,dashed"; color="#cbd5e0"; fontsize=9;
        node [shape=point, style=filled, fillcolor="#4a5568", color="#4a5568", width=0.06, label=""];
        legend_m1 -> legend_m2 [dir=both, label="mutual"];
        legend_o1 -> legend_o2 [style=dashed, label="one-way"];
        legend_d1 -> legend_d2 [style=dashed, color="#c53030", label="dangling"];
      }

    """
}

/// The dangling targets to draw: one ghost node per distinct dangling alias,
/// with every drawn record that links to it.
struct Ghosts {
    struct Ghost {
        let id: Int
        let alias: String
        /// The first stub's title and URL, to label and link the ghost.
        let title: String?
        let url: String?
        var sources: [Int]
    }

    let all: [Ghost]

    init(_ graph: ArticleGraph, sources drawn: Set<Int>) {
        var byAlias: [AliasKey: Int] = [:]
        var ghosts: [Ghost] = []
        for link in graph.links where drawn.contains(link.ref.record) {
            guard case .dangling(let alias) = link.resolution else { continue }
            if let index = byAlias[AliasKey(alias)] {
                ghosts[index].sources.append(link.ref.record)
            } else {
                let stub = graph.records[link.ref.record].related[link.ref.stub]
                byAlias[AliasKey(alias)] = ghosts.count
                ghosts.append(Ghost(id: ghosts.count, alias: alias, title: stub.title, url: stub.urls.display,
                                    sources: [link.ref.record]))
            }
        }
        all = ghosts
    }
}

