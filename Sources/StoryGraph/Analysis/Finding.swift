/// What is wrong (or worth a look) in the records, one kind per rule.
public enum FindingKind: String, Codable, CaseIterable, Sendable, Comparable {
    case unreadable
    case duplicateRecord = "duplicate-record"
    case malformed
    case dangling
    case asymmetric
    case selfLink = "self-link"
    case duplicateLink = "duplicate-link"
    case staleTitle = "stale-title"
    case staleDate = "stale-date"
    case unpublishedTarget = "unpublished-target"
    case skipped

    /// Errors break a reader's path through the archive; warnings are worth
    /// fixing; a notice only says what was passed over.
    public var defaultSeverity: Severity {
        switch self {
        case .unreadable, .duplicateRecord, .malformed, .dangling, .asymmetric: return .error
        case .selfLink, .duplicateLink, .staleTitle, .staleDate, .unpublishedTarget: return .warning
        case .skipped: return .notice
        }
    }

    /// One line on what the rule finds, for help texts and reports.
    public var explanation: String {
        switch self {
        case .unreadable: return "a file that is not a usable record (broken front matter, YAML, UTF-8, or unreadable)"
        case .duplicateRecord: return "a record that shares a URL with an earlier record"
        case .malformed: return "a related stub with no valid http(s) URL"
        case .dangling: return "a related stub whose URLs name no record"
        case .asymmetric: return "A lists B as related, but B does not list A"
        case .selfLink: return "a record that lists itself as related"
        case .duplicateLink: return "a record that lists the same target twice"
        case .staleTitle: return "a stub whose title differs from its target's"
        case .staleDate: return "a stub whose publishedDateTime differs from its target's"
        case .unpublishedTarget: return "a published record that links to an unpublished one"
        case .skipped: return "a file with no front matter (not a record, not an error)"
        }
    }

    /// The kinds `check` fails on unless told otherwise: the errors.
    public static let failingByDefault = allCases.filter { $0.defaultSeverity == .error }

    public static func < (a: FindingKind, b: FindingKind) -> Bool {
        a.index < b.index
    }

    /// The kind's position in `allCases` (rule order), spelt out: the report's
    /// order reads it for every finding, millions at a million records.
    /// (`FindingOrderTests` holds it to `allCases`.)
    var index: Int {
        switch self {
        case .unreadable: return 0
        case .duplicateRecord: return 1
        case .malformed: return 2
        case .dangling: return 3
        case .asymmetric: return 4
        case .selfLink: return 5
        case .duplicateLink: return 6
        case .staleTitle: return 7
        case .staleDate: return 8
        case .unpublishedTarget: return 9
        case .skipped: return 10
        }
    }
}

public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case notice, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        ordered.firstIndex(of: a)! < ordered.firstIndex(of: b)!
    }

    /// `allCases` made once: the synthesized `allCases` builds its array on
    /// every call, and `check` compares a severity for every finding.
    private static let ordered = allCases
}

/// One finding, located at the stub (or record, or file) it is about.
///
/// A large archive has millions of findings, so the struct is kept small
/// (`MemoryLayout<Finding>.stride` is 112 bytes, down from 144): line,
/// column and graph indices are stored as `Int32` (a record file is at most
/// 256 MiB, so its lines and columns fit), and the message as its template
/// (`FindingMessage`), built into text only when read.
public struct Finding: Sendable, Equatable {
    // Stored fields in this order: the message's 33 bytes end one byte into a
    // word, and kind, severity and line fill the rest of that word
    // (first, the two one-byte fields would pad a word of their own).
    public var file: String
    /// The URL of the record the finding is about (the link's source), if any.
    public var source: String?
    /// The URL the stub names, or the other record's URL, if any.
    public var target: String?
    /// What `message` says, as a template and the records' strings it names.
    var storedMessage: FindingMessage
    public var kind: FindingKind
    public var severity: Severity
    /// 1-based line of the stub's first key, of the record, or of the problem in the file.
    @Int32Stored public var line: Int
    @Int32Stored public var column: Int
    /// Where in the graph the finding is (not part of its JSON form): the
    /// source record, the stub, and the target record when it is one. `check`
    /// builds its baseline keys and its fixes from these.
    public var subject = Subject()

