import StoryGraph

/// The node ids of an export, the same in every format.
///
/// - An article is the first of its canonical aliases that it owns (SPEC.md:
///   the first record in path order owns an alias), such as
///   `techcrunch.com/2024/02/27/alibaba-staff-offers-glimpse`: readable, and
///   stable for as long as the record keeps that URL.
/// - A record that owns no alias (no valid http(s) URL, or a duplicate whose
///   URLs all belong to an earlier record) is `record:FILE:LINE`.
/// - A dangling target is `dangling:` followed by its canonical alias.
///
/// A canonical alias is `host/path`, and its host holds a `:` only when it is
/// an IPv6 literal (hex digits, `:` and `.`), so no alias starts with
/// `record:` or `dangling:`: the three kinds never share an id. Characters
/// that XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE,
/// U+FFFF) are percent-encoded so that GraphML can carry every id. Should two
/// ids still coincide (two URLs that differ only by such a character, or two
/// records on one line of one file), the later ones get ` #2`, ` #3`, ...
struct NodeIDs {
    private var articles: [String] = []
    // Keyed by bytes: Swift's String equality would merge two spellings of `é`, which are two URLs.
    private var danglingIDs: [AliasKey: String] = [:]

    init(_ graph: ArticleGraph) {
        var taken: Set<AliasKey> = []
        func claim(_ wanted: String) -> String {
            var id = Self.xmlSafe(wanted), suffix = 1
            while taken.contains(AliasKey(id)) {
                suffix += 1
                id = Self.xmlSafe(wanted) + " #\(suffix)"
            }
            taken.insert(AliasKey(id))
            return id
        }
        for index in graph.records.indices {
            let owned = graph.aliases.ownedAliases(of: index).first
            let record = graph.records[index]
            articles.append(claim(owned ?? "record:\(record.file):\(record.line)"))
        }
        for link in graph.links {
            if case .dangling(let alias) = link.resolution, danglingIDs[AliasKey(alias)] == nil {
                danglingIDs[AliasKey(alias)] = claim("dangling:" + alias)
            }
        }
    }

    func article(_ record: Int) -> String { articles[record] }

    func dangling(_ alias: String) -> String { danglingIDs[AliasKey(alias)]! }

    /// `text` with every character XML 1.0 cannot hold written as `%XX` (its UTF-8 bytes).
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !XMLText.isAllowed($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if XMLText.isAllowed(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += PercentEscape.escaped(byte) }
            }
        }
        return out
    }
}
