/// Stale stubs: stubs that resolve to another record and copy its `title` or
/// `publishedDateTime` wrongly (compared after trimming whitespace). A stub
/// that leaves the key out is not stale. One finding per differing field,
/// on the stubs that made edges.
public struct StaleStubs: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.staleTitle, .staleDate] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        var out: [Finding] = []
        for link in graph.links {
            guard case .record(let target) = link.resolution else { continue }
            // Fields are read through the arrays, not by copying whole records or stubs.
            let (record, stub) = (link.ref.record, link.ref.stub)
            if let (said, actual) = differing(graph.records[record].related[stub].title, graph.records[target].title) {
                out.append(graph.finding(.staleTitle, at: link.ref, target: target,
                                         "stub title \"\(said)\" differs from the target's title \"\(actual)\""))
            }
            if let (said, actual) = differing(graph.records[record].related[stub].publishedDateTime, graph.records[target].publishedDateTime) {
                out.append(graph.finding(.staleDate, at: link.ref, target: target,
                                         "stub publishedDateTime \(said) differs from the target's \(actual)"))
            }
        }
        return out
    }

    /// Both values trimmed, when both are present and differ after trimming.
    private func differing(_ said: String?, _ actual: String?) -> (Substring, Substring)? {
        guard let said, let actual, said != actual else { return nil }
        let (a, b) = (said.trimmingPythonWhitespace(), actual.trimmingPythonWhitespace())
        return a != b ? (a, b) : nil
    }
}
