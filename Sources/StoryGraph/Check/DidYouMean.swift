/// Records a dangling stub may have meant: one with the same title (ignoring
/// case and runs of white space), one whose URL differs from the stub's only
/// in a like slug (its last path segment; see `SlugIndex`), or only in its
/// date segments (`/2024/02/27/`, `/2024-02-27/`). At most `limit`, in that
/// order of reasons.
public struct DidYouMean: Sendable {
    public struct Suggestion: Codable, Sendable, Equatable {
        public enum Reason: String, Codable, Sendable {
            case sameTitle = "same title"
            case otherSlug = "URL differs only in its slug"
            case otherDate = "URL differs only in its date"
        }

        public var url: String
        public var file: String
        public var title: String?
        public var reason: Reason
    }

    /// At most this many suggestions per stub.
    public static let limit = 3

    private let graph: ArticleGraph
    private var byTitle: [String: [Int]] = [:]
    private var slugs = SlugIndex()
    private var byDateless: [String: [Int]] = [:]

    public init(_ graph: ArticleGraph) {
        self.graph = graph
        for (record, aliases) in graph.aliases.enumerated() {
            if let title = graph.records[record].title.map(Self.normalizedTitle), !title.isEmpty {
                byTitle[title, default: []].append(record)
            }
            for alias in aliases where graph.aliasOwner[AliasKey(alias)] == record {
                slugs.add(alias, record: record)
                if let key = Self.dateless(alias), byDateless[key]?.last != record { byDateless[key, default: []].append(record) }
            }
        }
    }

    /// Suggestions for a dangling finding, best first; empty for other findings.
    public func suggestions(for finding: Finding) -> [Suggestion] {
        guard finding.kind == .dangling, let ref = finding.subject.stub else { return [] }
        let stub = graph.records[ref.record].related[ref.stub]
        guard let alias = URLCanonicalizer.aliases(stub.urls).first else { return [] }
        var out: [Suggestion] = []
        var taken: Set<Int> = [ref.record]
        func add(_ records: [Int]?, _ reason: Suggestion.Reason) {
            for record in records ?? [] where out.count < Self.limit && taken.insert(record).inserted {
                let target = graph.records[record]
                out.append(Suggestion(url: target.urls.display ?? "", file: target.file, title: target.title, reason: reason))
            }
        }
        add(stub.title.map(Self.normalizedTitle).flatMap { byTitle[$0] }, .sameTitle)
        add(slugs.similar(to: alias), .otherSlug)
        add(Self.dateless(alias).flatMap { byDateless[$0] }, .otherDate)
        return out
    }

    static func normalizedTitle(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The alias with each date segment replaced by `#`; nil when it has none.
    /// A month or day (one or two digits) counts only after a year.
    static func dateless(_ alias: String) -> String? {
        let (segments, query) = split(alias)
        guard segments.count > 1 else { return nil }
        var sawYear = false
        var out = [segments[0]]
        for segment in segments.dropFirst() {
            let isNumber = segment.allSatisfy { $0.isASCII && $0.isNumber }
            if isWholeDate(segment) || (isNumber && segment.count == 4 && (segment.hasPrefix("19") || segment.hasPrefix("20"))) {
                sawYear = true
                out.append("#")
            } else if sawYear && isNumber && segment.count <= 2 {
                out.append("#")
            } else {
                out.append(segment)
            }
        }
        return sawYear ? out.joined(separator: "/") + query : nil
    }

    /// Host and path segments, and the `?query` (or "").
    private static func split(_ alias: String) -> ([Substring], String) {
        let question = alias.firstIndex(of: "?") ?? alias.endIndex
        return (alias[..<question].split(separator: "/", omittingEmptySubsequences: false), String(alias[question...]))
    }

    /// A whole date in one segment: `2024-02-27`, `2024-02`, `20240227`.
    static func isWholeDate(_ segment: Substring) -> Bool {
        if segment.count == 8, segment.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return segment.hasPrefix("19") || segment.hasPrefix("20")
        }
        let parts = segment.split(separator: "-", omittingEmptySubsequences: false)
        return (parts.count == 2 || parts.count == 3) && parts[0].count == 4
            && parts.dropFirst().allSatisfy { (1...2).contains($0.count) }
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
