/// Asymmetric links: edges A→B with no edge B→A, one finding per edge, at the
/// stub of A that names B. The edges that are not asymmetric form mutual
/// pairs: `mutualPairs = (edges - asymmetric) / 2`.
public struct AsymmetricLinks: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.asymmetric] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.edges.compactMap { edge in
            guard !graph.hasEdge(from: edge.target, to: edge.source) else { return nil }
            return graph.finding(.asymmetric, at: edge.stub, target: edge.target,
                                 .asymmetric(graph.name(of: edge.target)))
        }
    }
}
