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

    /// Indexes the records under the keys the graph's dangling stubs look up:
    /// their titles, their URLs' folders and their URLs without dates. A record
    /// under any other key can never be suggested, and an archive has far more
    /// records than dangling stubs. The records' keys are worked out on up to
    /// `jobs` threads; the index is the same whatever their number.
    public init(_ graph: ArticleGraph, jobs: Int = 1) {
        self.graph = graph
        var wanted = (titles: WantedKeys(), folders: WantedKeys(), dateless: WantedKeys())
        for link in graph.links {
            guard case .dangling(let alias) = link.resolution else { continue }
            if let title = graph.records[link.ref.record].related[link.ref.stub].title.map(Self.normalizedTitle) {
                wanted.titles.insert(title)
            }
            if let (folder, _) = SlugIndex.split(alias) { wanted.folders.insert(folder) }
            if let key = Self.dateless(alias) { wanted.dateless.insert(key) }
        }
        guard !wanted.titles.isEmpty || !wanted.folders.isEmpty || !wanted.dateless.isEmpty else { return }

        let finder = KeyFinder(graph: graph, titles: wanted.titles, folders: wanted.folders, dateless: wanted.dateless)
        let keys = ParallelMap.map(Array(graph.aliases.indices), jobs: jobs) { finder.keys(of: $0) }
        for (record, recordKeys) in keys.enumerated() {
            if let title = recordKeys.title { byTitle[title, default: []].append(record) }
            for (folder, slug) in recordKeys.slugs { slugs.add(folder: folder, slug: slug, record: record) }
            for key in recordKeys.dateless where byDateless[key]?.last != record { byDateless[key, default: []].append(record) }
        }
    }

    /// One record's keys among the wanted ones.
    private struct RecordKeys: Sendable {
        var title: String?
        var slugs: [(folder: String, slug: String)] = []
        var dateless: [String] = []
    }

    /// Finds each record's wanted keys; one object, so that the threads
    /// share the sets without retaining each of them for each record.
    private final class KeyFinder: Sendable {
        let graph: ArticleGraph
        let titles: WantedKeys, folders: WantedKeys, dateless: WantedKeys

        init(graph: ArticleGraph, titles: WantedKeys, folders: WantedKeys, dateless: WantedKeys) {
            (self.graph, self.titles, self.folders, self.dateless) = (graph, titles, folders, dateless)
        }

        func keys(of record: Int) -> RecordKeys {
            var keys = RecordKeys()
            if !titles.isEmpty, let title = graph.records[record].title, DidYouMean.mayBeWanted(title: title, in: titles) {
                let key = DidYouMean.normalizedTitle(title)
                if !key.isEmpty && titles.contains(key) { keys.title = key }
            }
            graph.aliases.forEachOwnedAlias(of: record) { alias in
                if !folders.isEmpty, let hash = SlugIndex.folderHash(alias), folders.mayContain(hash: hash),
                   let (folder, slug) = SlugIndex.split(alias), folders.contains(folder) {
                    keys.slugs.append((folder, slug))
                }
                var hash = KeyHash()
                if !dateless.isEmpty, DidYouMean.dateless(alias, into: &hash), dateless.mayContain(hash: hash.value),
                   let key = DidYouMean.dateless(alias), dateless.contains(key) {
                    keys.dateless.append(key)
                }
            }
            return keys
        }
    }

    /// False when the title's normalised form is surely not wanted (by its hash); true to look it up.
    static func mayBeWanted(title: String, in wanted: WantedKeys) -> Bool {
        var title = title
        return title.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return true }
            var hash = KeyHash()
            normalizedASCIITitle(utf8, into: &hash)
            return wanted.mayContain(hash: hash.value)
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

    /// Lowercased, runs of white space made one space, none at either end.
    static func normalizedTitle(_ title: String) -> String {
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else {
            return title.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var title = title
        return title.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            normalizedASCIITitle(utf8, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `normalizedTitle` of an ASCII title (the index reads every record's
    /// title): the same on bytes, where lowercasing maps A-Z only and the
    /// white space is tab to CR and space.
    static func normalizedASCIITitle(_ title: UnsafeBufferPointer<UInt8>, into out: inout some KeyBytes) {
        var wroteAny = false
        var spaceDue = false
        for byte in title {
            if byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) {
                spaceDue = wroteAny
                continue
            }
            if spaceDue { out.add(UInt8(ascii: " ")); spaceDue = false }
            out.add((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte)
            wroteAny = true
        }
    }

    /// The alias with each date segment replaced by `#`; nil when it has none.
    /// A month or day (one or two digits) counts only after a year.
    /// Worked on the UTF-8 bytes: `/`, `?`, `-` and digits are ASCII.
    static func dateless(_ alias: String) -> String? {
        var alias = alias
        return alias.withUTF8 { dateless($0) }
    }

    /// `dateless` of an alias's UTF-8 bytes.
    static func dateless(_ alias: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(alias.count)
        return dateless(alias, into: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Writes `dateless`'s key of the alias's bytes into `out`; false (and
    /// `out` to be ignored) when the alias has no date segment.
    static func dateless(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout some KeyBytes) -> Bool {
        let question = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        guard let firstSlash = bytes[..<question].firstIndex(of: UInt8(ascii: "/")) else { return false }
        out.add(UnsafeBufferPointer(rebasing: bytes[..<firstSlash]))
        var sawYear = false
        var start = firstSlash + 1
        while true {
            let end = bytes[start..<question].firstIndex(of: UInt8(ascii: "/")) ?? question
            let segment = bytes[start..<end]
            let isNumber = segment.allSatisfy(isDigit)
            out.add(UInt8(ascii: "/"))
            if isWholeDate(segment) || (isNumber && segment.count == 4 && isCentury(segment)) {
                sawYear = true
                out.add(UInt8(ascii: "#"))
            } else if sawYear && isNumber && segment.count <= 2 {
                out.add(UInt8(ascii: "#"))
            } else {
                out.add(UnsafeBufferPointer(rebasing: segment))
            }
            guard end < question else { break }
            start = end + 1
        }
        guard sawYear else { return false }
        out.add(UnsafeBufferPointer(rebasing: bytes[question...]))
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Starts with `19` or `20`.
    private static func isCentury(_ segment: some Collection<UInt8>) -> Bool {
        segment.starts(with: "19".utf8) || segment.starts(with: "20".utf8)
    }

    /// A whole date in one segment: `2024-02-27`, `2024-02`, `20240227`.
    static func isWholeDate(_ segment: some Collection<UInt8>) -> Bool {
        if segment.count == 8, segment.allSatisfy(isDigit) {
            return isCentury(segment)
        }
        let parts = segment.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return (parts.count == 2 || parts.count == 3) && parts[0].count == 4
            && parts.dropFirst().allSatisfy { (1...2).contains($0.count) }
            && parts.allSatisfy { $0.allSatisfy(isDigit) }
    }
}
