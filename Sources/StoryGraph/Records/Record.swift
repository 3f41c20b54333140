/// One article as its record file describes it.
///
/// Every field is optional because every key of a record may be missing
/// (SPEC.md, "Records"). Values are kept as the text the file holds:
/// `publishedDateTime` is compared and shown, never computed with, so a
/// string is the faithful form.
public struct Record: Sendable, Equatable {
    /// The file the record came from, as the loader reached it (root + relative path).
    public var file: String
    /// Line of the record inside its file: 1 for a front-matter file, the
    /// object's line for a `.json` array element or a `.jsonl` line.
    public var line: Int
    public var title: String?
    public var excerpt: String?
    public var publishedDateTime: String?
    public var urls: ArticleURLs
    public var type: String?
    public var category: String?
    public var quality: Double?
    public var heat: Double?
    /// `published: true/false`; nil when the key is missing or not a boolean.
    public var published: Bool?
    /// How the file indents its `related` entries, when the loader can vouch
    /// for it (`RelatedIndent`). Layout, not content: `==` leaves it out
    /// (`NotCompared`), so two records are equal when their files say the
    /// same, however the files indent their lists.
    @NotCompared public var relatedIndent: RelatedIndent? = nil
    public var provider: Provider?
    public var topics: [String]
    /// Each entry of `related`, in file order.
    public var related: [Stub]
    /// Keys the schema does not name, kept with their values (SPEC.md: "Unknown keys are kept").
    public var otherFields: [String: FieldValue]

    public init(file: String, line: Int = 1, title: String? = nil, excerpt: String? = nil,
                publishedDateTime: String? = nil, urls: ArticleURLs = ArticleURLs(),
                type: String? = nil, category: String? = nil, quality: Double? = nil,
                heat: Double? = nil, published: Bool? = nil, provider: Provider? = nil,
                topics: [String] = [], related: [Stub] = [], otherFields: [String: FieldValue] = [:]) {
        self.file = file
        self.line = line
        self.title = title
        self.excerpt = excerpt
        self.publishedDateTime = publishedDateTime
        self.urls = urls
        self.type = type
        self.category = category
        self.quality = quality
        self.heat = heat
        self.published = published
        self.provider = provider
        self.topics = topics
        self.related = related
        self.otherFields = otherFields
    }
}

/// A value that a type carries beside what it compares: every two are equal,
/// so a type's synthesized `==` leaves it out and still compares every other
/// stored property, including any added later (a hand-written `==` that
/// listed the fields to leave one out would silently skip a new one).
@propertyWrapper
public struct NotCompared<Value: Sendable>: Sendable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    public static func == (a: NotCompared, b: NotCompared) -> Bool { true }
}

/// Where a front-matter file's `related` entries start: the columns (0-based)
/// of its first entry's `-` and of what follows the `-` on that line (the
/// entry's first key). `check` writes the back-links it suggests at these
/// columns, as `RelatedBlock.locate` would find them, without reading the
/// file again: at a million records that was a second read of nearly every
/// file. The loader sets it only where it is sure to be what `locate` finds:
/// the fast path read a block list under a plain `related` key, no other
/// top-level key starts with `related:`, and both fences are `---` lines as
/// `locate` reads them. Anywhere else it is nil and `check` reads the file:
/// a JSON record, and any record a decoder is handed as text without its file.
public struct RelatedIndent: Sendable, Equatable {
    public var dash: UInt16
    public var key: UInt16

    public init(dash: UInt16, key: UInt16) {
        self.dash = dash
        self.key = key
    }
}

/// The URL keys that name an article, in the order SPEC.md tries them.
public struct ArticleURLs: Sendable, Equatable {
    public var webUrl: String?
    public var originalUrl: String?
    public var ampWebUrl: String?
    public var cdnAmpWebUrl: String?
    public var url: String?

    public init(webUrl: String? = nil, originalUrl: String? = nil, ampWebUrl: String? = nil,
                cdnAmpWebUrl: String? = nil, url: String? = nil) {
        self.webUrl = webUrl
        self.originalUrl = originalUrl
        self.ampWebUrl = ampWebUrl
        self.cdnAmpWebUrl = cdnAmpWebUrl
        self.url = url
    }

    /// The record keys that hold URLs, in alias order.
    public static let keys = recordKeys.map(\.rawValue)
    /// `keys` as the schema's keys.
    static let recordKeys: [RecordKey] = [.webUrl, .originalUrl, .ampWebUrl, .cdnAmpWebUrl, .url]

    /// The raw values in alias order (`webUrl` first), missing ones left out.
    public var inAliasOrder: [String] {
        var values: [String] = []
        forEachInAliasOrder { values.append($0) }
        return values
    }

    /// Calls `body` with each raw value in alias order, missing ones left out:
    /// the one place that order is written, for callers that want no array.
    public func forEachInAliasOrder(_ body: (String) -> Void) {
        // One by one, not a loop over an array literal: that array was an
        // allocation and five retains for every record and stub resolved.
        if let webUrl { body(webUrl) }
        if let originalUrl { body(originalUrl) }
        if let ampWebUrl { body(ampWebUrl) }
        if let cdnAmpWebUrl { body(cdnAmpWebUrl) }
        if let url { body(url) }
    }

