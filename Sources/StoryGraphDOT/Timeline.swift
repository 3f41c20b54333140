import StoryGraph

/// The DOT that stands a cluster's articles in date columns: one plain-text
/// date node per column (none when all share one), chained by invisible edges in time order, and a
/// `rank=same` group per column. Columns are days, or months when a story
/// spans more than `maxColumns` days, or years beyond that; undated articles
/// (and ghosts whose stub has no date) stand in a last "no date" column.
/// The encoder turns every edge to point forward in time (`dir=back` when the
/// link points back), so edges and dates agree on the order of the columns.
/// A cluster whose articles share one date gets no columns at all.
struct Timeline {
    static let maxColumns = 14

    let dot: String
    /// The column of each node (`r3`, `d0`), left to right.
    let columnOf: [String: Int]

    init(cluster: Int, members: [Int], ghosts: [Ghosts.Ghost], graph: ArticleGraph) {
        let dated: [(node: String, date: String?)] = members.map { ("r\($0)", graph.records[$0].publishedDateTime) }
            + ghosts.map { ("d\($0.id)", $0.date) }
        let length = Self.keyLength(dated.compactMap(\.date))
        var columns: [String: [String]] = [:]
        for (node, date) in dated {
            columns[date.map { String($0.trimmingPrefixSpaces.prefix(length)) } ?? "", default: []].append(node)
        }
        // "" (no date) sorts first; it is drawn last.
        let keys = columns.keys.sorted().filter { !$0.isEmpty } + (columns[""] == nil ? [] : [""])
        guard keys.count > 1 else {
            (dot, columnOf) = ("", [:])
            return
        }
        var out = ""
        var columnOf: [String: Int] = [:]
        for (number, key) in keys.enumerated() {
            let id = "t\(cluster)_\(number)"
            out += "    \(id) [shape=plaintext, style=\"\", fontsize=9, fontcolor=\"#718096\", tooltip=\" \", label=\(DOTText.quoted(key.isEmpty ? "no date" : key))];\n"
            out += "    { rank=same; \(id); \(columns[key]!.joined(separator: "; ")); }\n"
            if number > 0 { out += "    t\(cluster)_\(number - 1) -> \(id) [style=invis];\n" }
            for node in columns[key]! { columnOf[node] = number }
        }
        self.columnOf = columnOf
        dot = out
    }

    /// 10 (days), 7 (months) or 4 (years): the finest that gives at most `maxColumns` columns.
    static func keyLength(_ dates: [String]) -> Int {
        for length in [10, 7] where Set(dates.map { $0.trimmingPrefixSpaces.prefix(length) }).count <= maxColumns {
            return length
        }
        return 4
    }
}

private extension String {
    var trimmingPrefixSpaces: Substring { drop(while: \.isWhitespace) }
}
