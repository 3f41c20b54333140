import Foundation

/// A canonical URL as a dictionary key that compares code point by code point.
///
/// Swift's `String` equality is canonical equivalence, so `café` spelt with
/// `é` and with `e` + U+0301 would be one key. They are two URLs to a web
/// server and to the reference (Python compares code points), so aliases are
/// keyed by their exact UTF-8 bytes.
public struct AliasKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String
    /// The hash of the bytes, computed once: a table probe compares it before
    /// it reads the text, which lives elsewhere in memory.
    private let bytesHash: Int

    public init(_ text: String) {
        self.text = text
        var hasher = Hasher()
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        bytesHash = hasher.finalize()
    }

    public init(stringLiteral text: String) { self.init(text) }

    public var description: String { text }

    public static func == (a: AliasKey, b: AliasKey) -> Bool {
        a.bytesHash == b.bytesHash && a.text.hasSameCodePoints(as: b.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytesHash)
    }
}

extension String {
    /// Equal code point by code point (byte by byte in UTF-8), not by
    /// canonical equivalence as `==` compares; a byte compare, not a walk of
    /// the `utf8` view, since aliases are compared millions of times.
    func hasSameCodePoints(as other: String) -> Bool {
        let (a, b) = (utf8, other.utf8)
        guard a.count == b.count else { return false }
        let equal = a.withContiguousStorageIfAvailable { x in
            b.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (equal ?? nil) ?? a.elementsEqual(b)
    }

    /// Code-point order (UTF-8 byte order is code-point order), as Python
    /// sorts strings; never Swift's order of canonical equivalence.
    func precedesInCodePointOrder(_ other: String) -> Bool {
        let ordered = utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (ordered ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
