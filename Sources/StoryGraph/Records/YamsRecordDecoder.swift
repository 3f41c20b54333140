import Foundation
import Yams

/// The default `RecordDecoder`: libyaml through Yams, composed into a node
/// tree, then read key by key.
///
/// Scalars are resolved the way PyYAML (YAML 1.1) would for the few types a
/// record needs: null (`~`, `null`, empty), booleans (`true`, `yes`, `on`, ...)
/// and numbers. Everything else is text, so a title `2024` is the title "2024"
/// and a URL is a URL whatever its characters.
public struct YamsRecordDecoder: RecordDecoder {
    public init() {}

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
        let reader = NodeReader(file: file, firstLine: firstLine)
        switch root {
        case .mapping(let mapping)?:
            return [.success(reader.record(mapping, at: firstLine))]
        case .sequence(let sequence)? where allowList:
            return sequence.map { element in
                let line = reader.line(of: element) ?? firstLine
                guard case .mapping(let mapping) = element else {
                    return .failure(RecordError(line: line, message: "list element is not a mapping"))
                }
                return .success(reader.record(mapping, at: line))
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
        case let .reader(problem, _, _, _)?:
            return RecordError(line: firstLine, message: "YAML does not read: \(problem)")
        default:
            return RecordError(line: firstLine, message: "YAML does not parse: \(error)")
        }
    }
}

/// Reads records out of composed Yams nodes.
struct NodeReader {
    let file: String
    let firstLine: Int

    /// Unknown values are copied at most this many nodes per record, so that an
    /// alias bomb in a key nobody reads cannot blow up memory.
    static let otherFieldNodeBudget = 10_000

    func line(of node: Node) -> Int? {
        node.mark.map { firstLine + $0.line - 1 }
    }

    func record(_ mapping: Node.Mapping, at line: Int) -> Record {
        var record = Record(file: file, line: line)
        var budget = Self.otherFieldNodeBudget
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            switch key {
            case "title": record.title = text(value)
            case "excerpt": record.excerpt = text(value)
            case "publishedDateTime": record.publishedDateTime = text(value)
            case "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "url":
                if let url = text(value) { record.urls.set(key, url) }
            case "type": record.type = text(value)
            case "category": record.category = text(value)
            case "quality": record.quality = number(value)
            case "heat": record.heat = number(value)
            case "published": record.published = bool(value)
            case "provider": record.provider = provider(value)
            case "topics": record.topics = texts(value)
            case "related":
                if case .sequence(let entries) = value {
                    record.related = entries.map(stub)
                } else if text(value) != nil || value.mapping != nil {
                    // `related: "x"` or a mapping: one entry that names nothing.
                    record.related = [Stub(line: self.line(of: value) ?? line, column: value.mark?.column ?? 1, isMapping: false)]
                }
            default:
                record.otherFields[key] = fieldValue(value, budget: &budget)
            }
        }
        return record
    }

    func stub(_ node: Node) -> Stub {
        let line = self.line(of: node) ?? firstLine
        let column = node.mark?.column ?? 1
        guard case .mapping(let mapping) = node else {
            return Stub(line: line, column: column, isMapping: false)
        }
        var stub = Stub(line: line, column: column)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            switch key {
            case "title": stub.title = text(value)
            case "publishedDateTime": stub.publishedDateTime = text(value)
            case "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "url":
                if let url = text(value) { stub.urls.set(key, url) }
            case "provider": stub.provider = provider(value)
            default: break
            }
        }
        return stub
    }

    // MARK: Scalars, resolved as YAML 1.1 (PyYAML) would

    /// The scalar's text, or nil for null and for anything that is not a scalar.
    func text(_ node: Node) -> String? {
        guard let scalar = node.scalar, !isNull(scalar) else { return nil }
        return scalar.string
    }

    func isNull(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    func bool(_ node: Node) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func number(_ node: Node) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        return Double(scalar.string.replacingOccurrences(of: "_", with: ""))
    }

    /// A list of scalars, or one scalar as a list of one.
    func texts(_ node: Node) -> [String] {
        if case .sequence(let items) = node { return items.compactMap(text) }
        return text(node).map { [$0] } ?? []
    }

    func provider(_ node: Node) -> Provider? {
        if let name = text(node) { return Provider(name: name) }
        guard case .mapping(let mapping) = node else { return nil }
        return Provider(name: mapping["name"].flatMap(text), domain: mapping["domain"].flatMap(text))
    }

    func fieldValue(_ node: Node, budget: inout Int, depth: Int = 0) -> FieldValue {
        budget -= 1
        guard budget > 0, depth < 64 else { return .scalar("…") }
        switch node {
        case .scalar(let scalar): return isNull(scalar) ? .null : .scalar(scalar.string)
        case .sequence(let items):
            var list: [FieldValue] = []
            for item in items {
                list.append(fieldValue(item, budget: &budget, depth: depth + 1))
                if budget <= 0 { break }
            }
            return .list(list)
        case .mapping(let mapping):
            var pairs: [(key: String, value: FieldValue)] = []
            for (key, value) in mapping {
                pairs.append((key.scalar?.string ?? "?", fieldValue(value, budget: &budget, depth: depth + 1)))
                if budget <= 0 { break }
            }
            return .map(pairs)
        case .alias: return .null
        }
    }
}
