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
        var block = RelatedBlock(shape: .block(after: 0), dashIndent: 2, keyIndent: 4)
        var unfixable: String?
        switch locate(file) {
        case .success(let found): block = found
        case .failure(let error): unfixable = error.description
        }
        let lines = YAMLStub.lines(for: graph.records[source], url: url, dashIndent: block.dashIndent, keyIndent: block.keyIndent)
        return BackLinkFix(file: file, record: target, target: source, lines: lines, unfixable: unfixable)
    }

    /// The first of the record's URLs (webUrl first) whose canonical form the record owns.
    func ownURL(of record: Int) -> String? {
        graph.records[record].urls.inAliasOrder.first { raw in
            URLCanonicalizer.canonical(raw).map { graph.aliasOwner[AliasKey($0)] == record } ?? false
        }
    }

    private mutating func locate(_ file: String) -> Result<RelatedBlock, FixError> {
        if let known = blocks[file] { return known }
        let result: Result<RelatedBlock, FixError>
        if ["json", "jsonl"].contains((file as NSString).pathExtension.lowercased()) {
            result = .failure(FixError("it is a JSON record; add the entry by hand"))
        } else if let bytes = FileManager.default.contents(atPath: file) {
            result = RelatedBlock.locate(in: RecordFileLines([UInt8](bytes)))
        } else {
            result = .failure(FixError("the file cannot be read"))
        }
        blocks[file] = result
        return result
    }

    /// The new bytes of every file that takes back-links, in file order of
    /// first appearance; the stubs go in the order of `fixes`. Unfixable
    /// fixes are left out.
    public static func apply(_ fixes: [BackLinkFix]) -> [(file: String, bytes: [UInt8])] {
        var order: [String] = []
        var byFile: [String: [[String]]] = [:]
        for fix in fixes where fix.unfixable == nil && !fix.lines.isEmpty {
            if byFile[fix.file] == nil { order.append(fix.file) }
            byFile[fix.file, default: []].append(fix.lines)
        }
        return order.compactMap { file in
            guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
            let lines = RecordFileLines([UInt8](bytes))
            guard case .success(let block) = RelatedBlock.locate(in: lines) else { return nil }
            return (file, block.inserting(byFile[file]!, into: lines))
        }
    }
}
