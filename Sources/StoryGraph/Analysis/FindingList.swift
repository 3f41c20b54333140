/// The findings of an analysis, in report order (`FindingOrder`).
///
/// Nearly every finding of a large archive is about a stub that made an
/// edge: stale titles and dates, asymmetric links and unpublished targets
/// are 3.03 of the 3.10 million findings of a million generated records.
/// Everything such a finding says (file, line, column, URLs, message) is the
/// graph's, so it is kept as where it is: 16 bytes (`Entry`: kind, stub,
/// target) instead of a 112-byte `Finding`, which is built from the graph each
/// time it is read (`ArticleGraph.edgeFinding`). Every other finding is kept whole.
///
/// At a million records, in one pair of runs: peak resident 2,795 → 2,505 MB,
/// the analyze phase 11.6 → 10.4 s, and the report 10.7 → 12.0 s, since each
/// finding is now read from the records where it was copied from an array.
public struct FindingList: RandomAccessCollection, Sendable {
    /// One finding as kept: at a stub that made an edge, or the place of a
    /// finding kept whole.
    struct Entry: Sendable, Equatable {
        let kind: FindingKind
        /// The stub's record; -1 for a finding kept whole.
        fileprivate let record: Int32
        /// The stub's place in its record's `related`; for a whole finding, its index in `whole`.
        fileprivate let index: Int32
        /// The record the stub's edge goes to (unused for a whole finding).
        fileprivate let target: Int32

        /// A finding of an edge-finding kind, at the stub `ref` whose edge goes to `target`.
        static func edge(_ kind: FindingKind, at ref: LinkRef, target: Int) -> Entry {
            Entry(kind: kind, record: Int32(ref.record), index: Int32(ref.stub), target: Int32(target))
        }

        fileprivate static func whole(_ kind: FindingKind, at index: Int) -> Entry {
            Entry(kind: kind, record: -1, index: Int32(index), target: -1)
        }

        fileprivate var isWhole: Bool { record < 0 }
        fileprivate var ref: LinkRef { LinkRef(record: Int(record), stub: Int(index)) }
    }

    /// The findings in report order.
    private(set) var entries: [Entry]
    /// The findings kept whole, in the order they were handed over (`entries` says where each goes).
    private let whole: [Finding]
    /// What the edge findings are read from; nil when there are none.
    private let graph: ArticleGraph?

    /// Findings kept whole, in the order given.
    public init(_ findings: [Finding]) {
        whole = findings
        entries = findings.indices.map { Entry.whole(findings[$0].kind, at: $0) }
        graph = nil
    }

    /// The findings `entries` name, in their order; `whole` are the ones
    /// kept whole and `graph` the one the others are about.
    init(entries: [Entry], whole: [Finding], graph: ArticleGraph?) {
        self.entries = entries
        self.whole = whole
        self.graph = graph
    }

    /// Findings kept whole, gathered part by part: each part's entries are
    /// what `FindingOrder` merges, and `findings` what the entries point into.
    struct WholeFindings {
        private(set) var findings: [Finding] = []

        /// Keeps `part` after the findings kept so far; its entries, in its order.
        mutating func keep(_ part: [Finding]) -> [Entry] {
            let entries = part.indices.map { Entry.whole(part[$0].kind, at: findings.count + $0) }
            findings += part
            return entries
        }
    }

