/// Everything storygraph knows about a corpus: the graph, its clusters, the
/// stories inside them (when asked for), every finding (in a fixed order) and
/// the summary figures.
public struct Analysis: Sendable {
    public let corpus: LoadedCorpus
    public let graph: ArticleGraph
    public let clustering: Clustering
    /// Nil unless a story method was asked for.
    public let stories: Stories?
    /// Sorted by file (path order), line, column, then kind (`FindingOrder`).
    public let findings: FindingList
    public let summary: Summary

    public init(_ corpus: LoadedCorpus, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories: Stories.Method? = nil, resolution: Double = 1) {
        self.init(corpus, graph: GraphBuilder.build(corpus.records), passes: passes, stories: stories, resolution: resolution)
    }

    /// Analyses a graph already built from `corpus` (so a caller can time the two stages apart).
    /// The clusters and stories are found on one thread while the passes run,
    /// and their findings are joined and sorted, on the others; the findings
    /// and stories are the same whatever the number of threads.
    public init(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories method: Stories.Method? = nil, resolution: Double = 1, jobs: Int = 1) {
        self.corpus = corpus
        self.graph = graph
        // Two tasks: the stories' communities (the longest single piece of
        // work), and the clusters with everything the findings need. Handing
        // the communities a thread of their own keeps the passes and the sort
        // from queueing behind them; the clusters go with the findings, since
        // at a million records the communities alone take longer than both.
        // The stories are put together from both once they are done.
        enum Outcome: Sendable { case communities(Stories.Communities?), groups(Clustering, FindingList) }
        let outcomes = ParallelMap.map([0, 1], jobs: min(jobs, 2)) { task -> Outcome in
            if task == 0 {
                return .communities(method.map { Stories.communities(graph, method: $0, resolution: resolution) })
            }
            let clustering = Clustering(graph)
            return .groups(clustering, Self.findings(corpus, graph: graph, passes: passes, jobs: max(1, jobs - 1)))
        }
        guard case let .communities(communities) = outcomes[0],
              case let .groups(clustering, findings) = outcomes[1] else { preconditionFailure("one outcome per task") }
        self.clustering = clustering
        self.stories = communities.map { Stories(graph, clustering: clustering, $0, jobs: jobs) }
        self.findings = findings
        summary = Summary(graph: graph, clustering: clustering, findings: self.findings)
    }

    /// Every pass's findings and the loader's problems, joined and sorted; the
    /// passes run on up to `jobs` threads. An `EdgeFindingPass`'s findings are
    /// kept as entries; the others' whole.
    static func findings(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass], jobs: Int) -> FindingList {
        enum Part: Sendable { case whole([Finding]), edges([FindingList.Entry]) }
        let problems = corpus.problems.map { problem in
            Finding(kind: problem.kind == .unreadable ? .unreadable : .skipped,
                    file: problem.file, line: problem.line, message: problem.message)
        }
        let found = ParallelMap.map(passes.indices.map { $0 }, jobs: jobs) { index -> Part in
            if let pass = passes[index] as? any EdgeFindingPass { return .edges(pass.entries(in: graph)) }
            return .whole(passes[index].findings(in: graph))
        }
        var whole = FindingList.WholeFindings()
        var parts = [whole.keep(problems)]
        for part in found {
            switch part {
            case .whole(let findings): parts.append(whole.keep(findings))
            case .edges(let entries): parts.append(entries)
            }
        }
        let list = FindingList(entries: [], whole: whole.findings, graph: graph)
        return list.reordered(FindingOrder(fileOrder: corpus.files).merged(&parts, in: list))
    }
}
