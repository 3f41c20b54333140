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
        let neighbours = Self.neighbourLists(pairs, nodeCount: n)

        let rareTerms = Self.rareTermLists(terms, limit: max(3, n / 100), recordCount: n)
        // Read through the array by index: `records.map` would copy every record.
        let days = graph.records.indices.map { graph.records[$0].publishedDateTime.flatMap(Self.dayNumber) }

        var edges: [(Int, Int, Double)] = []
        edges.reserveCapacity(pairs.count)
        for pair in pairs {
            let shared = Double(neighbours.commonCount(pair.a, pair.b))
            let link = pair.mutual ? 4.0 : shared > 0 ? 1.0 : 0.1
            let rareShared = rareTerms.commonCount(pair.a, pair.b)
            var content = 0.5 * Double(min(4, rareShared))
            if let dayA = days[pair.a], let dayB = days[pair.b], abs(dayA - dayB) <= 3 { content += 0.5 }
            edges.append((pair.a, pair.b, link * (1 + shared) * (1 + content)))
        }
        return WeightedGraph(nodeCount: n, edges: edges)
    }

    /// Each record's rare terms (carried by at most `limit` records), sorted, end to end in one array.
    static func rareTermLists(_ terms: TitleTerms, limit: Int, recordCount n: Int) -> NeighbourLists {
        var offsets = [0], rare: [Int32] = []
        offsets.reserveCapacity(n + 1)
        for record in 0..<n {
            for term in terms.terms(of: record) where terms.documentFrequency[Int(term)] <= limit { rare.append(term) }
            offsets.append(rare.count)
        }
        return NeighbourLists(offsets: offsets, neighbours: rare)
    }

    /// Each record's undirected neighbours (or rare terms), sorted, end to end in one array.
    struct NeighbourLists {
        let offsets: [Int]
        let neighbours: [Int32]
        func of(_ node: Int) -> ArraySlice<Int32> { neighbours[offsets[node]..<offsets[node + 1]] }

        /// How many values the lists of `a` and `b` share: a merge of the two
        /// sorted lists, on the array's storage (no slice, no retain per pair).
        func commonCount(_ a: Int, _ b: Int) -> Int {
            neighbours.withUnsafeBufferPointer { list in
                var i = offsets[a], j = offsets[b], count = 0
                let endA = offsets[a + 1], endB = offsets[b + 1]
                while i < endA && j < endB {
                    let (x, y) = (list[i], list[j])
                    if x == y {
                        count += 1
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                return count
            }
        }
    }

    static func neighbourLists(_ pairs: [(a: Int, b: Int, mutual: Bool)], nodeCount n: Int) -> NeighbourLists {
        var offsets = [Int](repeating: 0, count: n + 1)
        for pair in pairs {
            offsets[pair.a + 1] += 1
            offsets[pair.b + 1] += 1
        }
        for node in 0..<n { offsets[node + 1] += offsets[node] }
        var next = offsets
        var neighbours = [Int32](repeating: 0, count: offsets[n])
        for pair in pairs {
            neighbours[next[pair.a]] = Int32(pair.b)
            next[pair.a] += 1
            neighbours[next[pair.b]] = Int32(pair.a)
            next[pair.b] += 1
        }
        for node in 0..<n { neighbours[offsets[node]..<offsets[node + 1]].sort() }
        return NeighbourLists(offsets: offsets, neighbours: neighbours)
    }

    /// Days since 0000-03-01 of a `YYYY-MM-DD…` date, or nil when it is not one.
    static func dayNumber(_ dateTime: String) -> Int? {
        // Read from the string's own UTF-8 storage: no array of its bytes per record.
        var text = dateTime
        return text.withUTF8 { utf8 in
            guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in utf8[range] {
                    guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            return dayNumber(year: year, month: month, day: day)
        }
    }

    /// Days since 0000-03-01 of a civil date.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        var year = year
        // Days from civil (Howard Hinnant's algorithm), years starting in March.
        if month <= 2 { year -= 1 }
        let era = year / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