    /// The same findings with `entries` put in a new order.
    func reordered(_ entries: [Entry]) -> FindingList {
        FindingList(entries: entries, whole: whole, graph: graph)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    /// The finding at `position`, built from the graph unless it is kept whole.
    public subscript(position: Int) -> Finding {
        finding(entries[position])
    }

    /// The kind of the finding at `position`, without building it.
    public func kind(at position: Int) -> FindingKind {
        entries[position].kind
    }

    func finding(_ entry: Entry) -> Finding {
        guard !entry.isWhole, let graph else { return whole[Int(entry.index)] }
        return graph.edgeFinding(entry.kind, at: entry.ref, target: Int(entry.target))
    }

    /// The JSON of the finding at `position` (`Finding.writeJSON`'s bytes), an
    /// edge finding's written without building it (`ArticleGraph.writeEdgeFindingJSON`).
    func writeJSON(at position: Int, depth: Int, into out: inout [UInt8]) {
        let entry = entries[position]
        guard !entry.isWhole, let graph else { return whole[Int(entry.index)].writeJSON(depth: depth, into: &out) }
        graph.writeEdgeFindingJSON(entry.kind, at: entry.ref, target: Int(entry.target), depth: depth, into: &out)
    }

    /// The finding at `position` as its stub and target record, when it is an
    /// edge entry (kept by reference, not whole); nil otherwise.
    func edge(at position: Int) -> (kind: FindingKind, record: Int, target: Int)? {
        let entry = entries[position]
        return entry.isWhole || graph == nil ? nil : (entry.kind, Int(entry.record), Int(entry.target))
    }

    /// The entry's file, line and column, as its finding has them, without building it.
    func place(of entry: Entry) -> (file: String, line: Int, column: Int) {
        guard !entry.isWhole, let graph else {
            let finding = whole[Int(entry.index)]
            return (finding.file, finding.line, finding.column)
        }
        let (line, column) = stubPlace(of: entry)
        return (graph.records[Int(entry.record)].file, line, column)
    }

    /// An edge entry's line and column (its stub's), without its file.
    func stubPlace(of entry: Entry) -> (line: Int, column: Int) {
        // Read through the arrays: a copy of the stub would retain and release its strings.
        let (record, stub) = (Int(entry.record), Int(entry.index))
        return (graph!.records[record].related[stub].line, graph!.records[record].related[stub].column)
    }

    /// The record of an edge entry's stub; nil for a finding kept whole.
    func record(of entry: Entry) -> Int? {
        entry.isWhole || graph == nil ? nil : Int(entry.record)
    }

    /// The records the edge entries are about (none without a graph).
    var records: [Record] { graph?.records ?? [] }

    /// The entry's target URL, as its finding has it, without building it.
    func target(of entry: Entry) -> String? {
        guard !entry.isWhole, let graph else { return whole[Int(entry.index)].target }
        return graph.records[Int(entry.record)].related[Int(entry.index)].displayURL
    }
}

extension FindingList: Equatable {
    /// Equal when they hold equal findings in the same order, however they are kept.
    public static func == (a: FindingList, b: FindingList) -> Bool {
        a.elementsEqual(b)
    }
}

extension FindingList: ExpressibleByArrayLiteral {
    public init(arrayLiteral findings: Finding...) {
        self.init(findings)
    }
}

/// The JSON form of an array of findings; a decoded list keeps them whole.
extension FindingList: Codable {
    public init(from decoder: Decoder) throws {
        self.init(try [Finding](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for finding in self { try container.encode(finding) }
    }
}

extension ArticleGraph {
    /// The finding of an edge-finding kind (stale title or date, asymmetric
    /// link, unpublished target) at the stub `ref`, whose edge goes to
    /// `target`: the one place those findings are built, by their passes and
    /// by `FindingList` when one is read.
    func edgeFinding(_ kind: FindingKind, at ref: LinkRef, target: Int) -> Finding {
        finding(kind, at: ref, target: target, edgeMessage(kind, at: ref, target: target))
    }

    /// The message of `edgeFinding(kind, at: ref, target: target)`.
    private func edgeMessage(_ kind: FindingKind, at ref: LinkRef, target: Int) -> FindingMessage {
        // Fields are read through the arrays, not by copying the whole record or stub.
        switch kind {
        case .staleTitle:
            let (said, actual) = (records[ref.record].related[ref.stub].title, records[target].title)
            let differing = StaleStubs.differing(said, actual) ?? (said ?? "", actual ?? "")
            return .staleTitle(said: differing.said, actual: differing.actual)
        case .staleDate:
            let (said, actual) = (records[ref.record].related[ref.stub].publishedDateTime, records[target].publishedDateTime)
            let differing = StaleStubs.differing(said, actual) ?? (said ?? "", actual ?? "")
            return .staleDate(said: differing.said, actual: differing.actual)
        case .asymmetric:
            return .asymmetric(name(of: target))
        case .unpublishedTarget:
            return .unpublishedTarget(name(of: target))
        default:
            // No other kind is made an edge entry (`EdgeFindingPass`); kept as text should one ever be.
            return .text(kind.explanation)
        }
    }

    /// `edgeFinding(kind, at: ref, target: target).writeJSON(depth:into:)`'s
    /// bytes, written from the graph's strings where they are: a `Finding`
    /// built to be written once retained and released each of its strings,
    /// for each of millions of findings.
    func writeEdgeFindingJSON(_ kind: FindingKind, at ref: LinkRef, target: Int, depth: Int, into out: inout [UInt8]) {
        let (record, stub) = (ref.record, ref.stub)
        Finding.writeJSON(depth: depth, column: records[record].related[stub].column, file: records[record].file, kind: kind,
                          line: records[record].related[stub].line, message: edgeMessage(kind, at: ref, target: target),
                          severity: kind.defaultSeverity, source: records[record].urls.display,
                          target: records[record].related[stub].displayURL, into: &out)
    }
}

/// A pass whose every finding is about a stub that made an edge, so that an
/// analysis can keep its findings as `FindingList` entries, never whole.
protocol EdgeFindingPass: AnalysisPass {
    /// The pass' findings as entries, in the order `findings(in:)` gives them.
    func entries(in graph: ArticleGraph) -> [FindingList.Entry]
}

extension EdgeFindingPass {
    /// `entries(in:)` built into findings: what `findings(in:)` returns.
    func builtFindings(in graph: ArticleGraph) -> [Finding] {
        entries(in: graph).map { graph.edgeFinding($0.kind, at: $0.ref, target: Int($0.target)) }
    }
}
