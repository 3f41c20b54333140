/// Asymmetric links: edges A→B with no edge B→A, one finding per edge, at the
/// stub of A that names B. The edges that are not asymmetric form mutual
/// pairs: `mutualPairs = (edges - asymmetric) / 2`.
public struct AsymmetricLinks: AnalysisPass, EdgeFindingPass {
    public init() {}
    public var kinds: [FindingKind] { [.asymmetric] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        builtFindings(in: graph)
    }

    func entries(in graph: ArticleGraph) -> [FindingList.Entry] {
        graph.edges.compactMap { edge in
            graph.hasEdge(from: edge.target, to: edge.source) ? nil : .edge(.asymmetric, at: edge.stub, target: edge.target)
        }
    }
}
