import Foundation

/// A finding's identity across runs: its rule, the record it is about and
/// what it points at, never its line, so that editing other parts of a file
/// (or other files) keeps the key.
///
/// A record is named by its first canonical URL (its first alias), or by its
/// file (relative to the folder it was found under) when it has no URL; a
/// target by the first alias of the target record, or of the stub when the
/// stub names no record. Findings without a record (`unreadable`, `skipped`)
/// are keyed by their file. When one record has several findings with the
/// same rule and target (two malformed stubs), the second gets `#2`, and so on.
public enum FindingIdentity {
    /// - Parameter jobs: threads that work out the keys' bases (the numbering is
    ///   in finding order); the keys are the same whatever their number.
    public static func keys(for findings: FindingList, in graph: ArticleGraph, files: CheckFiles, jobs: Int = 1) -> [String] {
        // Every key is wanted here, so each base is built once and kept.
        let bases = ParallelMap.map(Array(findings.indices), jobs: jobs) { base(of: findings[$0], in: graph, files: files) }
        let occurrences = occurrences(hashes: bases.map(\.hashValue)) { bases[$0] }
        return bases.indices.map { key(base: bases[$0], occurrence: occurrences[$0]) }
    }

    /// A finding's key: its base, then ` #n` from its base's second occurrence on.
    static func key(base: String, occurrence: Int32) -> String {
        occurrence == 1 ? base : base + " #\(occurrence)"
    }

    /// Rule, source and target, without the numbering.
    static func base(of finding: Finding, in graph: ArticleGraph, files: CheckFiles) -> String {
        let (kind, source, target) = (finding.kind.rawValue, source(finding, graph, files), target(finding, graph))
        var base = ""
        base.reserveCapacity(kind.utf8.count + source.utf8.count + target.utf8.count + 2)
        base += kind
        base += " "
        base += source
        base += " "
        base += target
        return base
    }

    /// How many times each finding's base has occurred up to it, in finding
    /// order (1 the first time). Only the bases' hashes are kept (a key is
    /// built again when it is read), and only bases whose hashes tie are built
    /// again here to be compared.
    static func occurrences(for findings: FindingList, in graph: ArticleGraph, files: CheckFiles, jobs: Int) -> [Int32] {
        let hashes = ParallelMap.map(Array(findings.indices), jobs: jobs, state: { [UInt8]() }) { buffer, index in
            base(at: index, in: findings, graph: graph, files: files, buffer: &buffer).hashValue
        }
        var buffer: [UInt8] = []
        return occurrences(hashes: hashes) { base(at: $0, in: findings, graph: graph, files: files, buffer: &buffer) }
    }

