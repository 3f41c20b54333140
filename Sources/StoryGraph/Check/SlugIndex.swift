/// Records grouped by their URL without its last path segment (the slug),
/// so that a dangling URL finds the records whose URL differs only there,
/// and among them those whose slug is like its own.
///
/// "Like" is either of: the slugs' words (split at anything not a letter or
/// digit) overlap by at least half of their union (`moon-landing-50-years`
/// and `moon-landing-50-yrs`), or, in a folder of at most
/// `smallFolder` records, the slugs are at most two edits apart
/// (`moon-landng`). Every blog post of a flat `/blog/` folder differs from
/// every other only in its slug; without the likeness test each would be
/// suggested for each dangling link.
struct SlugIndex: Sendable {
    static let minimumOverlap = 0.5
    static let smallFolder = 32
    /// Words listed by more than this many records of a folder (`azure`)
    /// are not used to find candidates; they still count in the overlap.
    static let commonWord = 100

    private struct Folder: Sendable {
        var records: [Int] = []
        var slugs: [[Unicode.Scalar]] = []
        var words: [Set<String>] = []
        var postings: [String: [Int]] = [:]
    }

    private var folders: [String: Folder] = [:]

    mutating func add(_ alias: String, record: Int) {
        guard let (folder, slug) = Self.split(alias) else { return }
        add(folder: folder, slug: slug, record: record)
    }

    /// Adds a URL already split (`split(_:)`) into its folder key and slug.
    mutating func add(folder folderKey: String, slug: String, record: Int) {
        // Changed in place: a copy taken out and stored back would copy the
        // folder's arrays on every add, quadratic in a flat blog folder.
        Self.add(slug: slug, record: record, to: &folders[folderKey, default: Folder()])
    }

    private static func add(slug: String, record: Int, to folder: inout Folder) {
        guard folder.records.last != record else { return }
        let position = folder.records.count
        let words = Self.words(slug)
        folder.records.append(record)
        folder.slugs.append(Array(slug.unicodeScalars))
        folder.words.append(words)
        for word in words { folder.postings[word, default: []].append(position) }
    }

    /// Records whose URL is `alias` with another, like slug: the most alike first, then in record order.
    func similar(to alias: String) -> [Int] {
        guard let (folderKey, slug) = Self.split(alias), let folder = folders[folderKey] else { return [] }
        let words = Self.words(slug)
        var candidates: Set<Int> = []
        for word in words {
            if let positions = folder.postings[word], positions.count <= Self.commonWord { candidates.formUnion(positions) }
        }
        var scored: [(score: Double, record: Int)] = []
        var alike: Set<Int> = []
        for position in candidates {
            let union = words.union(folder.words[position]).count
            let overlap = union == 0 ? 0 : Double(words.intersection(folder.words[position]).count) / Double(union)
            if overlap >= Self.minimumOverlap {
                scored.append((overlap, folder.records[position]))
                alike.insert(position)
            }
        }
        if folder.records.count <= Self.smallFolder {
            let scalars = Array(slug.unicodeScalars)
            for position in folder.records.indices where !alike.contains(position) {
                let distance = Self.editDistance(scalars, folder.slugs[position], limit: 2)
                if distance <= 2 { scored.append((1 - Double(distance) / 10, folder.records[position])) }
            }
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.record < $1.record }.map(\.record)
    }

    /// `host/a/b/slug?q` → (`host/a/b/*?q`, `slug`); nil without a path segment.
    static func split(_ alias: String) -> (String, String)? {
        var alias = alias
        return alias.withUTF8 { split($0) }
    }

    /// `split` of an alias's UTF-8 bytes.
    static func split(_ alias: UnsafeBufferPointer<UInt8>) -> (String, String)? {
        guard let (slugStart, question) = slugBounds(alias) else { return nil }
        var folder: [UInt8] = []
        folder.reserveCapacity(alias.count - (question - slugStart) + 1)
        writeFolder(alias, slugStart: slugStart, question: question, into: &folder)
        return (String(decoding: folder, as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: alias[slugStart..<question]), as: UTF8.self))
    }

    /// The hash (`KeyHash`) of `split`'s folder key, without making it; nil when `split` gives nil.
    static func folderHash(_ alias: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let (slugStart, question) = slugBounds(alias) else { return nil }
        var hash = KeyHash()
        writeFolder(alias, slugStart: slugStart, question: question, into: &hash)
        return hash.value
    }

    /// Where the slug starts and ends (at the query's `?`, or the end): found
    /// on the bytes, as `?` and `/` are ASCII, never part of another character.
    private static func slugBounds(_ alias: UnsafeBufferPointer<UInt8>) -> (slugStart: Int, question: Int)? {
        let question = alias.firstIndex(of: UInt8(ascii: "?")) ?? alias.count
        guard let slash = alias[..<question].lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let slugStart = slash + 1
        guard slugStart < question else { return nil }
        return (slugStart, question)
    }

    private static func writeFolder(_ alias: UnsafeBufferPointer<UInt8>, slugStart: Int, question: Int, into out: inout some KeyBytes) {
        out.add(UnsafeBufferPointer(rebasing: alias[..<slugStart]))
        out.add(UInt8(ascii: "*"))
        out.add(UnsafeBufferPointer(rebasing: alias[question...]))
    }

    static func words(_ slug: String) -> Set<String> {
        Set(slug.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
    }

    /// Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            var best = current[0]
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                best = min(best, current[j + 1])
            }
            if best > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
