/// A composed YAML document, as much of it as reading a record needs.
///
/// Two parsers produce one: Yams (the full YAML library) and
/// `FrontMatterParser` (the fast path for the subset records use). Both are
/// read by the same `RecordReader`, so a record means the same thing whichever
/// parser composed it; only the parsing differs.
protocol ComposedYAML {
    associatedtype Node

    func shape(of node: Node) -> YAMLShape
    /// The text of a scalar node (`shape` is `.scalar`).
    func text(of node: Node) -> String
    /// True for a plain (unquoted, non-block) scalar: only those resolve to null, booleans and numbers.
    func isPlain(_ node: Node) -> Bool
    /// Calls `body` for each item of a sequence, in order, until it returns false.
    func forEachItem(of node: Node, _ body: (Node) -> Bool)
    /// Calls `body` for each pair of a mapping, in order, until it returns false.
    /// The key is nil when it is not a scalar.
    func forEachPair(of node: Node, _ body: (String?, Node) -> Bool)
    /// The node's 1-based line and column inside the document, when known.
    func position(of node: Node) -> (line: Int, column: Int)?
}

enum YAMLShape {
    case scalar, sequence, mapping, other
}

/// Reads records out of a composed YAML document.
///
/// Scalars are resolved the way PyYAML (YAML 1.1) would for the few types a
/// record needs: null (`~`, `null`, empty), booleans (`true`, `yes`, `on`, ...)
/// and numbers. Everything else is text, so a title `2024` is the title "2024"
/// and a URL is a URL whatever its characters.
struct RecordReader<Document: ComposedYAML> {
    typealias Node = Document.Node

    let document: Document
    let file: String
    /// The file line the document's first line is on.
    let firstLine: Int

    /// Unknown values are copied at most this many nodes per record, so that an
    /// alias bomb in a key nobody reads cannot blow up memory.
    static var otherFieldNodeBudget: Int { 10_000 }

    func line(of node: Node) -> Int? {
        document.position(of: node).map { firstLine + $0.line - 1 }
    }

    func record(_ mapping: Node, at line: Int) -> Record {
        var record = Record(file: file, line: line)
        var budget = Self.otherFieldNodeBudget
        document.forEachPair(of: mapping) { key, value in
            guard let key else { return true }
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
                switch document.shape(of: value) {
                case .sequence:
                    record.related = []
                    document.forEachItem(of: value) { record.related.append(stub($0)); return true }
                case .mapping, .scalar where text(value) != nil:
                    // `related: "x"` or a mapping: one entry that names nothing.
                    let position = document.position(of: value)
                    record.related = [Stub(line: self.line(of: value) ?? line, column: position?.column ?? 1, isMapping: false)]
                default:
                    record.related = []
                }
            default:
                record.otherFields[key] = fieldValue(value, budget: &budget)
            }
            return true
        }
        return record
    }

    func stub(_ node: Node) -> Stub {
        let line = self.line(of: node) ?? firstLine
        let column = document.position(of: node)?.column ?? 1
        guard document.shape(of: node) == .mapping else {
            return Stub(line: line, column: column, isMapping: false)
        }
        var stub = Stub(line: line, column: column)
        document.forEachPair(of: node) { key, value in
            switch key {
            case "title": stub.title = text(value)
            case "publishedDateTime": stub.publishedDateTime = text(value)
            case "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "url":
                if let key, let url = text(value) { stub.urls.set(key, url) }
            case "provider": stub.provider = provider(value)
            default: break
            }
            return true
        }
        return stub
    }

    // MARK: Scalars, resolved as YAML 1.1 (PyYAML) would

    /// The scalar's text, or nil for null and for anything that is not a scalar.
    func text(_ node: Node) -> String? {
        guard document.shape(of: node) == .scalar else { return nil }
        let text = document.text(of: node)
        return document.isPlain(node) && Self.isNull(text) ? nil : text
    }

    static func isNull(_ plain: String) -> Bool {
        switch plain {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The text of a plain scalar; nil for anything else.
    func plainText(_ node: Node) -> String? {
        guard document.shape(of: node) == .scalar, document.isPlain(node) else { return nil }
        return document.text(of: node)
    }

    func bool(_ node: Node) -> Bool? {
        switch plainText(node) {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func number(_ node: Node) -> Double? {
        guard let text = plainText(node) else { return nil }
        return Double(text.contains("_") ? text.replacingOccurrences(of: "_", with: "") : text)
    }

    /// A list of scalars, or one scalar as a list of one.
    func texts(_ node: Node) -> [String] {
        if document.shape(of: node) == .sequence {
            var texts: [String] = []
            document.forEachItem(of: node) { item in
                if let text = text(item) { texts.append(text) }
                return true
            }
            return texts
        }
        return text(node).map { [$0] } ?? []
    }

    func provider(_ node: Node) -> Provider? {
        if let name = text(node) { return Provider(name: name) }
        guard document.shape(of: node) == .mapping else { return nil }
        var provider = Provider()
        // A repeated key cannot reach here (both parsers reject it), so the first match is the only one.
        document.forEachPair(of: node) { key, value in
            if key == "name" { provider.name = text(value) }
            if key == "domain" { provider.domain = text(value) }
            return true
        }
        return provider
    }

    func fieldValue(_ node: Node, budget: inout Int, depth: Int = 0) -> FieldValue {
        budget -= 1
        guard budget > 0, depth < 64 else { return .scalar("…") }
        switch document.shape(of: node) {
        case .scalar:
            let text = document.text(of: node)
            return document.isPlain(node) && Self.isNull(text) ? .null : .scalar(text)
        case .sequence:
            var list: [FieldValue] = []
            document.forEachItem(of: node) { item in
                list.append(fieldValue(item, budget: &budget, depth: depth + 1))
                return budget > 0
            }
            return .list(list)
        case .mapping:
            var pairs: [(key: String, value: FieldValue)] = []
            document.forEachPair(of: node) { key, value in
                pairs.append((key ?? "?", fieldValue(value, budget: &budget, depth: depth + 1)))
                return budget > 0
            }
            return .map(pairs)
        case .other:
            return .null
        }
    }
}
