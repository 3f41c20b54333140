import Foundation

/// JSON as Foundation's `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte, but written
/// piece by piece into a buffer the caller flushes as it goes.
///
/// `JSONEncoder` builds the whole document before it writes a byte: for a
/// report of a million records that is gigabytes. Here each element of a big
/// array is encoded and written on its own (see `Report.writeJSON`).
public enum PrettyJSON {
    /// Encodes a small value with `JSONEncoder` itself and appends it at nesting
    /// level `depth` (2 spaces a level). Pretty-printed JSON holds no raw line
    /// break inside a string, so indenting every non-empty line after the first
    /// is all a nested position changes. The report's big arrays do not come this way:
    /// their elements are `PrettyJSONWritable`.
    static func write<T: Encodable>(_ value: T, depth: Int, into out: inout [UInt8]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let indentation = [UInt8](repeating: UInt8(ascii: " "), count: 2 * depth)
        var lineStart = false
        for byte in try encoder.encode(value) {
            // The empty line of an empty array or object stays empty, as `JSONEncoder` leaves it.
            if lineStart && byte != UInt8(ascii: "\n") { out += indentation }
            out.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
    }

    static func indent(_ depth: Int, into out: inout [UInt8]) {
        // The report nests five deep at most; deeper values (none today) take the slow way.
        guard depth <= 8 else { return out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        let spaces: StaticString = "                "
        out.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: 2 * depth))
    }

    /// Appends a literal's bytes (the generic `append(contentsOf: "…".utf8)`
    /// walked them one at a time, and the report appends millions).
    @inline(__always)
    static func append(_ literal: StaticString, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// An integer's decimal digits, as `String(value)` spells them, without making a `String`.
    static func writeInt(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for the 20 digits of any UInt64
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00xx` escapes, the rest as is.
    public static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        writeEscaped(text, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// One JSON string made of pieces, written one after another as `pieces`
    /// hands them over (a finding's message: `FindingMessage.forEachPiece`), so
    /// that the joined text is never built. JSON escapes byte by byte, so the
    /// pieces escaped one by one are the joined text escaped.
    static func writeString(pieces: ((String) -> Void) -> Void, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        pieces { writeEscaped($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string: `text` with `"`, `\\` and control characters escaped.
    private static func writeEscaped(_ text: String, into out: inout [UInt8]) {
        // Read in place: a native string's bytes are contiguous. `withUTF8` needs a
        // mutable copy, a retain and release of every string written, and the
        // report's strings (titles, paths) are shared by the threads that write it.
        if text.utf8.withContiguousStorageIfAvailable({ writeEscaped(bytes: $0, into: &out) }) != nil { return }
        var text = text
        text.withUTF8 { writeEscaped(bytes: $0, into: &out) }
    }

    private static func writeEscaped(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Runs of bytes that need no escape are copied whole: nearly all text is such a run.
        var runStart = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time until a word holds a byte to escape: a report
            // is mostly titles and URLs, and this loop was its hottest.
            if index + 8 <= bytes.count && !needsEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index - 1]))
            runStart = index
            writeEscape(byte, into: &out)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// True when one of the word's eight bytes is a control character, `"` or `\`
    /// (the classic bit tricks: a byte is zero after XOR with the one looked for,
    /// or below 0x20; bytes of 0x80 and up never count).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highBits != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highBits != 0
        return hasControl || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    private static func writeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
        case 0x08: out.append(contentsOf: "\\b".utf8)
        case 0x0C: out.append(contentsOf: "\\f".utf8)
        case 0x0A: out.append(contentsOf: "\\n".utf8)
        case 0x0D: out.append(contentsOf: "\\r".utf8)
        case 0x09: out.append(contentsOf: "\\t".utf8)
        default:
            let digits: StaticString = "0123456789abcdef"
            out.append(contentsOf: "\\u00".utf8)
            out.append(digits.utf8Start[Int(byte >> 4)])
            out.append(digits.utf8Start[Int(byte & 0xF)])
        }
    }
}

