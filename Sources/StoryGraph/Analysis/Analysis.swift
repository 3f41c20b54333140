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
    /// The clusters and stories are found on one thread while the passes run,
    /// and their findings are joined and sorted, on the others; the findings
    /// and stories are the same whatever the number of threads.
    public init(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass] = AnalysisPasses.all,
                stories method: Stories.Method? = nil, resolution: Double = 1, jobs: Int = 1) {
        self.corpus = corpus
        self.graph = graph
        // Two tasks: the stories (the longest single piece of work) and
        // everything the findings need. Handing the stories a thread of their
        // own keeps the passes and the sort from queueing behind them.
        enum Outcome: Sendable { case groups(Clustering, Stories?), findings([Finding]) }
        var outcomes = ParallelMap.map([0, 1], jobs: min(jobs, 2)) { task -> Outcome in
            if task == 0 {
                let clustering = Clustering(graph)
                return .groups(clustering, method.map { Stories(graph, clustering: clustering, method: $0, resolution: resolution) })
            }
            return .findings(Self.findings(corpus, graph: graph, passes: passes, jobs: max(1, jobs - 1)))
        }
        guard case let .groups(clustering, stories) = outcomes[0],
              case var .findings(findings) = outcomes[1] else { preconditionFailure("one outcome per task") }
        outcomes = []
        self.clustering = clustering
        self.stories = stories
        self.findings = findings
        findings = []
        summary = Summary(graph: graph, clustering: clustering, findings: self.findings)
    }

    /// Every pass's findings and the loader's problems, joined and sorted; the
    /// passes run on up to `jobs` threads.
    static func findings(_ corpus: LoadedCorpus, graph: ArticleGraph, passes: [any AnalysisPass], jobs: Int) -> [Finding] {
        var parts = [corpus.problems.map { problem in
            Finding(kind: problem.kind == .unreadable ? .unreadable : .skipped,
                    file: problem.file, line: problem.line, message: problem.message)
        }]
        parts += ParallelMap.map(passes.indices.map { $0 }, jobs: jobs) { passes[$0].findings(in: graph) }
        var findings = joined(&parts)
        sort(&findings, fileOrder: corpus.files)
        return findings
    }

    /// The findings of every part, end to end, moved rather than copied: a
    /// copy retains each finding's strings and freeing the parts releases
    /// them again, millions of scattered memory writes on a large archive.
    /// Each part is left holding findings that own no memory.
    static func joined(_ parts: inout [[Finding]]) -> [Finding] {
        let total = parts.reduce(0) { $0 + $1.count }
        let empty = Finding(kind: .skipped, file: "", line: 0, message: "")
        return [Finding](unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            for index in parts.indices {
                parts[index].withUnsafeMutableBufferPointer { part in
                    guard let source = part.baseAddress, let target = buffer.baseAddress else { return }
                    (target + initialized).moveInitialize(from: source, count: part.count)
                    source.initialize(repeating: empty, count: part.count)
                    initialized += part.count
                }
            }
        }
    }

    /// Sorts findings by file (in `files` order; files not listed last), line,
    /// column, kind, then target. The keys are computed once per finding, not
    /// once per comparison, and the sort orders indices, then moves each
    /// finding into place once: a large archive has millions of findings,
    /// each a struct of several strings.
    static func sort(_ findings: inout [Finding], fileOrder files: [String]) {
        let fileOrder = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let kindRank = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })
        // Findings come in runs from one file (a pass walks records in path order): one lookup per run.
        var keys: [(file: Int, line: Int, column: Int, kind: Int)] = []
        keys.reserveCapacity(findings.count)
        var lastFile: (name: String, rank: Int)?
        for finding in findings.indices {
            let file = findings[finding].file
            let rank: Int
            if let last = lastFile, last.name == file {
                rank = last.rank
            } else {
                rank = fileOrder[file] ?? Int.max
                lastFile = (file, rank)
            }
            keys.append((rank, findings[finding].line, findings[finding].column, kindRank[findings[finding].kind]!))
        }
        // Ties (same place, kind and target) keep the passes' order.
        var order = Array(findings.indices)
        order.sort { a, b in
            let (x, y) = (keys[a], keys[b])
            if x != y { return x < y }
            let (targetA, targetB) = (findings[a].target ?? "", findings[b].target ?? "")
            return targetA != targetB ? targetA < targetB : a < b
        }
        // Position k takes finding order[k]: follow each cycle of the permutation,
        // moving each finding once (no copy, no retain).
        var placed = [Bool](repeating: false, count: findings.count)
        findings.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in order.indices where !placed[start] {
                let carried = (base + start).move()
                var position = start
                while order[position] != start {
                    (base + position).moveInitialize(from: base + order[position], count: 1)
                    placed[position] = true
                    position = order[position]
                }
                (base + position).initialize(to: carried)
                placed[position] = true
            }
        }
    }
}
