import Foundation

/// The keys `RecordReader` reads: a record's, a stub's and a provider's.
///
/// A key is matched once, as bytes when the parser has them, so that no
/// `String` is made for a key the schema names; only unknown keys, kept in
/// `Record.otherFields`, become text.
enum RecordKey: String, CaseIterable {
    case title, excerpt, publishedDateTime
    case webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl, url
    case type, category, quality, heat, published
    case provider, topics, related
    case name, domain

    /// The key spelled by `utf8`, or nil when it is no key of the schema.
    init?(utf8 key: UnsafeBufferPointer<UInt8>) {
        guard let first = key.first else { return nil }
        // Length and first byte tell the keys apart; the bytes then confirm.
        let candidate: RecordKey
        switch (key.count, first) {
        case (5, UInt8(ascii: "t")): candidate = .title
        case (7, UInt8(ascii: "e")): candidate = .excerpt
        case (17, UInt8(ascii: "p")): candidate = .publishedDateTime
        case (6, UInt8(ascii: "w")): candidate = .webUrl
        case (11, UInt8(ascii: "o")): candidate = .originalUrl
        case (9, UInt8(ascii: "a")): candidate = .ampWebUrl
        case (12, UInt8(ascii: "c")): candidate = .cdnAmpWebUrl
        case (3, UInt8(ascii: "u")): candidate = .url
        case (4, UInt8(ascii: "t")): candidate = .type
        case (8, UInt8(ascii: "c")): candidate = .category
        case (7, UInt8(ascii: "q")): candidate = .quality
        case (4, UInt8(ascii: "h")): candidate = .heat
        case (9, UInt8(ascii: "p")): candidate = .published
        case (8, UInt8(ascii: "p")): candidate = .provider
        case (6, UInt8(ascii: "t")): candidate = .topics
        case (7, UInt8(ascii: "r")): candidate = .related
        case (4, UInt8(ascii: "n")): candidate = .name
        case (6, UInt8(ascii: "d")): candidate = .domain
        default: return nil
        }
        guard memcmp(candidate.spelling.utf8Start, key.baseAddress!, key.count) == 0 else { return nil }
        self = candidate
    }

    /// `rawValue` as a literal's bytes, compared in place (a small `String`'s
    /// bytes are copied out to be read, for each key of every record).
    private var spelling: StaticString {
        switch self {
        case .title: return "title"
        case .excerpt: return "excerpt"
        case .publishedDateTime: return "publishedDateTime"
        case .webUrl: return "webUrl"
        case .originalUrl: return "originalUrl"
        case .ampWebUrl: return "ampWebUrl"
        case .cdnAmpWebUrl: return "cdnAmpWebUrl"
        case .url: return "url"
        case .type: return "type"
        case .category: return "category"
        case .quality: return "quality"
        case .heat: return "heat"
        case .published: return "published"
        case .provider: return "provider"
        case .topics: return "topics"
        case .related: return "related"
        case .name: return "name"
        case .domain: return "domain"
        }
    }

    /// True for the keys that hold one of an article's URLs (`ArticleURLs.keys`).
    var isURL: Bool {
        switch self {
        case .webUrl, .originalUrl, .ampWebUrl, .cdnAmpWebUrl, .url: return true
        default: return false
        }
    }
}