/// A value that writes its own JSON: the bytes `JSONEncoder` gives for its
/// `Encodable` form (keys sorted, nil members left out), written straight into
/// the caller's buffer. The report's findings, clusters and stories, hundreds
/// of thousands of them in a large archive, take this path; PrettyJSONTests
/// hold it to `JSONEncoder`'s bytes.
protocol PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8])
}

extension PrettyJSON {
    /// Writes one object's members; the caller names them in sorted key order.
    struct Object {
        let depth: Int
        private var members = 0

        init(depth: Int) { self.depth = depth }

        /// Starts the member `key`; its value is written next.
        mutating func key(named key: String, into out: inout [UInt8]) {
            startMember(into: &out)
            PrettyJSON.writeString(key, into: &out)
            PrettyJSON.append(" : ", into: &out)
        }

        /// Starts the member `key`, a literal that needs no escaping (every key of the report).
        mutating func key(_ key: StaticString, into out: inout [UInt8]) {
            startMember(into: &out)
            out.append(UInt8(ascii: "\""))
            PrettyJSON.append(key, into: &out)
            PrettyJSON.append("\" : ", into: &out)
        }

        private mutating func startMember(into out: inout [UInt8]) {
            PrettyJSON.append(members == 0 ? "{\n" : ",\n", into: &out)
            members += 1
            PrettyJSON.indent(depth + 1, into: &out)
        }

        mutating func int(_ key: StaticString, _ value: Int, into out: inout [UInt8]) {
            self.key(key, into: &out)
            PrettyJSON.writeInt(value, into: &out)
        }

        /// The member, or nothing when the value is nil (as `encodeIfPresent` does).
        mutating func string(_ key: StaticString, _ value: String?, into out: inout [UInt8]) {
            guard let value else { return }
            self.key(key, into: &out)
            PrettyJSON.writeString(value, into: &out)
        }

        mutating func bool(_ key: StaticString, _ value: Bool, into out: inout [UInt8]) {
            self.key(key, into: &out)
            PrettyJSON.append(value ? "true" : "false", into: &out)
        }

        mutating func array<T: PrettyJSONWritable>(_ key: StaticString, _ items: [T], into out: inout [UInt8]) {
            self.key(key, into: &out)
            PrettyJSON.writeArray(items, depth: depth + 1, into: &out)
        }

