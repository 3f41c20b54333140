import Foundation

/// What `FrontMatterParser` composed, as `RecordReader` reads it: scalars
/// become `String`s only here, when a reader asks for one, and keys are
/// matched as bytes.
struct FrontMatterDocument: ComposedYAML {
    typealias Node = Int32

    let parser: FrontMatterParser
    /// Where repeated values are shared (`sharedText(of:)`); none shares nothing.
    var strings: StringInterner? = nil
    /// Where titles and URLs are shared (`linkedText(of:)`); none shares nothing.
    var linked: LinkedTexts? = nil

    private var bytes: UnsafeBufferPointer<UInt8> { parser.bytes }

    func shape(of node: Int32) -> YAMLShape {
        switch parser.nodes[Int(node)].kind {
        case .sequence: return .sequence
        case .mapping: return .mapping
        default: return .scalar
        }
    }

    func isPlain(_ node: Int32) -> Bool {
        parser.nodes[Int(node)].kind == .plain
    }

    func forEachItem(of node: Int32, _ body: (Int32) -> Bool) {
        var child = parser.nodes[Int(node)].firstChild
        while child >= 0, body(child) {
            child = parser.nodes[Int(child)].nextSibling
        }
    }

    func forEachPair(of node: Int32, _ body: (Int32, Int32) -> Bool) {
        var key = parser.nodes[Int(node)].firstChild
        while key >= 0 {
            let value = parser.nodes[Int(key)].nextSibling
            guard body(key, value) else { return }
            key = parser.nodes[Int(value)].nextSibling
        }
    }

    /// Keys are plain scalars here (the parser gives up on any other), so their bytes are their text.
    func recordKey(of key: Int32) -> RecordKey? {
        RecordKey(utf8: rawText(key))
    }

    /// The column counts characters (Unicode scalars), as libyaml's marks do.
    func position(of node: Int32) -> (line: Int, column: Int)? {
        let entry = parser.nodes[Int(node)]
        let start = Int(entry.start)
        var lineStart = start
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var column = 1
        for i in lineStart..<start where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return (Int(entry.line), column)
    }

    /// A block sequence's `-` starts its line after spaces only, and its first
    /// item follows on that line after spaces only (the parser takes no other),
    /// so both columns count bytes and characters alike.
    func entryIndent(of sequence: Int32, key: Int32) -> RelatedIndent? {
        // `related  :` is the key `related` too, but not the `related:` that `locate` looks for.
        guard bytes[Int(parser.nodes[Int(key)].textEnd)] == UInt8(ascii: ":") else { return nil }
        let entry = parser.nodes[Int(sequence)]
        // A flow sequence (`[a, b]`) starts at its `[`: `locate` takes no entries there.
        guard entry.kind == .sequence, entry.firstChild >= 0, bytes[Int(entry.start)] == UInt8(ascii: "-") else { return nil }
        let dash = Int(entry.start)
        var lineStart = dash
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let item = Int(parser.nodes[Int(entry.firstChild)].start)
        guard item - lineStart <= Int(UInt16.max) else { return nil }
        return RelatedIndent(dash: UInt16(dash - lineStart), key: UInt16(item - lineStart))
    }

    func text(of node: Int32) -> String {
        let entry = parser.nodes[Int(node)]
        let range = Int(entry.textStart)..<Int(entry.textEnd)
        switch entry.kind {
        case .plain: return string(range)
        case .singleQuoted: return QuotedText.singleQuoted(UnsafeBufferPointer(rebasing: bytes[range]))
        case .doubleQuoted: return QuotedText.doubleQuoted(UnsafeBufferPointer(rebasing: bytes[range]))
        case .literal, .folded:
            return blockText(range, indent: Int(entry.blockIndent), folded: entry.kind == .folded,
                             keepsFinalBreak: entry.keepsFinalBreak)
        case .sequence, .mapping: return ""
        }
    }

    func sharedText(of node: Int32) -> String { text(of: node, sharedThrough: strings) }

    func linkedText(of node: Int32) -> String { text(of: node, sharedThrough: linked) }

    /// Plain scalars, and quoted ones with nothing to decode, are their bytes:
    /// those are looked up as bytes, and no `String` is made for a value seen before.
    private func text(of node: Int32, sharedThrough sharing: (some TextSharing)?) -> String {
        guard let sharing else { return text(of: node) }
        let raw = rawText(node)
        switch parser.nodes[Int(node)].kind {
        case .plain: return sharing.string(raw)
        case .singleQuoted where !raw.contains(UInt8(ascii: "'")): return sharing.string(raw)
        case .doubleQuoted where !raw.contains(UInt8(ascii: "\\")): return sharing.string(raw)
        default: return sharing.string(text(of: node))
        }
    }

