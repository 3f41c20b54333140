/// Stale stubs: stubs that resolve to another record and copy its `title` or
/// `publishedDateTime` wrongly (compared after trimming whitespace). A stub
/// that leaves the key out is not stale. One finding per differing field,
/// on the stubs that made edges.
public struct StaleStubs: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.staleTitle, .staleDate] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        var out: [Finding] = []
        // Room for the most there can be (a title and a date for each edge) from
        // the start. Only the part written to is ever resident, and the array
        // never grows: at a million records its last growth moved 2.1 million
        // findings (235 MB) into a new array while the old one was still held.
        // (The room is address space: where memory is not overcommitted it
        // would count, 224 bytes an edge.)
        out.reserveCapacity(2 * graph.edges.count)
        for link in graph.links {
            guard case .record(let target) = link.resolution else { continue }
            // Fields are read through the arrays, not by copying whole records or stubs.
            let (record, stub) = (link.ref.record, link.ref.stub)
            if let (said, actual) = differing(graph.records[record].related[stub].title, graph.records[target].title) {
                out.append(graph.finding(.staleTitle, at: link.ref, target: target,
                                         .staleTitle(said: said, actual: actual)))
            }
            if let (said, actual) = differing(graph.records[record].related[stub].publishedDateTime, graph.records[target].publishedDateTime) {
                out.append(graph.finding(.staleDate, at: link.ref, target: target,
                                         .staleDate(said: said, actual: actual)))
            }
        }
        return out
    }

    /// Both values trimmed, when both are present and differ after trimming.
    private func differing(_ said: String?, _ actual: String?) -> (String, String)? {
        guard let said, let actual, said != actual else { return nil }
        let (a, b) = (said.trimmingPythonWhitespace(), actual.trimmingPythonWhitespace())
        return a != b ? (Self.string(a, trimmedFrom: said), Self.string(b, trimmedFrom: actual)) : nil
    }

    /// The record's own string when trimming left it whole (nearly always: it
    /// shares the record's storage, where a copy would cost an allocation per
    /// finding, hundreds of thousands in a large archive); a copy otherwise.
    private static func string(_ trimmed: Substring, trimmedFrom original: String) -> String {
        trimmed.utf8.count == original.utf8.count ? original : String(trimmed)
    }
}