        func end(into out: inout [UInt8]) {
            if members == 0 { PrettyJSON.append("{\n", into: &out) }
            out.append(UInt8(ascii: "\n"))
            PrettyJSON.indent(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A big array, at nesting level `depth`, its `count` elements written by
    /// `element` (each at `depth + 1`) and streamed through `BlockStream`:
    /// the bytes before it sit in `pending`, which holds what follows it after.
    static func streamedArray<State>(count: Int, depth: Int, jobs: Int, pending: inout [UInt8], bytesPerItem: Int,
                                     state: @Sendable () -> State,
                                     element: @Sendable (inout State, Int, inout [UInt8]) -> Void,
                                     _ write: ([UInt8]) throws -> Void) throws {
        pending.append(UInt8(ascii: "["))
        try BlockStream.write(count: count, jobs: jobs, pending: &pending, bytesPerItem: bytesPerItem, state: state, encode: { state, index, out in
            startElement(index, depth: depth, into: &out)
            element(&state, index, &out)
        }, write)
        endArray(count: count, depth: depth, into: &pending)
    }

    /// What goes before element `index` of an array at nesting level `depth`
    /// whose `[` is written: its separator and indent.
    static func startElement(_ index: Int, depth: Int, into out: inout [UInt8]) {
        append(index == 0 ? "\n" : ",\n", into: &out)
        indent(depth + 1, into: &out)
    }

    /// The end of an array of `count` elements at nesting level `depth`.
    static func endArray(count: Int, depth: Int, into out: inout [UInt8]) {
        // An empty array keeps its empty line, as `JSONEncoder` writes it.
        append(count == 0 ? "\n\n" : "\n", into: &out)
        indent(depth, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    /// `streamedArray` for elements that need no state of their own.
    static func streamedArray(count: Int, depth: Int, jobs: Int, pending: inout [UInt8], bytesPerItem: Int,
                              element: @Sendable (Int, inout [UInt8]) -> Void,
                              _ write: ([UInt8]) throws -> Void) throws {
        try streamedArray(count: count, depth: depth, jobs: jobs, pending: &pending, bytesPerItem: bytesPerItem,
                          state: {}, element: { _, index, out in element(index, &out) }, write)
    }

    /// An array of one element, written by `element` at `depth + 1` (SARIF's runs and locations).
    static func singleElementArray(depth: Int, into out: inout [UInt8], _ element: (inout [UInt8]) throws -> Void) rethrows {
        out.append(UInt8(ascii: "["))
        startElement(0, depth: depth, into: &out)
        try element(&out)
        endArray(count: 1, depth: depth, into: &out)
    }

    static func writeArray<T: PrettyJSONWritable>(_ items: [T], depth: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            startElement(index, depth: depth, into: &out)
            item.writeJSON(depth: depth + 1, into: &out)
        }
        endArray(count: items.count, depth: depth, into: &out)
    }
}

extension Finding: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        Self.writeJSON(depth: depth, column: column, file: file, kind: kind, line: line, message: storedMessage,
                       severity: severity, source: source, target: target, into: &out)
    }

    /// A finding's JSON from its fields, wherever they are kept: a `Finding`'s
    /// own, or the graph's for a finding the report writes without building it
    /// (`ArticleGraph.writeEdgeFindingJSON`). The one place its members are spelt.
    static func writeJSON(depth: Int, column: Int, file: String, kind: FindingKind, line: Int, message: FindingMessage,
                          severity: Severity, source: String?, target: String?, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.int("column", column, into: &out)
        object.string("file", file, into: &out)
        object.string("kind", kind.rawValue, into: &out)
        object.int("line", line, into: &out)
        object.key("message", into: &out)
        PrettyJSON.writeString(pieces: message.forEachPiece, into: &out)
        object.string("severity", severity.rawValue, into: &out)
        object.string("source", source, into: &out)
        object.string("target", target, into: &out)
        object.end(into: &out)
    }
}

extension ClusterReport: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = writeUpToMembers(depth: depth, into: &out)
        PrettyJSON.writeArray(members, depth: depth + 1, into: &out)
        writeAfterMembers(&object, into: &out)
    }

    /// The members before `members`, and its key: the value is the caller's
    /// to write (`Report.writeJSON` streams a large cluster's).
    func writeUpToMembers(depth: Int, into out: inout [UInt8]) -> PrettyJSON.Object {
        var object = PrettyJSON.Object(depth: depth)
        object.int("asymmetric", asymmetric, into: &out)
        object.int("dangling", dangling, into: &out)
        if let dateSpan { object.key("date_span", into: &out); dateSpan.writeJSON(depth: depth + 1, into: &out) }
        object.int("edges", edges, into: &out)
        object.int("id", id, into: &out)
        object.key("members", into: &out)
        return object
    }

    /// The members after `members`, and the object's end.
    func writeAfterMembers(_ object: inout PrettyJSON.Object, into out: inout [UInt8]) {
        object.int("mutual_pairs", mutualPairs, into: &out)
        object.array("providers", providers, into: &out)
        object.int("size", size, into: &out)
        object.array("topics", topics, into: &out)
        object.end(into: &out)
    }
}

extension ClusterReport.Member: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.string("file", file, into: &out)
        object.string("title", title, into: &out)
        object.string("url", url, into: &out)
        object.end(into: &out)
    }
}

extension ClusterReport.DateSpan: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.string("first", first, into: &out)
        object.string("last", last, into: &out)
        object.end(into: &out)
    }
}

extension ClusterReport.Tally: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.int("count", count, into: &out)
        object.string("name", name, into: &out)
        object.end(into: &out)
    }
}

extension StoryReport: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.int("cluster", cluster, into: &out)
        if let dateSpan { object.key("date_span", into: &out); dateSpan.writeJSON(depth: depth + 1, into: &out) }
        object.int("id", id, into: &out)
        object.string("label", label, into: &out)
        object.array("members", members, into: &out)
        object.array("providers", providers, into: &out)
        object.int("size", size, into: &out)
        object.end(into: &out)
    }
}

extension StoryReport.Member: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.string("file", file, into: &out)
        object.string("url", url, into: &out)
        object.end(into: &out)
    }
}
