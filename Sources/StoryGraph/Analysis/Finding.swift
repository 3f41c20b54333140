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
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case notice, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One finding, located at the stub (or record, or file) it is about.
public struct Finding: Codable, Sendable, Equatable {
    public var kind: FindingKind
    public var severity: Severity
    public var file: String
    /// 1-based line of the stub's first key, of the record, or of the problem in the file.
    public var line: Int
    public var column: Int
    /// The URL of the record the finding is about (the link's source), if any.
    public var source: String?
    /// The URL the stub names, or the other record's URL, if any.
    public var target: String?
    public var message: String
    /// Where in the graph the finding is (not part of its JSON form): the
    /// source record, the stub, and the target record when it is one. `check`
    /// builds its baseline keys and its fixes from these.
    public var subject = Subject()

    /// Graph indices a finding is about; nil where the finding has none.
    public struct Subject: Sendable, Equatable {
        public var record: Int?
        public var stub: LinkRef?
        public var targetRecord: Int?

        public init(record: Int? = nil, stub: LinkRef? = nil, targetRecord: Int? = nil) {
            self.record = record
            self.stub = stub
            self.targetRecord = targetRecord
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, severity, file, line, column, source, target, message
    }

    /// Equal when everything the finding says is equal; `subject` only says
    /// where it sits in one graph, and a decoded finding has none.
    public static func == (a: Finding, b: Finding) -> Bool {
        (a.kind, a.severity, a.file, a.line, a.column, a.message) == (b.kind, b.severity, b.file, b.line, b.column, b.message)
            && a.source == b.source && a.target == b.target
    }

    public init(kind: FindingKind, file: String, line: Int, column: Int = 1,
                source: String? = nil, target: String? = nil, message: String) {
        self.kind = kind
        self.severity = kind.defaultSeverity
        self.file = file
        self.line = line
        self.column = column
        self.source = source
        self.target = target
        self.message = message
    }
}

extension ArticleGraph {
    /// A finding located at a stub, with its source record's URL and the stub's URL;
    /// `target` is the record the stub resolved to, when it did.
    func finding(_ kind: FindingKind, at ref: LinkRef, target: Int? = nil, _ message: String) -> Finding {
        // Fields are read through the arrays, not by copying the whole record or stub.
        let (record, stub) = (ref.record, ref.stub)
        var finding = Finding(kind: kind, file: records[record].file,
                              line: records[record].related[stub].line, column: records[record].related[stub].column,
                              source: records[record].urls.display, target: records[record].related[stub].urls.display,
                              message: message)
        finding.subject = Finding.Subject(record: ref.record, stub: ref, targetRecord: target)
        return finding
    }

    /// How a message names a record: its title in quotes, or its file.
    func name(of record: Int) -> String {
        if let title = records[record].title { return "\"\(title)\" (\(records[record].file))" }
        return records[record].file
    }
}
