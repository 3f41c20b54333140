import StoryGraph

/// Writes an analysed corpus, one cluster of it, or a chosen set of its
/// articles as a Graphviz DOT digraph.
///
/// One `subgraph cluster_N` per story cluster of two or more articles,
/// labelled with its id, size and dates; articles as boxes labelled with their
/// wrapped title over their date and provider, filled by provider or topic
/// (`colorBy`) and sized by degree or heat (`sizeBy`), with title, provider,
/// date and excerpt as tooltip and the article as link; mutual links as one
/// solid edge with arrows both ways, one-way links dashed; dangling targets as
/// ghost nodes (dashed red outline, the stub's title); a legend with the
/// colour key. With `timeline`, the articles of a cluster stand in one column
/// per day (or month, or year), so a story reads left to right. Without it, a
/// cluster that the analysis split into several stories holds one
/// `subgraph cluster_N_K` per story, labelled with the story's id, size and
/// label. Same analysis and options → same bytes.
public struct DOTEncoder: Sendable {
    public struct Options: Sendable {
        /// Draw only this cluster (and the ghosts of its dangling links); nil draws everything.
        public var cluster: Int?
        /// Draw only these records (and the ghosts of their dangling links); wins over `cluster`.
        public var records: Set<Int>?
        /// The article drawn with a thick outline (where `render --around` starts).
        public var focus: Int?
        /// The caption over the diagram; nil: figures of what is drawn.
        public var caption: String?
        /// Add the legend.
        public var legend: Bool
        public var colorBy: ColorBy
        public var sizeBy: SizeBy
        /// Columns by date inside each cluster; for the `dot` layout.
        public var timeline: Bool
        /// Ghosts drawn per cluster, the most linked first; the others are counted in one node.
        public var maxGhosts: Int
        /// Lay out each connected part apart and pack them (`pack=true`); for the force-directed layouts.
        public var pack: Bool

