import Foundation
import Yams

/// The full-YAML `RecordDecoder`: libyaml through Yams, composed into a node
/// tree, then read key by key by `RecordReader`.
///
/// It decodes anything YAML 1.1 (and so JSON) can say, at a few MB/s.
/// `FrontMatterDecoder` hands it whatever falls outside the fast path's subset.
public struct YamsRecordDecoder: RecordDecoder {
    /// False to leave every record's `excerpt` out (see `FrontMatterDecoder.keepsExcerpts`).
    public var keepsExcerpts: Bool

    public init(keepsExcerpts: Bool = true) {
        self.keepsExcerpts = keepsExcerpts
    }

    public func decode(_ text: String, file: String, firstLine: Int, allowList: Bool) throws(RecordError) -> [Result<Record, RecordError>] {
        let root: Node?
        do {
            // The basic resolver runs no regular expressions: resolution is ours (see `NodeReader`).
            root = try Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot()
        } catch {
            // libyaml reports an error at the end of input on the line after the
            // last one; the last line of the text is where the reader should look.
            let lastLine = firstLine + text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            var located = Self.recordError(error, firstLine: firstLine)
            located.line = min(located.line, lastLine)
            throw located
        }
        let reader = RecordReader(document: YamsDocument(), file: file, firstLine: firstLine, keepsExcerpts: keepsExcerpts)
        switch root {
        case let root? where root.mapping != nil:
            return [.success(reader.record(root, at: firstLine))]
        case .sequence(let sequence)? where allowList:
            return sequence.map { element in
                let line = reader.line(of: element) ?? firstLine
                guard element.mapping != nil else {
                    return .failure(RecordError(line: line, message: "list element is not a mapping"))
                }
                return .success(reader.record(element, at: line))
            }
        case nil:
            throw RecordError(line: firstLine, message: "front matter is empty: not a mapping")
        default:
            throw RecordError(line: root.flatMap(reader.line(of:)) ?? firstLine,
                              message: allowList ? "document is neither an object nor a list of objects"
                                                 : "front matter is not a mapping")
        }
    }

    /// A YAML error with its position translated to a file line.
    static func recordError(_ error: Error, firstLine: Int) -> RecordError {
        func at(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> RecordError {
            // libyaml stops at 1000 nested collections (deeper input would exhaust the stack
            // of whoever walks the tree); its message names a C function, so say it plainly.
            if problem.hasPrefix("Maximum nesting level reached") {
                return RecordError(line: firstLine + mark.line - 1,
                                   message: "YAML does not parse: collections nested more than 1000 deep")
            }
            let where_ = context.map { " (\($0.text))" } ?? ""
            return RecordError(line: firstLine + mark.line - 1, message: "YAML does not parse: \(problem)\(where_)")
        }
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _)?: return at(mark, problem, context)
        case let .parser(context, problem, mark, _)?: return at(mark, problem, context)
        case let .composer(context, problem, mark, _)?: return at(mark, problem, context)
        case let .duplicatedKeysInMapping(duplicates, context)?:
            return RecordError(line: firstLine + context.mark.line - 1,
                               message: "YAML mapping repeats the key \(duplicates.joined(separator: ", "))")
        case let .reader(problem, offset, _, yaml)?:
            // The offset is in bytes of the text; its line is where the bad character is.
            let breaks = offset.map { yaml.utf8.prefix($0).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } } ?? 0
            return RecordError(line: firstLine + breaks, message: "YAML does not read: \(problem)")
        default:
            return RecordError(line: firstLine, message: "YAML does not parse: \(error)")
        }
    }
}

/// Yams' node tree, as `RecordReader` reads it.
struct YamsDocument: ComposedYAML {
    func shape(of node: Yams.Node) -> YAMLShape {
        switch node {
        case .scalar: return .scalar
        case .sequence: return .sequence
        case .mapping: return .mapping
        case .alias: return .other
        }
    }

    func text(of node: Yams.Node) -> String { node.scalar?.string ?? "" }

    func isPlain(_ node: Yams.Node) -> Bool { node.scalar?.style == .plain }

    func forEachItem(of node: Yams.Node, _ body: (Yams.Node) -> Bool) {
        guard case .sequence(let items) = node else { return }
        for item in items where !body(item) { return }
    }

    func forEachPair(of node: Yams.Node, _ body: (Yams.Node, Yams.Node) -> Bool) {
        guard case .mapping(let pairs) = node else { return }
        for (key, value) in pairs where !body(key, value) { return }
    }

    func recordKey(of key: Yams.Node) -> RecordKey? {
        key.scalar.flatMap { RecordKey(rawValue: $0.string) }
    }

    func position(of node: Yams.Node) -> (line: Int, column: Int)? {
        node.mark.map { ($0.line, $0.column) }
    }
}
