/// The undirected, weighted graph stories are found on: one edge per pair of
/// records joined by a related link (either way), weighted by how much the
/// records say the two belong to one story.
///
/// weight = link × (1 + shared neighbours) × (1 + content), where
/// - shared neighbours counts the records linked (either way) to both: links
///   inside a story close triangles, bridges rarely do;
/// - link is 4 for a mutual pair, 1 for a one-way link that closes a
///   triangle, and 0.1 for a one-way link that closes none: an editor who
///   links both ways files both under one story, while a lone one-way link
///   is the mark of a bridge (a round-up, a "see also" to an older story).
///   On gen_corpus.py corpora with bridges these three values lift the ARI
///   from 0.86 (2, 1, 1) to 0.98 (see BENCHMARKS.md);
/// - content is ½ per shared rare term (title word or topic carried by at
///   most 1 % of the records, at least 3), counting up to four, plus ½ when
///   the two were published within three days of each other.
public struct StoryWeights: Sendable {
    public static func graph(_ graph: ArticleGraph) -> WeightedGraph {
        self.graph(graph, terms: TitleTerms(graph.records))
    }

    static func graph(_ graph: ArticleGraph, terms: TitleTerms) -> WeightedGraph {
        let n = graph.nodeCount
        // Undirected pairs (a < b), in order, and each record's undirected neighbours, sorted.
        var pairs: [(a: Int, b: Int, mutual: Bool)] = []
        pairs.reserveCapacity(graph.edges.count)
        for edge in graph.edges {
            let mutual = graph.hasEdge(from: edge.target, to: edge.source)
            if mutual && edge.source > edge.target { continue }
            pairs.append((min(edge.source, edge.target), max(edge.source, edge.target), mutual))
        }
        var neighbours = [[Int]](repeating: [], count: n)
        for pair in pairs {
            neighbours[pair.a].append(pair.b)
            neighbours[pair.b].append(pair.a)
        }
        for node in 0..<n { neighbours[node].sort() }

        let rareLimit = max(3, n / 100)
        let rareTerms = terms.termsOf.map { $0.filter { terms.documentFrequency[$0] <= rareLimit } }
        let days = graph.records.map { $0.publishedDateTime.flatMap(Self.dayNumber) }

        let edges = pairs.map { pair -> (Int, Int, Double) in
            let shared = Double(Self.commonCount(neighbours[pair.a], neighbours[pair.b]))
            let link = pair.mutual ? 4.0 : shared > 0 ? 1.0 : 0.1
            var content = 0.5 * Double(min(4, Self.commonCount(rareTerms[pair.a], rareTerms[pair.b])))
            if let dayA = days[pair.a], let dayB = days[pair.b], abs(dayA - dayB) <= 3 { content += 0.5 }
            return (pair.a, pair.b, link * (1 + shared) * (1 + content))
        }
        return WeightedGraph(nodeCount: n, edges: edges)
    }

    /// How many values two sorted lists share.
    static func commonCount(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    /// Days since 0000-03-01 of a `YYYY-MM-DD…` date, or nil when it is not one.
    static func dayNumber(_ dateTime: String) -> Int? {
        let bytes = Array(dateTime.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard var year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Days from civil (Howard Hinnant's algorithm), years starting in March.
        if month <= 2 { year -= 1 }
        let era = year / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