    /// The message text, built from its template each time it is read.
    public var message: String {
        get { storedMessage.text }
        set { storedMessage = .text(newValue) }
    }

    /// Graph indices a finding is about; nil where the finding has none.
    public struct Subject: Sendable, Equatable {
        // Int32 indices with -1 for "none": 16 bytes where `Int?` fields took 48.
        // A graph of 2^31 records or stubs would not fit in memory anyway.
        private var storedRecord: Int32 = -1
        private var stubRecord: Int32 = -1
        private var stubIndex: Int32 = -1
        private var storedTargetRecord: Int32 = -1

        public var record: Int? {
            get { storedRecord < 0 ? nil : Int(storedRecord) }
            set { storedRecord = Self.stored(newValue) }
        }

        public var stub: LinkRef? {
            get { stubIndex < 0 ? nil : LinkRef(record: Int(stubRecord), stub: Int(stubIndex)) }
            set { (stubRecord, stubIndex) = (Self.stored(newValue?.record), Self.stored(newValue?.stub)) }
        }

        public var targetRecord: Int? {
            get { storedTargetRecord < 0 ? nil : Int(storedTargetRecord) }
            set { storedTargetRecord = Self.stored(newValue) }
        }

        public init(record: Int? = nil, stub: LinkRef? = nil, targetRecord: Int? = nil) {
            self.record = record
            self.stub = stub
            self.targetRecord = targetRecord
        }

        private static func stored(_ index: Int?) -> Int32 { index.map { Int32($0) } ?? -1 }
    }

    /// Equal when everything the finding says is equal, the message compared
    /// as text (a template and a `.text` that spell the same words are equal);
    /// `subject` only says where it sits in one graph, and a decoded finding has none.
    public static func == (a: Finding, b: Finding) -> Bool {
        (a.kind, a.severity, a.file, a.line, a.column) == (b.kind, b.severity, b.file, b.line, b.column)
            && a.source == b.source && a.target == b.target && a.message == b.message
    }

    public init(kind: FindingKind, file: String, line: Int, column: Int = 1,
                source: String? = nil, target: String? = nil, message: String) {
        self.init(kind: kind, file: file, line: line, column: column, source: source, target: target, storedMessage: .text(message))
    }

    init(kind: FindingKind, file: String, line: Int, column: Int = 1,
         source: String? = nil, target: String? = nil, storedMessage: FindingMessage) {
        self.kind = kind
        self.severity = kind.defaultSeverity
        self.file = file
        self.source = source
        self.target = target
        self.storedMessage = storedMessage
        self.line = line
        self.column = column
    }
}

/// The JSON form `JSONEncoder` would synthesize for the stored fields of old:
/// `message` as text, nil `source` and `target` left out, no `subject`.
extension Finding: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, severity, file, line, column, source, target, message
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(FindingKind.self, forKey: .kind)
        severity = try container.decode(Severity.self, forKey: .severity)
        file = try container.decode(String.self, forKey: .file)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        storedMessage = .text(try container.decode(String.self, forKey: .message))
        // A number that does not fit is refused rather than clamped, so that a decoded finding says what its JSON said.
        _line = Int32Stored(exactly: try container.decode(Int32.self, forKey: .line))
        _column = Int32Stored(exactly: try container.decode(Int32.self, forKey: .column))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encode(message, forKey: .message)
    }
}

extension ArticleGraph {
    /// A finding located at a stub, with its source record's URL and the stub's URL;
    /// `target` is the record the stub resolved to, when it did.
    func finding(_ kind: FindingKind, at ref: LinkRef, target: Int? = nil, _ message: FindingMessage) -> Finding {
        // Fields are read through the arrays, not by copying the whole record or stub.
        let (record, stub) = (ref.record, ref.stub)
        var finding = Finding(kind: kind, file: records[record].file,
                              line: records[record].related[stub].line, column: records[record].related[stub].column,
                              source: records[record].urls.display, target: records[record].related[stub].displayURL,
                              storedMessage: message)
        finding.subject = Finding.Subject(record: ref.record, stub: ref, targetRecord: target)
        return finding
    }

    /// How a message names a record (the record's own strings, not a copy).
    func name(of record: Int) -> FindingMessage.RecordName {
        FindingMessage.RecordName(title: records[record].title, file: records[record].file)
    }
}
