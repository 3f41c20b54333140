/// One analysis over the graph that yields findings of its kinds.
///
/// Passes are small and independent: each reads the graph and states in its
/// doc comment exactly what it counts, so a count in the report can be traced
/// to one type.
public protocol AnalysisPass: Sendable {
    /// The kinds of finding this pass can yield.
    var kinds: [FindingKind] { get }
    func findings(in graph: ArticleGraph) -> [Finding]
}

/// Every pass, in the order their findings are explained.
public enum AnalysisPasses {
    public static let all: [any AnalysisPass] = [
        DuplicateRecords(), MalformedLinks(), DanglingReferences(), AsymmetricLinks(),
        SelfLinks(), DuplicateLinks(), StaleStubs(), UnpublishedTargets(),
    ]
}