    /// The URL to show a reader and to link to: the first one present, `webUrl` first.
    public var display: String? { webUrl ?? originalUrl ?? ampWebUrl ?? cdnAmpWebUrl ?? url }

    /// Calls `body` with each key that has a value, and the value, in alias order.
    func forEachPresent(_ body: (RecordKey, String) -> Void) {
        for key in Self.recordKeys { if let value = value(for: key) { body(key, value) } }
    }

    func value(for key: RecordKey) -> String? {
        switch key {
        case .webUrl: return webUrl
        case .originalUrl: return originalUrl
        case .ampWebUrl: return ampWebUrl
        case .cdnAmpWebUrl: return cdnAmpWebUrl
        case .url: return url
        default: return nil
        }
    }

    mutating func set(_ key: RecordKey, _ value: String) {
        switch key {
        case .webUrl: webUrl = value
        case .originalUrl: originalUrl = value
        case .ampWebUrl: ampWebUrl = value
        case .cdnAmpWebUrl: cdnAmpWebUrl = value
        case .url: url = value
        default: break
        }
    }
}

public struct Provider: Sendable, Equatable {
    public var name: String?
    public var domain: String?

    public init(name: String? = nil, domain: String? = nil) {
        self.name = name
        self.domain = domain
    }
}

/// One entry of a record's `related` list: the record's claim that another
/// article is related, with the fields it copied from that article.
///
/// An archive holds a few stubs a record, millions in all, so the struct is
/// kept small (`MemoryLayout<Stub>.stride` is 104 bytes, down from 168): line
/// and column are stored as `Int32` (a record file is at most 256 MiB), and
/// the URLs as the one a stub nearly always has, with the key it came under;
/// a stub with several holds them all in one shared box.
public struct Stub: Sendable, Equatable {
    /// Where the stub starts in its file (its first key, or the entry itself
    /// when it is not a mapping).
    @Int32Stored public var line: Int
    @Int32Stored public var column: Int
    /// False when the entry is not a mapping (a bare string, a number, null):
    /// such a stub names no URL and is malformed.
    public var isMapping: Bool
    /// The key `onlyURL` came under (meaningless when it is nil).
    private var onlyURLKey: RecordKey = .webUrl
    public var title: String?
    public var publishedDateTime: String?
    /// The stub's URL when it has exactly one.
    private var onlyURL: String?
    /// The stub's URLs when it has two or more; nil otherwise.
    private var severalURLs: SeveralURLs?
    public var provider: Provider?

    /// The URL keys the stub gives, as `ArticleURLs` (built when read).
    public var urls: ArticleURLs {
        get {
            if let severalURLs { return severalURLs.urls }
            var urls = ArticleURLs()
            if let onlyURL { urls.set(onlyURLKey, onlyURL) }
            return urls
        }
        set {
            var count = 0
            var last: (key: RecordKey, value: String)?
            newValue.forEachPresent { key, value in
                count += 1
                last = (key, value)
            }
            onlyURL = nil
            severalURLs = count > 1 ? SeveralURLs(urls: newValue) : nil
            if count == 1, let last { (onlyURLKey, onlyURL) = last }
        }
    }

    /// `urls.forEachInAliasOrder(body)` without building `urls`.
    public func forEachURLInAliasOrder(_ body: (String) -> Void) {
        if let severalURLs { return severalURLs.urls.forEachInAliasOrder(body) }
        if let onlyURL { body(onlyURL) }
    }

    /// `urls.display` without building `urls`.
    public var displayURL: String? { severalURLs?.urls.display ?? onlyURL }

    /// Sets one URL key, as a record file gives them one at a time.
    mutating func setURL(_ key: RecordKey, _ value: String) {
        if onlyURL == nil && severalURLs == nil {
            (onlyURLKey, onlyURL) = (key, value)
        } else {
            var urls = self.urls
            urls.set(key, value)
            self.urls = urls
        }
    }

    /// Immutable, so that copies of a stub may share it.
    private final class SeveralURLs: Sendable {
        let urls: ArticleURLs
        init(urls: ArticleURLs) { self.urls = urls }
    }

    public init(line: Int, column: Int = 1, isMapping: Bool = true, title: String? = nil,
                publishedDateTime: String? = nil, urls: ArticleURLs = ArticleURLs(),
                provider: Provider? = nil) {
        self.line = line
        self.column = column
        self.isMapping = isMapping
        self.title = title
        self.publishedDateTime = publishedDateTime
        self.provider = provider
        self.urls = urls
    }

    public static func == (a: Stub, b: Stub) -> Bool {
        (a.line, a.column, a.isMapping) == (b.line, b.column, b.isMapping)
            && a.title == b.title && a.publishedDateTime == b.publishedDateTime && a.provider == b.provider
            && a.urls == b.urls
    }
}

/// A value of a key the schema does not know, kept as the file wrote it.
///
/// Not `indirect`: lists and maps hold their values in arrays already, and a
/// boxed case would cost one allocation more for every unknown scalar.
public enum FieldValue: Sendable, Equatable {
    case null
    case scalar(String)
    case list([FieldValue])
    case map([(key: String, value: FieldValue)])

    public static func == (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.scalar(a), .scalar(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}
