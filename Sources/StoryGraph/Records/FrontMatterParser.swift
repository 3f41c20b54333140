import Foundation

/// The fast path: a parser for the YAML that record front matter is written in.
///
/// It composes block mappings and sequences (including a sequence written at
/// its key's indentation and `- key: value` entries), plain scalars on one
/// line, single- and double-quoted scalars on one line (with every YAML
/// escape), `[a, b]`, `[]` and `{}` on one line, comments, and `|`/`>` block
/// scalars with clip or strip chomping.
///
/// Anything else, valid or not, makes it give up (`OutsideSubset`), and the
/// caller hands the text to the full YAML library: anchors and aliases, tags,
/// multi-line plain or quoted scalars, flow collections over several lines,
/// complex keys, repeated keys, tabs, control characters, Unicode line
/// breaks, and every syntax error. Giving up is always safe; accepting is
/// only allowed where the full library composes exactly the same document,
/// which the differential tests check on every corpus here.
///
/// It works on UTF-8 bytes and copies nothing: nodes are offsets into the
/// text, and a scalar's `String` is made only when a reader asks for it.
struct FrontMatterParser {
    struct OutsideSubset: Error {}

    /// One node, stored in a flat array; children are linked by index.
    struct Node {
        enum Kind: UInt8 { case plain, singleQuoted, doubleQuoted, literal, folded, sequence, mapping }
        var kind: Kind
        /// 1-based line of the node's first character.
        var line: Int32
        /// Byte offset of the node's first character.
        var start: Int32
        /// Scalars: the bytes of the text (inside the quotes; for block scalars the content lines).
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Block scalars: the content's indentation, and whether the final line break is kept (clip) or not (strip).
        var blockIndent: Int32 = 0
        var keepsFinalBreak = true
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var nodes: [Node] = []
    /// The keys of the mappings being parsed, innermost last, to find a
    /// repeated key: one array for the document, not one per mapping.
    private var openKeys: [Range<Int>] = []
    /// Start of the current line, and its number.
    private var lineStart = 0
    private var line = 1

    private init(_ bytes: UnsafeBufferPointer<UInt8>, storage: consuming [Node]) {
        self.bytes = bytes
        nodes = storage
        nodes.removeAll(keepingCapacity: true)
        nodes.reserveCapacity(bytes.count / 24)
    }

    /// Composes `bytes` (one YAML document), or throws `OutsideSubset`.
    /// The root is node 0, a mapping. The nodes go into `storage`'s room,
    /// when given (`takeStorage()` hands it back for the next document).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, storage: consuming [Node] = []) throws(OutsideSubset) -> FrontMatterParser {
        guard FrontMatterParser.onlyPlainCharacters(bytes) else { throw OutsideSubset() }
        var parser = FrontMatterParser(bytes, storage: storage)
        guard let indent = parser.nextContentLine(), indent == 0 else { throw OutsideSubset() }
        _ = try parser.mapping(indent: 0, at: parser.lineStart)
        guard parser.nextContentLine() == nil else { throw OutsideSubset() }
        return parser
    }

    /// The node array, for the next document to fill (this parser is done with).
    mutating func takeStorage() -> [Node] {
        var storage: [Node] = []
        swap(&storage, &nodes)
        return storage
    }

    // MARK: Characters