    /// `base(of: findings[index], in: graph, files: files)`, the same bytes.
    /// An edge finding's base (nearly all of them: stale dates, asymmetric
    /// links, unpublished targets) is spelt into `buffer` from the alias
    /// table's bytes, without building the finding (its message included) or
    /// the three strings the base is joined from: at a million records, done
    /// for 3.1 million findings twice (once to number them, once to write
    /// their keys), that was most of what `check` did besides loading.
    static func base(at index: Int, in findings: FindingList, graph: ArticleGraph, files: CheckFiles,
                     buffer: inout [UInt8]) -> String {
        // Edge kinds name their source by its first alias (only a duplicate record is named by file).
        guard let (kind, record, target) = findings.edge(at: index), kind != .duplicateRecord else {
            return base(of: findings[index], in: graph, files: files)
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: kind.rawValue.utf8)
        buffer.append(UInt8(ascii: " "))
        // A record without an alias, or a target without one: spelt the long way.
        guard graph.aliases.appendFirstAlias(of: record, to: &buffer) else { return base(of: findings[index], in: graph, files: files) }
        buffer.append(UInt8(ascii: " "))
        guard graph.aliases.appendFirstAlias(of: target, to: &buffer) else { return base(of: findings[index], in: graph, files: files) }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// How many times each text has occurred so far, in index order (1 the
    /// first time), texts equal as `String`s are; `hashes[i]` is the
    /// `hashValue` of `text(i)`.
    ///
    /// Nearly every base is unique. Instead of a dictionary of every base,
    /// filled one at a time, the indices are sorted by hash (one `UInt64`
    /// each: the hash's top half, then the index) and only texts whose hashes
    /// tie are compared: at a million records (3.1 million findings) the keys
    /// took 9.3 s the first way and 5.7 s the second, when both built every key.
    static func occurrences(hashes: [Int], text: (Int) -> String) -> [Int32] {
        precondition(hashes.count <= Int(UInt32.max), "more findings than a key's index holds")
        var order = hashes.indices.map { UInt64(UInt(bitPattern: hashes[$0])) & 0xFFFF_FFFF_0000_0000 | UInt64($0) }
        order.sort()
        var occurrences = [Int32](repeating: 1, count: hashes.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && order[end] >> 32 == order[start] >> 32 { end += 1 }
            if end - start > 1 {
                // A group of findings whose hashes tie, in finding order.
                var seen: [String: Int32] = [:]
                for position in start..<end {
                    let index = Int(order[position] & 0xFFFF_FFFF)
                    let text = text(index)
                    seen[text, default: 0] += 1
                    occurrences[index] = seen[text]!
                }
            }
            start = end
        }
        return occurrences
    }

    private static func source(_ finding: Finding, _ graph: ArticleGraph, _ files: CheckFiles) -> String {
        guard let record = finding.subject.record else { return "file:" + files.relative(finding.file) }
        // A duplicate record shares its URL with its owner: only its file tells it apart.
        if finding.kind != .duplicateRecord, let alias = graph.aliases.firstAlias(of: record) { return alias }
        return "file:" + files.relative(graph.records[record].file)
    }

    private static func target(_ finding: Finding, _ graph: ArticleGraph) -> String {
        if finding.kind == .duplicateRecord, let record = finding.subject.record {
            return graph.duplicateOf[record]?.alias ?? "-"
        }
        if let target = finding.subject.targetRecord, let alias = graph.aliases.firstAlias(of: target) { return alias }
        if let ref = finding.subject.stub {
            let stub = graph.records[ref.record].related[ref.stub]
            if let alias = URLCanonicalizer.aliases(stub.urls).first { return alias }
        }
        return "-"
    }

    /// A short stable hash of a key (FNV-1a, 64 bits, as 16 hex digits), for
    /// SARIF's `partialFingerprints`.
    public static func fingerprint(_ key: String) -> String {
        // Every finding of every format but text gets one: the key's bytes are
        // read in place and the digits written into one small string.
        let hash = KeyHash.of(key)
        return String(unsafeUninitializedCapacity: 16) { out in
            for place in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(place)) & 0xF)
                out[place] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}

/// The findings accepted as they are: `check --baseline FILE` reports them as
/// suppressed and fails only on findings whose key is not in it.
///
/// The file is JSON: `{"storygraph_baseline": 1, "findings": [{"key", "rule",
/// "file", "message"}, ...]}`, sorted by key. Only `key` is matched; file and
/// message are there for people reading the file.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var key: String
        public var rule: String
        public var file: String
        public var message: String
    }

    public var entries: [Entry]
    public var keys: Set<String> { Set(entries.map(\.key)) }

    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private struct FileForm: Codable {
        var storygraphBaseline: Int
        var findings: [Entry]

        enum CodingKeys: String, CodingKey {
            case storygraphBaseline = "storygraph_baseline"
            case findings
        }
    }

    public static let version = 1

    public func jsonData() throws -> Data {
        Data(try BlockStream.collect { try writeJSON($0) })
    }

    /// Writes `jsonData()`'s bytes in pieces (`BlockStream`), the entries
    /// encoded on up to `jobs` threads: the bytes `JSONEncoder` gives for
    /// `FileForm` with `.prettyPrinted`, `.sortedKeys` and
    /// `.withoutEscapingSlashes`, never all in memory (a baseline of a large
    /// archive holds millions of entries).
    public func writeJSON(jobs: Int = 1, _ write: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        var form = PrettyJSON.Object(depth: 0)
        form.key("findings", into: &buffer)
        let entries = self.entries
        try PrettyJSON.streamedArray(count: entries.count, depth: 1, jobs: jobs, pending: &buffer, bytesPerItem: 400,
                                     element: { entries[$0].writeJSON(depth: 2, into: &$1) }, write)
        form.int("storygraph_baseline", Self.version, into: &buffer)
        form.end(into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        try write(buffer)
    }

    /// Reads a baseline file; a missing or foreign file is a `BaselineError`.
    public static func load(_ path: String) throws(BaselineError) -> Baseline {
        let data: Data
        do {
            data = Data(try RecordFiles.read(path))   // a regular file, size-capped, as records are
        } catch {
            throw BaselineError(file: path, message: error.message.hasPrefix("cannot be read") ? error.message : "cannot be read: \(error.message)")
        }
        do {
            let form = try JSONDecoder().decode(FileForm.self, from: data)
            guard form.storygraphBaseline == version else {
                throw BaselineError(file: path, message: "is baseline version \(form.storygraphBaseline); this storygraph reads version \(version)")
            }
            return Baseline(entries: form.findings)
        } catch let error as BaselineError {
            throw error
        } catch {
            throw BaselineError(file: path, message: "is not a storygraph baseline (JSON with \"storygraph_baseline\" and \"findings\")")
        }
    }
}

public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "baseline \(file) \(message)" }
}

extension Baseline.Entry: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.string("file", file, into: &out)
        object.string("key", key, into: &out)
        object.string("message", message, into: &out)
        object.string("rule", rule, into: &out)
        object.end(into: &out)
    }
}
