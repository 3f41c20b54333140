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
    /// The passes run on up to `jobs` threads; the findings are the same whatever their number.
    public init(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories: Stories.Method? = nil, resolution: Double = 1, jobs: Int = 1) {
        self.corpus = corpus
        self.graph = graph
        let clustering = Clustering(graph)
        self.clustering = clustering
        self.stories = stories.map { Stories(graph, clustering: clustering, method: $0, resolution: resolution) }

        var findings = corpus.problems.map { problem in
            Finding(kind: problem.kind == .unreadable ? .unreadable : .skipped,
                    file: problem.file, line: problem.line, message: problem.message)
        }
        for found in ParallelMap.map(passes, jobs: jobs, { $0.findings(in: graph) }) { findings += found }
        self.findings = Self.sorted(findings, fileOrder: corpus.files)
        summary = Summary(graph: graph, clustering: clustering, findings: self.findings)
    }

    /// Findings by file (in `files` order; files not listed last), line, column,
    /// kind, then target. The keys are computed once per finding, not once per
    /// comparison: a large archive has hundreds of thousands of findings.
    static func sorted(_ findings: [Finding], fileOrder files: [String]) -> [Finding] {
        let fileOrder = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let kindRank = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })
        let keys = findings.map { finding in
            (file: fileOrder[finding.file] ?? Int.max, line: finding.line, column: finding.column, kind: kindRank[finding.kind]!)
        }
        // Ties (same place, kind and target) keep the passes' order.
        let order = findings.indices.sorted { a, b in
            let (x, y) = (keys[a], keys[b])
            if x != y { return x < y }
            let (targetA, targetB) = (findings[a].target ?? "", findings[b].target ?? "")
            return targetA != targetB ? targetA < targetB : a < b
        }
        return order.map { findings[$0] }
    }
}
