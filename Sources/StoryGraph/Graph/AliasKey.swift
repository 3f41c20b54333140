/// A canonical URL as a dictionary key that compares code point by code point.
///
/// Swift's `String` equality is canonical equivalence, so `café` spelt with
/// `é` and with `e` + U+0301 would be one key. They are two URLs to a web
/// server and to the reference (Python compares code points), so aliases are
/// keyed by their exact UTF-8 bytes.
public struct AliasKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }

    public static func == (a: AliasKey, b: AliasKey) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
