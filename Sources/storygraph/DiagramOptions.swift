import ArgumentParser
import StoryGraph
import StoryGraphDOT
import StoryGraphRender

/// How `analyze` and `render` draw: layout engine, colours, sizes, and when
/// the overview switches from every article to one box per cluster.
struct DiagramOptions: ParsableArguments {
    @Option(name: .long, help: "Graphviz layout engine (default: dot, as a timeline, up to 300 articles and 400 edges; sfdp beyond).")
    var layout: Layout?

    @Option(name: .long, help: "Node colour: provider, topic or none.")
    var colorBy: ColorBy = .provider

    @Option(name: .long, help: "Node size: degree (links in and out), heat or none.")
    var sizeBy: SizeBy = .degree

    @Option(name: .long, help: ArgumentHelp("The overview draws every article up to this many, one box per cluster above.", valueName: "n"))
    var overviewLimit = 500

    func validate() throws {
        guard overviewLimit >= 0 else { throw ValidationError("--overview-limit must be at least 0") }
    }

    /// The engine for a drawing of `records` (every article when nil).
    func layout(_ records: [Int]?, _ index: DiagramIndex) -> Layout {
        if let layout { return layout }
        let records = records ?? Array(0..<index.graph.nodeCount)
        return .automatic(nodes: records.count, edges: index.drawnEdgeEstimate(records))
    }

    /// The encoder for `nodes` articles laid out by `layout`: a timeline for
    /// `dot`, packed parts for the others.
    func encoder(_ layout: Layout, cluster: Int? = nil, records: Set<Int>? = nil, focus: Int? = nil,
                 caption: String? = nil) -> DOTEncoder {
        DOTEncoder(options: .init(cluster: cluster, records: records, focus: focus, caption: caption,
                                  colorBy: colorBy, sizeBy: sizeBy, timeline: layout == .dot, pack: layout != .dot))
    }

    /// The overview of the whole archive: every article while there are at
    /// most `overviewLimit`, else the cluster graph (`ClusterOverview`), with
    /// a sentence saying which.
    func overview(_ index: DiagramIndex, links: [Int: String] = [:]) -> (dot: String, layout: Layout, note: String) {
        let records = index.graph.nodeCount
        if records <= overviewLimit {
            let layout = layout(nil, index)
            return (encoder(layout).encode(index), layout,
                    "Every article, boxed by cluster (\(records) articles; at most \(overviewLimit) are drawn one by one).")
        }
        let overview = ClusterOverview(colorBy: colorBy, links: links)
        return (overview.encode(index), layout ?? .neato,
                "One box per cluster: the archive has \(records) articles, more than the \(overviewLimit) drawn one by one (--overview-limit).")
    }
}

extension ColorBy: ExpressibleByArgument {}
extension SizeBy: ExpressibleByArgument {}