        public init(cluster: Int? = nil, records: Set<Int>? = nil, focus: Int? = nil, caption: String? = nil,
                    legend: Bool = true, colorBy: ColorBy = .provider, sizeBy: SizeBy = .degree, timeline: Bool = false,
                    pack: Bool = false, maxGhosts: Int = 20) {
            self.cluster = cluster
            self.records = records
            self.focus = focus
            self.caption = caption
            self.legend = legend
            self.colorBy = colorBy
            self.sizeBy = sizeBy
            self.timeline = timeline
            self.pack = pack
            self.maxGhosts = maxGhosts
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func encode(_ analysis: Analysis) -> String {
        encode(DiagramIndex(analysis))
    }

    /// As `encode(_: Analysis)`, reusing `index` (build it once to draw many clusters).
    public func encode(_ index: DiagramIndex) -> String {
        let analysis = index.analysis
        let graph = analysis.graph
        let clusters = drawnClusters(analysis)
        let drawn = clusters.flatMap(\.members).sorted()
        // A ghost is drawn inside the cluster of its first source; past `maxGhosts` in a cluster,
        // the least linked ones become one "N more missing articles" node.
        let ghosts = Ghosts(index, drawn: drawn).capped(options.maxGhosts) { analysis.clustering.clusterOf[$0] }
        let ghostsByCluster = Dictionary(grouping: ghosts.shown) { analysis.clustering.clusterOf[$0.sources[0]] }
        let names = ColorNames.names(drawn, graph, by: options.colorBy)
        // Unpublished articles are grey whatever their name, so the colour key does not count them.
        let palette = Palette(zip(drawn, names).filter { graph.records[$0.0].published != false }.map(\.1))
        let nameOf = Dictionary(uniqueKeysWithValues: zip(drawn, names))

        var out = "digraph storygraph {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\(DOTText.quoted(options.caption ?? caption(analysis, drawn))), tooltip=\" \"\(options.pack ? ", pack=true" : "")];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"\(options.colorBy == .none ? Palette.plain : Palette.other)\", color=\"#5b6b7f\", fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [color=\"#4a5568\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=8];\n"
        func nodes(_ members: [Int], _ ghosts: [Ghosts.Ghost], indent: String) {
            for member in members {
                out += indent + node(member, index, color: options.colorBy == .none ? nil : palette.color(nameOf[member] ?? nil))
            }
            for ghost in ghosts { out += indent + ghostNode(ghost) }
        }
        func moreGhosts(_ cluster: Int, indent: String) {
            guard let more = ghosts.hidden[cluster] else { return }
            let label = "\(more.count) more missing article\(more.count == 1 ? "" : "s")"
            out += indent + "dmore\(cluster) [label=\(DOTText.quoted(label)), tooltip=\(DOTText.quoted(label + ", linked once or twice; report.json lists them")), style=\"rounded,dashed\", color=\"#c53030\", fontcolor=\"#9b2c2c\", fontsize=9];\n"
        }
        var columnOf: [String: Int] = [:]
        for cluster in clusters {
            let ghostsHere = ghostsByCluster[cluster.id] ?? []
            if cluster.size > 1 {
                out += "  subgraph cluster_\(cluster.id) {\n"
                out += "    label=\(DOTText.quoted(clusterLabel(cluster, graph))); style=\"rounded\"; color=\"#9aa5b1\"; fontsize=10;\n"
                // Story boxes and timeline columns both constrain the layout; a timeline wins.
                if !options.timeline, let split = storyBoxes(cluster, analysis) {
                    for (story, members) in split.boxes {
                        out += "    subgraph cluster_\(cluster.id)_\(story.id) {\n"
                        let label = "Story \(story.id) · \(story.size) articles · \(story.label)"
                        out += "      label=\(DOTText.quoted(label)); style=\"rounded,dashed\"; color=\"#b7c2cf\"; fontsize=9;\n"
                        nodes(members, [], indent: "      ")
                        out += "    }\n"
                    }
                    nodes(split.loose, ghostsHere, indent: "    ")
                } else {
                    nodes(cluster.members, ghostsHere, indent: "    ")
                }
                moreGhosts(cluster.id, indent: "    ")
                if options.timeline {
                    let timeline = Timeline(cluster: cluster.id, members: cluster.members, ghosts: ghostsHere, graph: graph)
                    out += timeline.dot
                    columnOf.merge(timeline.columnOf) { first, _ in first }
                }
                out += "  }\n"
            } else {
                nodes(cluster.members, ghostsHere, indent: "  ")
                moreGhosts(cluster.id, indent: "  ")
            }
        }
        // On a timeline an edge points forward in time, its arrow turned back (`dir=back`) when the link points back.
        func edge(_ source: String, _ target: String, _ attributes: String, mutual: Bool = false) {
            if let from = columnOf[source], let to = columnOf[target], from > to {
                out += "  \(target) -> \(source) [\(mutual ? "dir=both" : "dir=back, " + attributes)];\n"
            } else {
                out += "  \(source) -> \(target) [\(mutual ? "dir=both" : attributes)];\n"
            }
        }
        let subset = options.records
        for source in drawn {
            for target in graph.successors(of: source) where subset?.contains(target) ?? true {
                if graph.hasEdge(from: target, to: source) {
                    // One edge per mutual pair, drawn from the lower id.
                    if source < target { edge("r\(source)", "r\(target)", "", mutual: true) }
                } else {
                    edge("r\(source)", "r\(target)", "style=dashed")
                }
            }
        }
        for ghost in ghosts.shown {
            for source in ghost.sources { edge("r\(source)", "d\(ghost.id)", "style=dashed, color=\"#c53030\"") }
        }
        for (cluster, more) in ghosts.hidden.sorted(by: { $0.key < $1.key }) {
            for source in more.sources { out += "  r\(source) -> dmore\(cluster) [style=dashed, color=\"#c53030\"];\n" }
        }
        if options.legend { out += legend(palette) }
        out += "}\n"
        return out
    }

    /// The drawn members of a cluster by story, when they fall in two stories or more;
    /// `loose` are those in no story of two or more (they stay in the cluster's box).
    private func storyBoxes(_ cluster: Clustering.Cluster, _ analysis: Analysis)
        -> (boxes: [(story: Stories.Story, members: [Int])], loose: [Int])? {
        guard let stories = analysis.stories else { return nil }
        var byStory: [Int: [Int]] = [:]
        for member in cluster.members { byStory[stories.storyOf[member], default: []].append(member) }
        guard byStory.count > 1 else { return nil }
        let boxes = byStory.keys.sorted().filter { $0 > 0 }.map { (stories.stories[$0 - 1], byStory[$0]!) }
        return (boxes, byStory[0] ?? [])
    }

    /// The clusters to draw, each cut down to the chosen records.
    private func drawnClusters(_ analysis: Analysis) -> [Clustering.Cluster] {
        if let records = options.records {
            return Dictionary(grouping: records.sorted()) { analysis.clustering.clusterOf[$0] }
                .sorted { $0.key < $1.key }
                .map { Clustering.Cluster(id: $0.key, members: $0.value) }
        }
        if let id = options.cluster { return analysis.clustering.cluster(id: id).map { [$0] } ?? [] }
        return analysis.clustering.clusters
    }

    private func caption(_ analysis: Analysis, _ drawn: [Int]) -> String {
        if let id = options.cluster, options.records == nil {
            let size = drawn.count
            let title = drawn.lazy.compactMap { analysis.graph.records[$0].title }.first.map { ": " + $0 } ?? ""
            return "Cluster \(id): \(size) article\(size == 1 ? "" : "s")\(title)"
        }
        let s = analysis.summary
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

    private func node(_ record: Int, _ index: DiagramIndex, color: String?) -> String {
        let graph = index.graph
        let article = graph.records[record]
        let title = article.title ?? article.file
        let byline = [article.publishedDateTime.map { String($0.prefix(10)) }, article.provider?.name,
                      article.published == false ? "unpublished" : nil].compactMap { $0 }.joined(separator: " · ")
        var attributes = ["label=" + DOTText.quoted(lines: DOTText.wrappedLines(title) + (byline.isEmpty ? [] : [byline]), limit: 56)]
        let details = [article.provider?.name, article.publishedDateTime.map(Self.minutes)].compactMap { $0 }.joined(separator: " · ")
        let tooltip = [title, details.isEmpty ? article.file : details] + (article.excerpt.map { [$0] } ?? [])
        attributes.append("tooltip=" + DOTText.quoted(lines: tooltip, limit: 300))
        if let url = article.urls.inAliasOrder.lazy.compactMap(DOTText.link).first { attributes.append("URL=" + url) }
        if article.published == false {
            attributes.append("fillcolor=\"#e2e8f0\", fontcolor=\"#4a5568\"")
        } else if let color {
            attributes.append("fillcolor=\"\(color)\"")
        }
        if let size = NodeSize.fontSize(record, graph, by: options.sizeBy, danglingOut: index.danglingOut) {
            attributes.append("fontsize=\(size)")
        }
        if record == options.focus { attributes.append("penwidth=3, color=\"#2b6cb0\"") }
        return "r\(record) [\(attributes.joined(separator: ", "))];\n"
    }

    private func ghostNode(_ ghost: Ghosts.Ghost) -> String {
        let byline = ["missing", ghost.date.map { String($0.prefix(10)) }].compactMap { $0 }.joined(separator: " · ")
        let title = DOTText.wrappedLines(ghost.title ?? ghost.alias, width: 30, maxLines: 2)
        var attributes = ["label=" + DOTText.quoted(lines: title + [byline], limit: 60), "fontsize=9",
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

    private func legend(_ palette: Palette) -> String {
        // A plain subgraph, not a cluster: cgraph orders clusters by the address of their
        // interned names, so a second cluster could swap places with the story's from run to run.
        var out = """
          subgraph legend {
            node [shape=point, style=filled, fillcolor="#4a5568", color="#4a5568", width=0.06, label=""];
            legend_note [shape=plaintext, style="", width=0, fontsize=9, fontcolor="#4a5568", label="Legend · grey box: unpublished · red dashed box: missing article"];
            legend_m1 -> legend_m2 [dir=both, label="mutual"];
            legend_o1 -> legend_o2 [style=dashed, label="one-way"];
            legend_d1 -> legend_d2 [style=dashed, color="#c53030", label="dangling"];

        """
        if options.colorBy != .none, !palette.entries.isEmpty {
            // The colour key: one swatch per named colour; nodes without edges share a rank, so they stack in one column.
            var keys = palette.entries.map { (DOTText.quoted("\($0.name) (\($0.count))", limit: 60), $0.color) }
            if palette.otherCount > 0 { keys.append((DOTText.quoted("other \(options.colorBy.rawValue) (\(palette.otherCount))"), Palette.other)) }
            for (number, key) in keys.enumerated() {
                out += "    legend_c\(number) [shape=box, style=\"rounded,filled\", width=0, height=0, fontsize=9, fillcolor=\"\(key.1)\", color=\"#5b6b7f\", label=\(key.0)];\n"
            }
        }
        out += "  }\n"
        return out
    }
}
