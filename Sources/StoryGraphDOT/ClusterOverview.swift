import Foundation
import StoryGraph

/// The overview of an archive too large to draw article by article: one box
/// per cluster of two or more articles, its text size growing with the
/// logarithm of its number of articles, labelled with its hub's title (the member with the
/// most links), its id, size and dates, and filled by its most common
/// provider or topic. The `limit` largest clusters get a box each; the rest
/// and the singletons are summed up in two grey boxes, and the caption says
/// what is drawn. Clusters share no edge (they are components), so boxes
/// are packed in rows, largest first.
public struct ClusterOverview: Sendable {
    public var limit: Int
    public var colorBy: ColorBy
    /// Where each cluster's own diagram is, relative to the overview (`clusters/3.svg`).
    public var links: [Int: String]

    public init(limit: Int = 120, colorBy: ColorBy = .provider, links: [Int: String] = [:]) {
        self.limit = limit
        self.colorBy = colorBy
        self.links = links
    }

    public func encode(_ index: DiagramIndex) -> String {
        let analysis = index.analysis
        let graph = analysis.graph
        let stories = analysis.clustering.clusters.filter { $0.size > 1 }
        let shown = Array(stories.prefix(limit))
        let names = shown.map { cluster in
            ColorNames.names(cluster.members, graph, by: colorBy).compactMap { $0 }.mostCommon
        }
        let palette = Palette(names)
        let largest = Double(shown.first?.size ?? 1)
        let s = analysis.summary

        var caption = "Overview: \(counted(s.records, "article")) in \(counted(stories.count, "cluster")) of two or more and \(counted(s.singletons, "singleton"))"
        caption += stories.count > shown.count ? " · one box per cluster, the \(shown.count) largest drawn" : " · one box per cluster"
        caption += " · text size: articles · \(s.edges) links, \(s.asymmetric) one-way, \(s.dangling) dangling"
        var out = "digraph storygraph {\n"
        out += "  graph [layout=neato, pack=true, packmode=\"array_u\", fontname=\"Helvetica\", fontsize=14, labelloc=t, label=\(DOTText.quoted(caption)), tooltip=\" \"];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"\(colorBy == .none ? Palette.plain : Palette.other)\", color=\"#5b6b7f\", fontname=\"Helvetica\"];\n"
        for (number, cluster) in shown.enumerated() {
            let hub = cluster.members.max { degree($0, graph) < degree($1, graph) || (degree($0, graph) == degree($1, graph) && $0 > $1) }!
            let title = graph.records[hub].title ?? graph.records[hub].file
            var facts = "#\(cluster.id) · \(cluster.size) articles"
            if let span = graph.dateSpan(of: cluster.members) {
                let (first, last) = (span.first.prefix(10), span.last.prefix(10))
                facts += first == last ? " · \(first)" : " · \(first) – \(last)"
            }
            // Log scale: one giant cluster must not shrink every other box to the minimum.
            let size = 9 + 15 * log(Double(cluster.size)) / log(max(largest, 2))
            var attributes = ["label=" + DOTText.quoted(lines: DOTText.wrappedLines(title, width: 26, maxLines: 3) + [facts], limit: 60),
                              "tooltip=" + DOTText.quoted(lines: [title, facts, names[number].map { "\(colorBy.rawValue): \($0)" } ?? ""], limit: 300),
                              "fontsize=\((size * 10).rounded() / 10)", "sortv=\(number)"]
            if colorBy != .none { attributes.append("fillcolor=\"\(palette.color(names[number]))\"") }
            if let link = links[cluster.id].flatMap(DOTText.localLink) { attributes.append("URL=" + link) }
            out += "  c\(cluster.id) [\(attributes.joined(separator: ", "))];\n"
        }
        let rest = stories.dropFirst(shown.count)
        if !rest.isEmpty {
            let articles = rest.reduce(0) { $0 + $1.size }
            let label = "\(counted(rest.count, "smaller cluster")) (\(rest.last!.size)–\(rest.first!.size) articles each, \(articles) in all) not drawn"
            out += "  rest [label=\(DOTText.quoted(label)), fillcolor=\"#e2e8f0\", fontsize=10, sortv=\(shown.count)];\n"
        }
        if s.singletons > 0 {
            out += "  singletons [label=\(DOTText.quoted("\(counted(s.singletons, "article")) with no related link in or out")), fillcolor=\"#e2e8f0\", fontsize=10, sortv=\(shown.count + 1)];\n"
        }
        if colorBy != .none, !palette.entries.isEmpty {
            out += "  subgraph cluster_legend {\n    label=\(DOTText.quoted("Colour: each cluster's most common \(colorBy.rawValue)")); style=\"rounded,dashed\"; color=\"#cbd5e0\"; fontsize=10;\n"
            for (number, entry) in palette.entries.enumerated() {
                out += "    legend_c\(number) [fontsize=9, fillcolor=\"\(entry.color)\", label=\(DOTText.quoted("\(entry.name) (\(counted(entry.count, "cluster")))", limit: 60)), sortv=\(shown.count + 2 + number)];\n"
            }
            out += "  }\n"
        }
        out += "}\n"
        return out
    }

    private func degree(_ record: Int, _ graph: ArticleGraph) -> Int {
        graph.successors(of: record).count + graph.predecessors(of: record).count
    }
}

/// "1 article", "2 articles".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

extension Array where Element == String {
    /// The name that occurs most often (ties: the smallest), nil when empty.
    var mostCommon: String? {
        Dictionary(map { ($0, 1) }, uniquingKeysWith: +).min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }?.key
    }
}
