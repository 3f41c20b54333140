import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphDOT
import StoryGraphRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw one diagram: the whole graph or one cluster, as DOT or SVG.",
        discussion: """
        SVG is laid out in-process by Graphviz's library (libgvc). Cluster ids are the \
        ones `analyze` reports (1 is the largest).

        Example:
          storygraph render seeds --format svg -o graph.svg
          storygraph render content/news --cluster 3 --layout neato -o story3.svg
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var storyOptions: StoryOptions

    @Option(name: .long, help: "dot or svg.")
    var format: DiagramFormat = .svg

    @Option(name: .long, help: "Graphviz layout engine (default: dot for small graphs, sfdp for large).")
    var layout: Layout?

    @Option(name: .long, help: ArgumentHelp("Draw only the cluster with this id.", valueName: "id"))
    var cluster: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    enum DiagramFormat: String, ExpressibleByArgument, CaseIterable {
        case dot, svg
    }

    func run() throws {
        let analysis = try input.analyze(stories: storyOptions.method, resolution: storyOptions.resolution)
        var nodes = analysis.graph.nodeCount
        if let id = cluster {
            guard let chosen = analysis.clustering.cluster(id: id) else {
                throw ValidationError("--cluster \(id): no such cluster (ids run from 1 to \(analysis.clustering.clusters.count))")
            }
            nodes = chosen.size
        }
        let dot = DOTEncoder(options: .init(cluster: cluster)).encode(analysis)
        let bytes: Data
        switch format {
        case .dot: bytes = Data(dot.utf8)
        case .svg: bytes = Data(try GraphvizRenderer().render(dot: dot, layout: layout ?? .automatic(nodes: nodes), format: .svg))
        }
        if let output {
            try writeAtomically(bytes, to: output)
        } else {
            Console.write(bytes)
        }
    }
}
