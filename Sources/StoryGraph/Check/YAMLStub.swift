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

    /// A YAML double-quoted scalar that reads back as exactly `text`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                    out += "\\x" + hex(value, digits: 2)
                } else if value == 0xFEFF || (0xFFFE...0xFFFF).contains(value) {
                    out += "\\u" + hex(value, digits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Plain when it is a simple word or phrase YAML 1.1 reads as text, else quoted.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
        let simple = text.unicodeScalars.first.map { $0.properties.isAlphabetic } == true
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " ._-".unicodeScalars.contains($0) }
            && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
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

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
