/// `%XX` for one byte, upper-case hex, as RFC 3986 writes a percent-encoded
/// octet: the DOT encoder writes the bytes a link may not hold this way, and
/// the exports the characters an XML id may not hold.
package enum PercentEscape {
    private static let digits = Array("0123456789ABCDEF".utf8)

    package static func escaped(_ byte: UInt8) -> String {
        String(decoding: [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
