/// The `related` stub that names a record, written as the stubs of the
/// corpus are: title, excerpt, publishedDateTime, webUrl, type, provider
/// (name, domain) and quality, each only when the record has it.
///
/// Text fields are double-quoted with YAML escapes; dates, numbers and
/// short words (`article`, `TechCrunch`) stay plain when plain YAML reads
/// them back as the same text.
public enum YAMLStub {
    /// The stub's lines (no line ends) for a sequence entry whose dash is at
    /// column `dashIndent` and whose keys start at `keyIndent` (both 0-based).
    /// `url` is the URL the stub names the record by.
    public static func lines(for record: Record, url: String, dashIndent: Int = 2, keyIndent: Int = 4) -> [String] {
        var fields: [(String, String)] = []
        if let title = record.title { fields.append(("title", quoted(title))) }
        if let excerpt = record.excerpt { fields.append(("excerpt", quoted(excerpt))) }
        if let date = record.publishedDateTime { fields.append(("publishedDateTime", isPlainDate(date) ? date : quoted(date))) }
        fields.append(("webUrl", quoted(url)))
        if let type = record.type { fields.append(("type", scalar(type))) }
        var lines: [String] = []
        let keyPad = String(repeating: " ", count: keyIndent)
        let dash = String(repeating: " ", count: dashIndent) + "-" + String(repeating: " ", count: max(1, keyIndent - dashIndent - 1))
        for (key, value) in fields {
            lines.append((lines.isEmpty ? dash : keyPad) + key + ": " + value)
        }
        if let provider = record.provider, provider.name != nil || provider.domain != nil {
            lines.append(keyPad + "provider:")
            if let name = provider.name { lines.append(keyPad + "  name: " + scalar(name)) }
            if let domain = provider.domain { lines.append(keyPad + "  domain: " + scalar(domain)) }
        }
        if let quality = record.quality, quality.isFinite {
            lines.append(keyPad + "quality: " + number(quality))
        }
        return lines
    }

    /// A YAML double-quoted scalar that reads back as exactly `text`: `\\`,
    /// `"`, line breaks, tabs, C0 and C1 controls, DEL, U+2028, U+2029, the
    /// byte order mark and the noncharacters U+FFFE and U+FFFF escaped, the
    /// rest as is. Worked on the UTF-8 bytes (a fix is built for every
    /// asymmetric link, hundreds of thousands in a large archive): every
    /// character escaped is ASCII or one of a few fixed byte sequences.
    public static func quoted(_ text: String) -> String {
        // Read in place (a native string's bytes are contiguous; any other is made so first).
        var text = text
        return text.withUTF8 { quoted(utf8: $0) }
    }

    /// `quoted(_:)` on the text's UTF-8 bytes. The output is a local array
    /// handed to plain functions as `inout`: appended to from nested functions
    /// (which captured it), every byte went through the runtime's exclusivity
    /// check: 426 of the 1,300 samples in `YAMLStub` of a `check` at 100k records.
    private static func quoted(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        out.append(UInt8(ascii: "\""))
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\", to: &out)
            case UInt8(ascii: "\""): append("\\\"", to: &out)
            case UInt8(ascii: "\n"): append("\\n", to: &out)
            case UInt8(ascii: "\r"): append("\\r", to: &out)
            case UInt8(ascii: "\t"): append("\\t", to: &out)
            case ..<0x20, 0x7F: appendHex(byte, to: &out)
            // U+0080...U+009F (C1 controls) are C2 80...C2 9F: the second byte is the scalar.
            case 0xC2 where (0x80...0x9F).contains(next):
                if next == 0x85 { append("\\N", to: &out) } else { appendHex(next, to: &out) }
                index += 2
                continue
            // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
            case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9):
                append(third == 0xA8 ? "\\L" : "\\P", to: &out)
                index += 3
                continue
            // U+FEFF: EF BB BF; U+FFFE and U+FFFF: EF BF BE and EF BF BF.
            case 0xEF where (next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE):
                append(next == 0xBB ? "\\uFEFF" : third == 0xBE ? "\\uFFFE" : "\\uFFFF", to: &out)
                index += 3
                continue
            default: out.append(byte)
            }
            index += 1
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ escaped: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: escaped.utf8Start, count: escaped.utf8CodeUnitCount))
    }

    /// `\xHH`, upper-case hex digits.
    private static func appendHex(_ value: UInt8, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789ABCDEF"
        append("\\x", to: &out)
        out.append(digits.utf8Start[Int(value >> 4)])
        out.append(digits.utf8Start[Int(value & 0xF)])
    }

    /// Words YAML 1.1 reads as booleans or null, never plain text.
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    /// Plain when it is a simple word or phrase YAML 1.1 reads as text, else quoted.
    static func scalar(_ text: String) -> String {
        let simple: Bool
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every provider and type): the same test on bytes, where
            // only A-Z and a-z are alphabetic.
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            let bytes = text.utf8
            simple = bytes.first.map(isLetter) == true
                && bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || " ._-".utf8.contains($0) }
                && bytes.last != UInt8(ascii: " ") && !reserved.contains(text.lowercased())
        } else {
            simple = text.unicodeScalars.first.map { $0.properties.isAlphabetic } == true
                && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " ._-".unicodeScalars.contains($0) }
                && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
        }
        return simple ? text : quoted(text)
    }

    /// `2024-02-27T15:39:00Z` and the like: plain in the corpus, read back as the same text.
    static func isPlainDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10 else { return false }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { ("0"..."9").contains(scalars[$0]) } }
        guard digits(0..<4), scalars[4] == "-", digits(5..<7), scalars[7] == "-", digits(8..<10) else { return false }
        return scalars[10...].allSatisfy { ("0"..."9").contains($0) || "T:.Z+-".unicodeScalars.contains($0) }
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