    /// False when the text holds a byte the subset leaves to libyaml: a tab,
    /// a control character, a lone CR, a C1 control or NEL, a line or
    /// paragraph separator, a byte-order mark, or U+FFFE/U+FFFF.
    static func onlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count {
            // Eight printable ASCII bytes or line feeds at a time; a word holding anything else goes byte by byte.
            if i + 8 <= count && isPrintableASCIIOrLineFeed(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = bytes[i]
            if byte >= 0x20 && byte < 0x7F { i += 1; continue }
            switch byte {
            case 0x0A: break
            case 0x0D: if i + 1 >= count || bytes[i + 1] != 0x0A { return false }
            case 0xC2: if i + 1 < count && bytes[i + 1] < 0xA0 { return false }
            case 0xE2: if i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return false }
            case 0xEF:
                if i + 2 < count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { return false }
                if i + 2 < count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF) { return false }
            default: if byte < 0x80 { return false }
            }
            i += 1
        }
        return true
    }

    /// True when each of the eight bytes of `word` is in 0x20...0x7E (the
    /// bit tricks of "Bit Twiddling Hacks": `hasless` and `haszero`).
    @inline(__always) static func isPrintableASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x20) & ~word & highBits
        let delete = word ^ (ones &* 0x7F)
        let isDelete = (delete &- ones) & ~delete & highBits
        return (word & highBits) | belowSpace | isDelete == 0
    }

    /// True when each of the eight bytes of `word` is in 0x20...0x7E or is a
    /// line feed: a front matter's lines end in one every forty bytes or so,
    /// and each sent its word the slow way. Each line feed is made a `*`
    /// (0x0A | 0x20) first, found by an exact per-byte zero test of
    /// `word ^ 0x0A…` (no borrow crosses bytes: each sum stays below 0x100).
    @inline(__always) static func isPrintableASCIIOrLineFeed(_ word: UInt64) -> Bool {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
        let lineFeeds = ~(((x & low7) &+ low7) | x | low7)
        return isPrintableASCII(word | (lineFeeds >> 2))
    }

    /// True when one of the eight bytes of `word` is zero ("Bit Twiddling Hacks": `haszero`).
    @inline(__always) static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// The byte at `i`, or 0 past the end (a NUL cannot occur in accepted text).
    @inline(__always) private func at(_ i: Int) -> UInt8 {
        i < bytes.count ? bytes[i] : 0
    }

    @inline(__always) private func isLineEnd(_ i: Int) -> Bool {
        let byte = at(i)
        return byte == 0 || byte == 0x0A || byte == 0x0D
    }

    private func skipSpaces(_ i: Int) -> Int {
        var i = i
        while at(i) == 0x20 { i += 1 }
        return i
    }

    /// Moves to the start of the next line.
    private mutating func endLine(from i: Int) {
        var i = i
        while !isLineEnd(i) { i += 1 }
        if at(i) == 0x0D { i += 1 }
        if at(i) == 0x0A { i += 1 }
        lineStart = i
        line += 1
    }

    /// After a value ending at `i`: only spaces and a comment may follow on its line.
    private mutating func finishLine(after i: Int) throws(OutsideSubset) {
        let j = skipSpaces(i)
        guard isLineEnd(j) || (at(j) == UInt8(ascii: "#") && j > i) else { throw OutsideSubset() }
        endLine(from: j)
    }

    /// Skips blank and comment lines; returns the indentation of the next
    /// line with content (the current line then), or nil at the end.
    private mutating func nextContentLine() -> Int? {
        while lineStart < bytes.count {
            let i = skipSpaces(lineStart)
            if isLineEnd(i) || at(i) == UInt8(ascii: "#") {
                if i >= bytes.count { lineStart = bytes.count; return nil }
                endLine(from: i)
                continue
            }
            return i - lineStart
        }
        return nil
    }

    private func isSequenceEntry(_ i: Int) -> Bool {
        at(i) == UInt8(ascii: "-") && (at(i + 1) == 0x20 || isLineEnd(i + 1))
    }

    /// `---` or `...` at the start of a line: a document marker, which ends the subset.
    private func isDocumentMarker(_ i: Int) -> Bool {
        let c = at(i)
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return at(i + 1) == c && at(i + 2) == c && (at(i + 3) == 0x20 || isLineEnd(i + 3))
    }

    /// When a plain key starts at `i` (a letter, digit or `_`, then anything
    /// up to `: ` or `:` at the line end), the offset of its colon.
    private func keyColon(at i: Int) -> Int? {
        let first = at(i)
        guard first.isASCIILetterOrDigit || first == UInt8(ascii: "_") else { return nil }
        var j = i + 1
        while !isLineEnd(j) {
            let c = at(j)
            if c == UInt8(ascii: ":") && (at(j + 1) == 0x20 || isLineEnd(j + 1)) {
                return j - i <= 1000 ? j : nil
            }
            if c == 0x20 && at(j + 1) == UInt8(ascii: "#") { return nil }
            j += 1
        }
        return nil
    }

    // MARK: Nodes

    private mutating func append(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func link(_ child: Int32, to parent: Int32, after previous: inout Int32) {
        if previous < 0 { nodes[Int(parent)].firstChild = child } else { nodes[Int(previous)].nextSibling = child }
        previous = child
    }

    /// A block mapping whose keys sit at column `indent`; the first key starts at `start` on the current line.
    private mutating func mapping(indent: Int, at start: Int) throws(OutsideSubset) -> Int32 {
        let node = append(Node(kind: .mapping, line: Int32(line), start: Int32(start)))
        var previous: Int32 = -1
        var keyStart = start
        let firstKey = openKeys.count
        defer { openKeys.removeSubrange(firstKey...) }
        while true {
            guard let colon = keyColon(at: keyStart) else { throw OutsideSubset() }
            var keyEnd = colon
            while bytes[keyEnd - 1] == 0x20 { keyEnd -= 1 }
            let key = keyStart..<keyEnd
            // A repeated key is an error for Yams; let it say so.
            for seen in openKeys[firstKey...] where seen.count == key.count && memcmp(bytes.baseAddress! + seen.lowerBound, bytes.baseAddress! + key.lowerBound, key.count) == 0 {
                throw OutsideSubset()
            }
            openKeys.append(key)
            link(append(Node(kind: .plain, line: Int32(line), start: Int32(keyStart), textStart: Int32(keyStart), textEnd: Int32(keyEnd))),
                 to: node, after: &previous)

            let valueStart = skipSpaces(colon + 1)
            let value: Int32
            if isLineEnd(valueStart) || at(valueStart) == UInt8(ascii: "#") {
                // The value is on the lines below, or empty.
                let keyLine = line
                endLine(from: valueStart)
                let inner = nextContentLine()
                if let inner, inner > indent {
                    value = try blockNode(indent: inner, at: lineStart + inner)
                } else if let inner, inner == indent, isSequenceEntry(lineStart + inner) {
                    value = try sequence(indent: indent, at: lineStart + inner)
                } else {
                    value = append(Node(kind: .plain, line: Int32(keyLine), start: Int32(valueStart),
                                        textStart: Int32(valueStart), textEnd: Int32(valueStart)))
                }
            } else {
                value = try inlineValue(at: valueStart, blockScalarIndent: indent)
            }
            link(value, to: node, after: &previous)

            guard let next = nextContentLine(), next >= indent else { break }
            keyStart = lineStart + next
            guard next == indent, !isSequenceEntry(keyStart), !isDocumentMarker(keyStart) else { throw OutsideSubset() }
        }
        return node
    }

    /// A block sequence whose `-` sit at column `indent`; the first `-` is at `start` on the current line.
    private mutating func sequence(indent: Int, at start: Int) throws(OutsideSubset) -> Int32 {
        let node = append(Node(kind: .sequence, line: Int32(line), start: Int32(start)))
        var previous: Int32 = -1
        var dash = start
        while true {
            let itemStart = skipSpaces(dash + 1)
            // An empty entry, an entry on the lines below, or a nested sequence: left to Yams.
            guard itemStart > dash + 1, !isLineEnd(itemStart), at(itemStart) != UInt8(ascii: "#"),
                  !isSequenceEntry(itemStart) else { throw OutsideSubset() }
            let item: Int32
            if keyColon(at: itemStart) != nil {
                item = try mapping(indent: itemStart - lineStart, at: itemStart)
            } else {
                item = try inlineValue(at: itemStart, blockScalarIndent: nil)
            }
            link(item, to: node, after: &previous)

            guard let next = nextContentLine(), next >= indent else { break }
            guard next == indent else { throw OutsideSubset() }
            dash = lineStart + next
            // Back at the parent mapping's keys (a sequence written at its key's indentation).
            guard isSequenceEntry(dash) else { break }
        }
        return node
    }

    /// A collection that starts on its own line, at column `indent`.
    private mutating func blockNode(indent: Int, at start: Int) throws(OutsideSubset) -> Int32 {
        if isSequenceEntry(start) { return try sequence(indent: indent, at: start) }
        if keyColon(at: start) != nil { return try mapping(indent: indent, at: start) }
        throw OutsideSubset()
    }

    /// A value that starts at `i` on the current line and ends on it (or a block scalar,
    /// allowed where `blockScalarIndent` gives the parent's indentation).
    private mutating func inlineValue(at i: Int, blockScalarIndent: Int?) throws(OutsideSubset) -> Int32 {
        let c = at(i)
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let end = try quotedEnd(from: i)
            let node = append(Node(kind: c == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, line: Int32(line),
                                   start: Int32(i), textStart: Int32(i + 1), textEnd: Int32(end)))
            try finishLine(after: end + 1)
            return node
        case UInt8(ascii: "["):
            return try flowSequence(at: i)
        case UInt8(ascii: "{"):
            let close = skipSpaces(i + 1)
            guard at(close) == UInt8(ascii: "}") else { throw OutsideSubset() }
            let node = append(Node(kind: .mapping, line: Int32(line), start: Int32(i)))
            try finishLine(after: close + 1)
            return node
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            guard let parentIndent = blockScalarIndent else { throw OutsideSubset() }
            return try blockScalar(at: i, parentIndent: parentIndent)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            guard !(at(i + 1) == 0x20 || isLineEnd(i + 1)) && c == UInt8(ascii: "-") else { throw OutsideSubset() }
            return try plainScalar(at: i)
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            throw OutsideSubset()
        default:
            return try plainScalar(at: i)
        }
    }

    /// A plain scalar that ends on its line: at a comment, or at the line end, trailing spaces trimmed.
    private mutating func plainScalar(at i: Int) throws(OutsideSubset) -> Int32 {
        var j = i
        var end = i
        while !isLineEnd(j) {
            let c = at(j)
            if c == 0x20 {
                if at(j + 1) == UInt8(ascii: "#") { break }
            } else {
                // `: ` inside, or `:` at the end, would make it a key.
                if c == UInt8(ascii: ":") && (at(j + 1) == 0x20 || isLineEnd(j + 1)) { throw OutsideSubset() }
                end = j + 1
            }
            j += 1
        }
        let node = append(Node(kind: .plain, line: Int32(line), start: Int32(i), textStart: Int32(i), textEnd: Int32(end)))
        endLine(from: j)
        return node
    }

    /// The offset of the closing quote of a quoted scalar opened at `i`, which must be on the same line
    /// and (double-quoted) hold only escapes that decode to a character other than NUL.
    private func quotedEnd(from i: Int) throws(OutsideSubset) -> Int {
        let quote = at(i)
        var j = i + 1
        // Eight bytes at a time while none of them is the quote, a backslash or a line break.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let (quotes, backslashes) = (ones &* UInt64(quote), ones &* UInt64(UInt8(ascii: "\\")))
        let (newlines, returns) = (ones &* 0x0A, ones &* 0x0D)
        while j + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + j).loadUnaligned(as: UInt64.self)
            if Self.hasZeroByte(word ^ quotes) || Self.hasZeroByte(word ^ backslashes)
                || Self.hasZeroByte(word ^ newlines) || Self.hasZeroByte(word ^ returns) { break }
            j += 8
        }
        while !isLineEnd(j) {
            let c = at(j)
            if quote == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
                j += try QuotedText.validEscapeLength(in: bytes, at: j)
                continue
            }
            if c == quote {
                if quote == UInt8(ascii: "'") && at(j + 1) == quote { j += 2; continue }
                return j
            }
            j += 1
        }
        throw OutsideSubset()
    }

    /// `[]` or `[a, "b", 'c']` on one line.
    private mutating func flowSequence(at i: Int) throws(OutsideSubset) -> Int32 {
        let node = append(Node(kind: .sequence, line: Int32(line), start: Int32(i)))
        var previous: Int32 = -1
        var j = skipSpaces(i + 1)
        if at(j) == UInt8(ascii: "]") {
            try finishLine(after: j + 1)
            return node
        }
        while true {
            let c = at(j)
            let item: Int32
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                let end = try quotedEnd(from: j)
                item = append(Node(kind: c == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, line: Int32(line),
                                   start: Int32(j), textStart: Int32(j + 1), textEnd: Int32(end)))
                j = skipSpaces(end + 1)
            } else {
                // A plain item: letters, digits and safe punctuation only.
                guard c.isASCIILetterOrDigit || c >= 0x80 || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") else {
                    throw OutsideSubset()
                }
                var k = j
                var end = j
                while true {
                    let d = at(k)
                    if d == UInt8(ascii: ",") || d == UInt8(ascii: "]") || isLineEnd(k) { break }
                    if d == UInt8(ascii: "[") || d == UInt8(ascii: "{") || d == UInt8(ascii: "}") || d == UInt8(ascii: "#")
                        || d == UInt8(ascii: ":") || d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") { throw OutsideSubset() }
                    if d != 0x20 { end = k + 1 }
                    k += 1
                }
                item = append(Node(kind: .plain, line: Int32(line), start: Int32(j), textStart: Int32(j), textEnd: Int32(end)))
                j = k
            }
            link(item, to: node, after: &previous)
            if at(j) == UInt8(ascii: "]") {
                try finishLine(after: j + 1)
                return node
            }
            guard at(j) == UInt8(ascii: ",") else { throw OutsideSubset() }
            j = skipSpaces(j + 1)
            // A trailing comma or an empty item: left to Yams.
            guard at(j) != UInt8(ascii: "]") && at(j) != UInt8(ascii: ",") && !isLineEnd(j) else { throw OutsideSubset() }
        }
    }

    /// A `|` or `>` block scalar, with clip (default) or strip (`-`) chomping,
    /// the indentation found from its first line, and (for `>`) no
    /// more-indented or leading empty lines, whose folding is left to Yams.
    private mutating func blockScalar(at i: Int, parentIndent: Int) throws(OutsideSubset) -> Int32 {
        let folded = at(i) == UInt8(ascii: ">")
        var j = i + 1
        var keepsFinalBreak = true
        if at(j) == UInt8(ascii: "-") { keepsFinalBreak = false; j += 1 }
        guard at(j) == 0x20 || isLineEnd(j) else { throw OutsideSubset() }   // `+`, an indentation digit
        let startLine = line
        try finishLine(after: j)

        // The content's indentation is that of its first non-empty line.
        let contentStart = lineStart
        var probe = lineStart
        var leadingSpaces = 0
        var leadingEmpty = false
        var indent = 0
        while true {
            let k = skipSpaces(probe)
            guard k < bytes.count else { throw OutsideSubset() }   // no content at all
            if isLineEnd(k) {
                leadingSpaces = max(leadingSpaces, k - probe)
                leadingEmpty = true
                probe = k + (at(k) == 0x0D ? 2 : 1)
                continue
            }
            indent = k - probe
            break
        }
        guard indent > parentIndent, leadingSpaces <= indent, !(folded && leadingEmpty) else { throw OutsideSubset() }

        // Content lines run while they are empty or indented at least `indent`.
        var lastContentLineEnd = contentStart
        var linesTaken = 0
        var p = contentStart
        while p < bytes.count {
            let k = skipSpaces(p)
            let spaces = k - p
            var lineEnd = k
            while !isLineEnd(lineEnd) { lineEnd += 1 }
            let next = lineEnd + (at(lineEnd) == 0x0D ? 2 : (at(lineEnd) == 0x0A ? 1 : 0))
            if isLineEnd(k) {
                // Spaces beyond the indentation are text in a literal scalar; folding them is left to Yams.
                if spaces > indent {
                    if folded { throw OutsideSubset() }
                    lastContentLineEnd = next
                }
            } else {
                if spaces < indent { break }
                if folded && spaces > indent { throw OutsideSubset() }
                lastContentLineEnd = next
            }
            linesTaken += 1
            p = next
        }
        let node = append(Node(kind: folded ? .folded : .literal, line: Int32(startLine), start: Int32(i),
                               textStart: Int32(contentStart), textEnd: Int32(lastContentLineEnd),
                               blockIndent: Int32(indent), keepsFinalBreak: keepsFinalBreak))
        // Trailing empty lines belong to the scalar (and are chomped); continue after them.
        lineStart = p
        line += linesTaken
        return node
    }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
}
