import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphDOT
import StoryGraphRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw one diagram: the overview, one cluster, or the neighbourhood of one article.",
        discussion: """
        SVG, PNG and PDF are laid out in-process by Graphviz's library (libgvc). Cluster ids \
        are the ones `analyze` reports (1 is the largest). Without --cluster or --around, the \
        overview: every article up to --overview-limit, one box per cluster above.

        Example:
          storygraph render seeds --format svg -o graph.svg
          storygraph render content/news --cluster 3 --layout neato -o story3.svg
          storygraph render content/news --around https://example.com/a-story --depth 2 --format png -o around.png
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var storyOptions: StoryOptions

    @Option(name: .long, help: "dot, svg, png or pdf.")
    var format: DiagramFormat = .svg

    @OptionGroup(title: "Diagram") var diagrams: DiagramOptions

    @Option(name: .long, help: ArgumentHelp("Draw only the cluster with this id.", valueName: "id"))
    var cluster: Int?

    @Option(name: .long, help: ArgumentHelp("Draw the articles within --depth links of the article with this URL.", valueName: "url"))
    var around: String?

    @Option(name: .long, help: ArgumentHelp("Links to follow from --around, either way (default 1).", valueName: "k"))
    var depth = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    enum DiagramFormat: String, ExpressibleByArgument, CaseIterable {
        case dot, svg, png, pdf
    }

    func validate() throws {
        guard depth >= 0 else { throw ValidationError("--depth must be at least 0") }
        if cluster != nil && around != nil { throw ValidationError("--cluster and --around draw different things; give one") }
    }

    func run() throws {
        let index = DiagramIndex(try input.analyze(stories: storyOptions.method, resolution: storyOptions.resolution))
        let (dot, layout) = try diagram(index)
        let bytes: Data
        switch format {
        case .dot: bytes = Data(dot.utf8)
        case .svg, .png, .pdf:
            bytes = Data(try GraphvizRenderer().render(dot: dot, layout: layout, format: RenderFormat(rawValue: format.rawValue)!))
        }
        if let output {
            try writeAtomically(bytes, to: output)
        } else {
            Console.write(bytes)
        }
    }

    /// The DOT to draw and the engine to lay it out.
    private func diagram(_ index: DiagramIndex) throws -> (String, Layout) {
        let analysis = index.analysis
        if let id = cluster {
            guard let chosen = analysis.clustering.cluster(id: id) else {
                throw ValidationError("--cluster \(id): no such cluster (ids run from 1 to \(analysis.clustering.clusters.count))")
            }
            let layout = diagrams.layout(chosen.members, index)
            return (diagrams.encoder(layout, cluster: id).encode(index), layout)
        }
        if let around {
            guard let start = URLCanonicalizer.canonical(around).flatMap(analysis.graph.aliases.owner(of:)) else {
                throw ValidationError("--around \(around): no article has this URL")
            }
            let records = Neighbourhood.records(around: start, depth: depth, in: analysis.graph)
            let title = analysis.graph.records[start].title ?? analysis.graph.records[start].file
            let caption = "Around “\(title)”: \(records.count) article\(records.count == 1 ? "" : "s") within \(depth) link\(depth == 1 ? "" : "s")"
            let layout = diagrams.layout(records.sorted(), index)
            return (diagrams.encoder(layout, records: records, focus: start, caption: caption).encode(index), layout)
        }
        let overview = diagrams.overview(index)
        return (overview.dot, overview.layout)
    }
}
