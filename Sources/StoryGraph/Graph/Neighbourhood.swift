/// The articles within `depth` related links of one article, following
/// links either way (A lists B, or B lists A): what `render --around` draws.
public enum Neighbourhood {
    public static func records(around start: Int, depth: Int, in graph: ArticleGraph) -> Set<Int> {
        var seen: Set<Int> = [start]
        var frontier = [start]
        for _ in 0..<max(0, depth) {
            var next: [Int] = []
            for node in frontier {
                for other in Array(graph.successors(of: node)) + graph.predecessors(of: node) where seen.insert(other).inserted {
                    next.append(other)
                }
            }
            if next.isEmpty { break }
            frontier = next
        }
        return seen
    }
}
