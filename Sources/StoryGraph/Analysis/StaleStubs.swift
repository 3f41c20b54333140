/// Stale stubs: stubs that resolve to another record and copy its `title` or
/// `publishedDateTime` wrongly (compared after trimming whitespace). A stub
/// that leaves the key out is not stale. One finding per differing field,
/// on the stubs that made edges.
public struct StaleStubs: AnalysisPass, EdgeFindingPass {
    public init() {}
    public var kinds: [FindingKind] { [.staleTitle, .staleDate] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        builtFindings(in: graph)
    }

    func entries(in graph: ArticleGraph) -> [FindingList.Entry] {
        var out: [FindingList.Entry] = []
        for link in graph.links {
            guard case .record(let target) = link.resolution else { continue }
            // Fields are read through the arrays, not by copying whole records or stubs.
            let (record, stub) = (link.ref.record, link.ref.stub)
            if Self.differ(graph.records[record].related[stub].title, graph.records[target].title) {
                out.append(.edge(.staleTitle, at: link.ref, target: target))
            }
            if Self.differ(graph.records[record].related[stub].publishedDateTime, graph.records[target].publishedDateTime) {
                out.append(.edge(.staleDate, at: link.ref, target: target))
            }
        }
        return out
    }

    /// True when both values are present and differ after trimming: what
    /// `differing` tells, without handing the texts back (which retained and
    /// released both for every link that made an edge).
    static func differ(_ said: String?, _ actual: String?) -> Bool {
        guard let said, let actual, said != actual else { return false }
        if Self.hasNothingToTrim(said) && Self.hasNothingToTrim(actual) { return true }
        return said.trimmingPythonWhitespace() != actual.trimmingPythonWhitespace()
    }

    /// Both values trimmed, when `differ` says they differ.
    static func differing(_ said: String?, _ actual: String?) -> (said: String, actual: String)? {
        guard differ(said, actual), let said, let actual else { return nil }
        // Nearly always neither has whitespace to trim: they are shown as they are.
        // (This runs again each time a `FindingList` builds the finding.)
        if Self.hasNothingToTrim(said) && Self.hasNothingToTrim(actual) { return (said, actual) }
        return (Self.string(said.trimmingPythonWhitespace(), trimmedFrom: said),
                Self.string(actual.trimmingPythonWhitespace(), trimmedFrom: actual))
    }

    /// True when the text starts and ends with printable ASCII other than a
    /// space, so that trimming would leave it whole.
    private static func hasNothingToTrim(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }

    /// The record's own string when trimming left it whole (nearly always: it
    /// shares the record's storage, where a copy would cost an allocation per
    /// finding, hundreds of thousands in a large archive); a copy otherwise.
    private static func string(_ trimmed: Substring, trimmedFrom original: String) -> String {
        trimmed.utf8.count == original.utf8.count ? original : String(trimmed)
    }
}
