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

    /// Each record's neighbours, linked either way, are the weighted graph's
    /// adjacency as they stand: sorted, each pair once at each end, no pair
    /// twice and no self loop (an edge joins two records). So the graph is
    /// built from those lists and a weight for each entry; no list of pairs
    /// or of weighted edges is made to be sorted again. Every term of the
    /// weight is symmetric, so each pair's is worked out once, at its smaller
    /// end, and copied to the other.
    static func graph(_ graph: ArticleGraph, terms: TitleTerms) -> WeightedGraph {
        let n = graph.nodeCount
        let (neighbours, mutual) = Self.neighbourLists(graph)
        let rareTerms = Self.rareTermLists(terms, limit: max(3, n / 100), recordCount: n)
        // Read through the array by index: `records.map` would copy every record.
        // Day numbers as `Int32`, `.min` for none: 4 bytes a record where `Int?` took 16.
        let days = graph.records.indices.map { index -> Int32 in
            graph.records[index].publishedDateTime.flatMap(Self.dayNumber).map { Int32(clamping: $0) } ?? .min
        }

        var weights = [Double](repeating: 0, count: neighbours.neighbours.count)
        // Where the next smaller neighbour's entry goes in each list: records are
        // visited in order, so each list's smaller neighbours come in its own order.
        var mirror = neighbours.offsets
        for a in 0..<n {
            for index in neighbours.offsets[a]..<neighbours.offsets[a + 1] {
                let b = Int(neighbours.neighbours[index])
                guard b > a else { continue }
                let shared = Double(neighbours.commonCount(a, b))
                let link = mutual[index] ? 4.0 : shared > 0 ? 1.0 : 0.1
                let rareShared = rareTerms.commonCount(a, b)
                var content = 0.5 * Double(min(4, rareShared))
                if days[a] != .min && days[b] != .min && abs(Int(days[a]) - Int(days[b])) <= 3 { content += 0.5 }
                weights[index] = link * (1 + shared) * (1 + content)
                weights[mirror[b]] = weights[index]
                mirror[b] += 1
            }
        }
        return WeightedGraph(offsets: neighbours.offsets, neighbours: neighbours.neighbours, weights: weights,
                             selfLoops: [Double](repeating: 0, count: n))
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

    /// Each record's undirected neighbours (linked to it or from it), sorted:
    /// its successors and its predecessors merged, a record in both once; and
    /// for each entry, whether the two link each other (the record was in both).
    static func neighbourLists(_ graph: ArticleGraph) -> (lists: NeighbourLists, mutual: [Bool]) {
        var offsets = [0]
        offsets.reserveCapacity(graph.nodeCount + 1)
        var neighbours: [Int32] = [], mutual: [Bool] = []
        neighbours.reserveCapacity(2 * graph.edges.count)
        mutual.reserveCapacity(2 * graph.edges.count)
        for node in 0..<graph.nodeCount {
            let (out, into) = (graph.successors(of: node), graph.predecessors(of: node))
            var (i, j) = (out.startIndex, into.startIndex)
            while i < out.endIndex || j < into.endIndex {
                let next: Int
                var both = false
                if j == into.endIndex || (i < out.endIndex && out[i] <= into[j]) {
                    next = out[i]
                    if j < into.endIndex && into[j] == next { j += 1; both = true }
                    i += 1
                } else {
                    next = into[j]
                    j += 1
                }
                neighbours.append(Int32(next))
                mutual.append(both)
            }
            offsets.append(neighbours.count)
        }
        return (NeighbourLists(offsets: offsets, neighbours: neighbours), mutual)
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
