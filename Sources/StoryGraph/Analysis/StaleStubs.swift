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
            let stub = graph.records[link.ref.record].related[link.ref.stub]
            let record = graph.records[target]
            if let said = trimmed(stub.title), let actual = trimmed(record.title), said != actual {
                out.append(graph.finding(.staleTitle, at: link.ref, target: target,
                                         "stub title \"\(said)\" differs from the target's title \"\(actual)\""))
            }
            if let said = trimmed(stub.publishedDateTime), let actual = trimmed(record.publishedDateTime), said != actual {
                out.append(graph.finding(.staleDate, at: link.ref, target: target,
                                         "stub publishedDateTime \(said) differs from the target's \(actual)"))
            }
        }
        return out
    }

    private func trimmed(_ text: String?) -> String? {
        text.map { String($0.trimmingPythonWhitespace()) }
    }
}
