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
    /// The text of a scalar node whose value tends to repeat across records (a
    /// date, a provider, a topic, an unknown key): the same as `text(of:)`,
    /// but the document may hand out a `String` it handed out before.
    func sharedText(of node: Node) -> String
    /// The text of a title or a URL, which stubs copy from the records they
    /// link to: the same as `text(of:)`, but shared with the equal texts of
    /// other records and stubs where the document can.
    func linkedText(of node: Node) -> String
    /// A record's unknown fields, or an equal set the document handed out before.
    func sharedFields(_ fields: [String: FieldValue]) -> [String: FieldValue]
    /// A list of texts (a record's topics), or an equal list the document handed out before.
    func sharedList(_ texts: [String]) -> [String]
    /// True for a plain (unquoted, non-block) scalar: only those resolve to null, booleans and numbers.
    func isPlain(_ node: Node) -> Bool
    /// Calls `body` for each item of a sequence, in order, until it returns false.
    func forEachItem(of node: Node, _ body: (Node) -> Bool)
    /// Calls `body` for each pair of a mapping (key node, value node), in order, until it returns false.
    func forEachPair(of node: Node, _ body: (Node, Node) -> Bool)
    /// The schema's key that a key node spells; nil when the key is not a
    /// scalar or is one the schema does not name.
    func recordKey(of key: Node) -> RecordKey?
    /// The node's 1-based line and column inside the document, when known.
    func position(of node: Node) -> (line: Int, column: Int)?
    /// For a block sequence under a top-level key: the columns of its first
    /// `-` and of what follows it on that line, when the document knows them
    /// for sure and the key's line starts with the key and its colon
    /// (`RelatedIndent`); nil for any other value.
    func entryIndent(of sequence: Node, key: Node) -> RelatedIndent?
}

extension ComposedYAML {
    func sharedText(of node: Node) -> String { text(of: node) }
    func linkedText(of node: Node) -> String { text(of: node) }
    func sharedFields(_ fields: [String: FieldValue]) -> [String: FieldValue] { fields }
    func sharedList(_ texts: [String]) -> [String] { texts }
    func entryIndent(of sequence: Node, key: Node) -> RelatedIndent? { nil }

    /// The text of a key the schema does not name; nil when the key is not a scalar.
    func unknownKey(_ key: Node) -> String? {
        shape(of: key) == .scalar ? sharedText(of: key) : nil
    }

    /// The number of items of a sequence, so that an array of them takes no more room than they need.
    func itemCount(of node: Node) -> Int {
        var count = 0
        forEachItem(of: node) { _ in count += 1; return true }
        return count
    }
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
    /// False to leave `excerpt` out (`FrontMatterDecoder.keepsExcerpts`).
    var keepsExcerpts = true

    /// Unknown values are copied at most this many nodes per record, so that an
    /// alias bomb in a key nobody reads cannot blow up memory.
    static var otherFieldNodeBudget: Int { 10_000 }

    func line(of node: Node) -> Int? {
        document.position(of: node).map { firstLine + $0.line - 1 }
    }

    func record(_ mapping: Node, at line: Int) -> Record {
        var record = Record(file: file, line: line)
        var budget = Self.otherFieldNodeBudget
        var lookalikeKey = false
        document.forEachPair(of: mapping) { key, value in
            switch document.recordKey(of: key) {
            case .title: record.title = linkedText(value)
            case .excerpt: if keepsExcerpts { record.excerpt = text(value) }
            // A record's own date is seldom another record's: not worth a look-up (a stub's date is).
            case .publishedDateTime: record.publishedDateTime = text(value)
            case let urlKey? where urlKey.isURL:
                if let url = linkedText(value) { record.urls.set(urlKey, url) }
            case .type: record.type = sharedText(value)
            case .category: record.category = sharedText(value)
            case .quality: record.quality = number(value)
            case .heat: record.heat = number(value)
            case .published: record.published = bool(value)
            case .provider: record.provider = provider(value)
            case .topics: record.topics = document.sharedList(texts(value))
            case .related:
                record.related = related(value, at: line)
                record.relatedIndent = document.entryIndent(of: value, key: key)
            default:
                // Not a schema key here (`name` and `domain` belong to a provider).
                guard let key = document.unknownKey(key) else { break }
                // `RelatedBlock.locate` takes any line starting `related:` for the key.
                if key.utf8.starts(with: "related:".utf8) { lookalikeKey = true }
                record.otherFields[key] = fieldValue(value, budget: &budget)
            }
            return true
        }
        if lookalikeKey { record.relatedIndent = nil }
        if !record.otherFields.isEmpty { record.otherFields = document.sharedFields(record.otherFields) }
        return record
    }

