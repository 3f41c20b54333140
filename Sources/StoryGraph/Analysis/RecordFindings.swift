/// Unpublished targets: edges A→B where A is `published: true` and B is
/// `published: false`, so a reader who follows the link finds no page.
public struct UnpublishedTargets: AnalysisPass, EdgeFindingPass {
    public init() {}
    public var kinds: [FindingKind] { [.unpublishedTarget] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        builtFindings(in: graph)
    }

    func entries(in graph: ArticleGraph) -> [FindingList.Entry] {
        graph.edges.compactMap { edge in
            guard graph.records[edge.source].published == true,
                  graph.records[edge.target].published == false else { return nil }
            return .edge(.unpublishedTarget, at: edge.stub, target: edge.target)
        }
    }
}

/// Duplicate records: records that share an alias with an earlier record (in
/// path order). The earlier one owns the alias; one finding per later record,
/// naming the first shared alias.
public struct DuplicateRecords: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.duplicateRecord] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.duplicateOf.keys.sorted().map { index in
            let (alias, owner) = graph.duplicateOf[index]!
            let record = graph.records[index]
            var finding = Finding(kind: .duplicateRecord, file: record.file, line: record.line,
                                  source: record.urls.display, target: graph.records[owner].urls.display,
                                  message: "shares the URL \(alias) with \(graph.records[owner].file), which owns it")
            finding.subject = Finding.Subject(record: index, targetRecord: owner)
            return finding
        }
    }
}
