import Foundation

/// The fix for an asymmetric link A→B: the stub naming A to add to B's
/// `related`, indented as B's file indents its entries.
public struct BackLinkFix: Sendable, Equatable {
    /// B's file, which gets the stub.
    public var file: String
    /// B and A, as graph indices.
    public var record: Int
    public var target: Int
    /// The stub's lines (no line ends), exactly as `--fix` inserts them;
    /// empty when no stub can name A.
    public var lines: [String]
    /// Why `--fix` cannot insert it (the stub is still shown, ready to paste).
    public var unfixable: String?

    public var yaml: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
}

/// Plans back-links for asymmetric findings and writes them into the files.
///
/// Only front-matter files are edited: a JSON record's `related` is left to
/// the person (the stub is still shown).
public struct BackLinks {
    public let graph: ArticleGraph
    private var blocks: [String: Result<RelatedBlock, FixError>] = [:]

    public init(_ graph: ArticleGraph) { self.graph = graph }

    /// The fix for an asymmetric finding; nil for other findings. When A has
    /// no URL of its own (each is owned by an earlier duplicate), no stub can
    /// name it: the fix has no lines and says so.
    public mutating func fix(for finding: Finding) -> BackLinkFix? {
        guard finding.kind == .asymmetric, let source = finding.subject.record,
              let target = finding.subject.targetRecord else { return nil }
        let file = graph.records[target].file
        guard let url = ownURL(of: source) else {
            return BackLinkFix(file: file, record: target, target: source, lines: [],
                               unfixable: "every URL of \(graph.records[source].file) is another record's (a duplicate record); resolve that first")
        }
        var indent = (dash: 2, key: 4)
        var unfixable: String?
        if let known = graph.records[target].relatedIndent {
            // What `locate` would find, as the loader saw the file (`RelatedIndent`).
            indent = (Int(known.dash), Int(known.key))
        } else {
            switch locate(file) {
            case .success(let found): indent = (found.dashIndent, found.keyIndent)
            case .failure(let error): unfixable = error.description
            }
        }
        let lines = YAMLStub.lines(for: graph.records[source], url: url, dashIndent: indent.dash, keyIndent: indent.key)
        return BackLinkFix(file: file, record: target, target: source, lines: lines, unfixable: unfixable)
    }

    /// The first of the record's URLs (webUrl first) whose canonical form the record owns.
    func ownURL(of record: Int) -> String? {
        graph.records[record].urls.inAliasOrder.first { raw in
            URLCanonicalizer.canonical(raw).map { graph.aliases.owner(of: $0) == record } ?? false
        }
    }

    private mutating func locate(_ file: String) -> Result<RelatedBlock, FixError> {
        if let known = blocks[file] { return known }
        let result: Result<RelatedBlock, FixError>
        if ["json", "jsonl"].contains(RecordFiles.lowercasedExtension(file)) {
            result = .failure(FixError("it is a JSON record; add the entry by hand"))
        } else if let bytes = try? RecordFiles.read(file) {
            // Read as the loader reads records: regular files only (a FIFO would
            // block), size-capped, and straight into bytes, with no `Data` between.
            result = RelatedBlock.locate(in: RecordFileLines(bytes))
        } else {
            result = .failure(FixError("the file cannot be read"))
        }
        blocks[file] = result
        return result
    }

    /// What `apply` makes: the new bytes of each file that takes back-links,
    /// and the files it would not touch, with why.
    public struct Edits: Sendable {
        public var files: [(file: String, bytes: [UInt8])] = []
        public var refused: [(file: String, reason: String)] = []
    }

    /// The new bytes of every file that takes back-links, in order of first
    /// appearance in `fixes`, the stubs in the order of `fixes`. Unfixable
    /// fixes are left out. A file is only edited when its edited front
    /// matter reads back with exactly the added entries more, so `--fix`
    /// never breaks a record.
    public static func apply(_ fixes: [BackLinkFix]) -> Edits {
        var order: [String] = []
        var byFile: [String: [[String]]] = [:]
        for fix in fixes where fix.unfixable == nil && !fix.lines.isEmpty {
            if byFile[fix.file] == nil { order.append(fix.file) }
            byFile[fix.file, default: []].append(fix.lines)
        }
        var edits = Edits()
        for file in order {
            let entries = byFile[file]!
            guard let data = FileManager.default.contents(atPath: file) else {
                edits.refused.append((file, "the file cannot be read"))
                continue
            }
            let bytes = [UInt8](data)
            let lines = RecordFileLines(bytes)
            let block: RelatedBlock
            switch RelatedBlock.locate(in: lines) {
            case .success(let found): block = found
            case .failure(let error):
                edits.refused.append((file, error.description))
                continue
            }
            let edited = block.inserting(entries, into: lines)
            guard let before = relatedCount(bytes, file: file), relatedCount(edited, file: file) == before + entries.count else {
                edits.refused.append((file, "the edited front matter would not read back as intended; add the entries by hand"))
                continue
            }
            edits.files.append((file, edited))
        }
        return edits
    }

    /// How many entries the record's `related` holds, as the loader reads it; nil when it does not read.
    static func relatedCount(_ bytes: [UInt8], file: String) -> Int? {
        guard case .yaml(let yaml, let firstLine)? = try? FrontMatter.extract(from: bytes),
              let record = try? RecordLoader(jobs: 1).decoder.decodeRecord(yaml, file: file, firstLine: firstLine)
        else { return nil }
        return record.related.count
    }
}