    /// The stubs of `related`: one per item of a list; a scalar or a mapping
    /// is one entry that names nothing; null or anything else, none.
    func related(_ value: Node, at line: Int) -> [Stub] {
        switch document.shape(of: value) {
        case .sequence:
            var stubs: [Stub] = []
            stubs.reserveCapacity(document.itemCount(of: value))
            document.forEachItem(of: value) { stubs.append(stub($0)); return true }
            return stubs
        case .mapping:
            return [malformedEntry(value, at: line)]
        case .scalar where text(value) != nil:
            return [malformedEntry(value, at: line)]
        default:
            return []
        }
    }

    private func malformedEntry(_ value: Node, at line: Int) -> Stub {
        let position = document.position(of: value)
        return Stub(line: self.line(of: value) ?? line, column: position?.column ?? 1, isMapping: false)
    }

    func stub(_ node: Node) -> Stub {
        let line = self.line(of: node) ?? firstLine
        let column = document.position(of: node)?.column ?? 1
        guard document.shape(of: node) == .mapping else {
            return Stub(line: line, column: column, isMapping: false)
        }
        var stub = Stub(line: line, column: column)
        document.forEachPair(of: node) { key, value in
            switch document.recordKey(of: key) {
            case .title: stub.title = linkedText(value)
            case .publishedDateTime: stub.publishedDateTime = sharedText(value)
            case let urlKey? where urlKey.isURL:
                if let url = linkedText(value) { stub.setURL(urlKey, url) }
            case .provider: stub.provider = provider(value)
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

    /// `text(_:)` for a title or a URL (`ComposedYAML.linkedText(of:)`).
    func linkedText(_ node: Node) -> String? {
        guard document.shape(of: node) == .scalar else { return nil }
        let text = document.linkedText(of: node)
        return document.isPlain(node) && Self.isNull(text) ? nil : text
    }

    /// `text(_:)` for a value that tends to repeat across records (`ComposedYAML.sharedText(of:)`).
    func sharedText(_ node: Node) -> String? {
        guard document.shape(of: node) == .scalar else { return nil }
        let text = document.sharedText(of: node)
        return document.isPlain(node) && Self.isNull(text) ? nil : text
    }

    static func isNull(_ plain: String) -> Bool {
        // By length first: every plain scalar read comes here (dates, types,
        // numbers), and string comparisons with the five literals showed in profiles.
        switch plain.utf8.count {
        case 0: return true
        case 1: return plain == "~"
        case 4: return plain == "null" || plain == "Null" || plain == "NULL"
        default: return false
        }
    }

    /// The text of a plain scalar; nil for anything else.
    func plainText(_ node: Node) -> String? {
        guard document.shape(of: node) == .scalar, document.isPlain(node) else { return nil }
        return document.text(of: node)
    }

    func bool(_ node: Node) -> Bool? {
        guard let text = plainText(node), text.utf8.count <= 5 else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func number(_ node: Node) -> Double? {
        guard let text = plainText(node) else { return nil }
        // A byte search: `String.contains` goes through Foundation's locale-aware search.
        return Double(text.utf8.contains(UInt8(ascii: "_")) ? text.replacingOccurrences(of: "_", with: "") : text)
    }

    /// A list of scalars, or one scalar as a list of one.
    func texts(_ node: Node) -> [String] {
        if document.shape(of: node) == .sequence {
            var texts: [String] = []
            texts.reserveCapacity(document.itemCount(of: node))
            document.forEachItem(of: node) { item in
                if let text = sharedText(item) { texts.append(text) }
                return true
            }
            return texts
        }
        return sharedText(node).map { [$0] } ?? []
    }

    func provider(_ node: Node) -> Provider? {
        if let name = sharedText(node) { return Provider(name: name) }
        guard document.shape(of: node) == .mapping else { return nil }
        var provider = Provider()
        // A repeated key cannot reach here (both parsers reject it), so the first match is the only one.
        document.forEachPair(of: node) { key, value in
            switch document.recordKey(of: key) {
            case .name: provider.name = sharedText(value)
            case .domain: provider.domain = sharedText(value)
            default: break
            }
            return true
        }
        return provider
    }

    func fieldValue(_ node: Node, budget: inout Int, depth: Int = 0) -> FieldValue {
        budget -= 1
        guard budget > 0, depth < 64 else { return .scalar("…") }
        switch document.shape(of: node) {
        case .scalar:
            let text = document.sharedText(of: node)
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
                pairs.append((document.unknownKey(key) ?? "?", fieldValue(value, budget: &budget, depth: depth + 1)))
                return budget > 0
            }
            return .map(pairs)
        case .other:
            return .null
        }
    }
}
