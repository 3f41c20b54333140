import ArgumentParser
import StoryGraph

/// `--stories` and `--resolution`: how clusters are split into stories.
struct StoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "How clusters are split into stories: off, components (one story per cluster), louvain or leiden.",
        valueName: "method"))
    var stories: StoryMethod = .leiden

    @Option(name: .long, help: ArgumentHelp(
        "Modularity resolution for louvain and leiden: above 1 gives smaller stories, below 1 larger ones.",
        valueName: "gamma"))
    var resolution: Double = 1

    enum StoryMethod: String, ExpressibleByArgument, CaseIterable {
        case off, components, louvain, leiden
    }

    func validate() throws {
        guard resolution > 0 && resolution.isFinite else { throw ValidationError("--resolution must be a positive number") }
    }

    /// The method for `Analysis`; nil for off.
    var method: Stories.Method? { Stories.Method(rawValue: stories.rawValue) }
}