    func sharedFields(_ fields: [String: FieldValue]) -> [String: FieldValue] {
        strings?.fields(fields) ?? fields
    }

    func sharedList(_ texts: [String]) -> [String] {
        strings?.list(texts) ?? texts
    }

    /// The bytes between a scalar's start and end (inside the quotes; a block scalar's lines as written).
    private func rawText(_ node: Int32) -> UnsafeBufferPointer<UInt8> {
        let entry = parser.nodes[Int(node)]
        return UnsafeBufferPointer(rebasing: bytes[Int(entry.textStart)..<Int(entry.textEnd)])
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A block scalar's text: its lines without their indentation, joined by
    /// line breaks (literal) or folded into spaces (folded; an empty line
    /// between two lines is a line break), then the final break if clipped.
    private func blockText(_ range: Range<Int>, indent: Int, folded: Bool, keepsFinalBreak: Bool) -> String {
        var lines: [Range<Int>] = []
        var p = range.lowerBound
        while p < range.upperBound {
            var end = p
            while end < range.upperBound && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            let contentStart = min(p + indent, end)
            lines.append(contentStart..<end)
            p = end
            if p < range.upperBound && bytes[p] == 0x0D { p += 1 }
            if p < range.upperBound && bytes[p] == 0x0A { p += 1 }
        }
        var text: [UInt8] = []
        text.reserveCapacity(range.count)
        var pendingBreaks = 0
        for (index, line) in lines.enumerated() {
            if index > 0 {
                if !folded {
                    text.append(0x0A)
                } else if line.isEmpty {
                    pendingBreaks += 1
                    continue
                } else {
                    if pendingBreaks == 0 { text.append(0x20) } else { text.append(contentsOf: repeatElement(0x0A, count: pendingBreaks)) }
                    pendingBreaks = 0
                }
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
        }
        // Clipping keeps the last line's break, if the text has one (it may end without).
        if keepsFinalBreak && !lines.isEmpty && bytes[range.upperBound - 1] == 0x0A { text.append(0x0A) }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Quoted scalars: checking escapes while parsing, and decoding them when read.
enum QuotedText {
    /// The length of the escape at `i` (a backslash) in a double-quoted
    /// scalar, or `OutsideSubset` when libyaml would reject it or it decodes to NUL.
    static func validEscapeLength(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) throws(FrontMatterParser.OutsideSubset) -> Int {
        guard i + 1 < bytes.count else { throw FrontMatterParser.OutsideSubset() }
        let digits: Int
        switch bytes[i + 1] {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "v"),
             UInt8(ascii: "f"), UInt8(ascii: "r"), UInt8(ascii: "e"), UInt8(ascii: " "), UInt8(ascii: "\""),
             UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "N"), UInt8(ascii: "_"),
             UInt8(ascii: "L"), UInt8(ascii: "P"):
            return 2
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: throw FrontMatterParser.OutsideSubset()   // `\0`, a line break, or no escape at all
        }
        guard let value = hexValue(bytes, from: i + 2, digits: digits), value != 0,
              !(0xD800...0xDFFF).contains(value), value <= 0x10FFFF else { throw FrontMatterParser.OutsideSubset() }
        return 2 + digits
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, digits: Int) -> UInt32? {
        guard start + digits <= bytes.count else { return nil }
        var value: UInt32 = 0
        for i in start..<start + digits {
            let c = bytes[i]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The text between single quotes: `''` is one quote.
    static func singleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "'")) else { return String(decoding: bytes, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            text.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "'") ? 2 : 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The text between double quotes, escapes decoded (they were checked by the parser).
    static func doubleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var text = ""
        text.unicodeScalars.reserveCapacity(bytes.count)
        var run = 0
        var i = 0
        func flush(to end: Int) {
            if end > run { text += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<end]), as: UTF8.self) }
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\") else { i += 1; continue }
            flush(to: i)
            let code = bytes[i + 1]
            var length = 2
            let scalar: UInt32
            switch code {
            case UInt8(ascii: "a"): scalar = 0x07
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "t"): scalar = 0x09
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "v"): scalar = 0x0B
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "e"): scalar = 0x1B
            case UInt8(ascii: "N"): scalar = 0x85
            case UInt8(ascii: "_"): scalar = 0xA0
            case UInt8(ascii: "L"): scalar = 0x2028
            case UInt8(ascii: "P"): scalar = 0x2029
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = code == UInt8(ascii: "x") ? 2 : (code == UInt8(ascii: "u") ? 4 : 8)
                scalar = hexValue(bytes, from: i + 2, digits: digits) ?? 0xFFFD
                length += digits
            default: scalar = UInt32(code)   // `\ `, `\"`, `\/`, `\\`
            }
            text.unicodeScalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            i += length
            run = i
        }
        flush(to: bytes.count)
        return text
    }
}
