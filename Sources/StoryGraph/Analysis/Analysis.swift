/// Everything storygraph knows about a corpus: the graph, its clusters, the
/// stories inside them (when asked for), every finding (in a fixed order) and
/// the summary figures.
public struct Analysis: Sendable {
    public let corpus: LoadedCorpus
    public let graph: ArticleGraph
    public let clustering: Clustering
    /// Nil unless a story method was asked for.
    public let stories: Stories?
    /// Sorted by file (path order), line, column, then kind.
    public let findings: [Finding]
    public let summary: Summary

    public init(_ corpus: LoadedCorpus, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories: Stories.Method? = nil, resolution: Double = 1) {
        self.init(corpus, graph: GraphBuilder.build(corpus.records), passes: passes, stories: stories, resolution: resolution)
    }

    /// Analyses a graph already built from `corpus` (so a caller can time the two stages apart).
    public init(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories: Stories.Method? = nil, resolution: Double = 1) {
        self.corpus = corpus
        self.graph = graph
        let clustering = Clustering(graph)
        self.clustering = clustering
        self.stories = stories.map { Stories(graph, clustering: clustering, method: $0, resolution: resolution) }

        var findings = corpus.problems.map { problem in
            Finding(kind: problem.kind == .unreadable ? .unreadable : .skipped,
                    file: problem.file, line: problem.line, message: problem.message)
        }
        for pass in passes { findings += pass.findings(in: graph) }
        let fileOrder = Dictionary(corpus.files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        findings.sort { a, b in
            let (fileA, fileB) = (fileOrder[a.file] ?? Int.max, fileOrder[b.file] ?? Int.max)
            if fileA != fileB { return fileA < fileB }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if a.kind != b.kind { return a.kind < b.kind }
            return (a.target ?? "") < (b.target ?? "")
        }
        self.findings = findings
        summary = Summary(graph: graph, clustering: clustering, findings: findings)
    }
}
