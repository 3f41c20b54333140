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
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00xx` escapes, the rest as is.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole: nearly all text is such a run.
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
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
        mutating func key(_ key: String, into out: inout [UInt8]) {
            out.append(contentsOf: (members == 0 ? "{\n" : ",\n").utf8)
            members += 1
            PrettyJSON.indent(depth + 1, into: &out)
            PrettyJSON.writeString(key, into: &out)
            out.append(contentsOf: " : ".utf8)
        }

        mutating func int(_ key: String, _ value: Int, into out: inout [UInt8]) {
            self.key(key, into: &out)
            out.append(contentsOf: String(value).utf8)
        }

        /// The member, or nothing when the value is nil (as `encodeIfPresent` does).
        mutating func string(_ key: String, _ value: String?, into out: inout [UInt8]) {
            guard let value else { return }
            self.key(key, into: &out)
            PrettyJSON.writeString(value, into: &out)
        }

        mutating func array<T: PrettyJSONWritable>(_ key: String, _ items: [T], into out: inout [UInt8]) {
            self.key(key, into: &out)
            PrettyJSON.writeArray(items, depth: depth + 1, into: &out)
        }

        func end(into out: inout [UInt8]) {
            if members == 0 { out.append(contentsOf: "{\n".utf8) }
            out.append(UInt8(ascii: "\n"))
            PrettyJSON.indent(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeArray<T: PrettyJSONWritable>(_ items: [T], depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: "[\n".utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(contentsOf: ",\n".utf8) }
            indent(depth + 1, into: &out)
            item.writeJSON(depth: depth + 1, into: &out)
        }
        out.append(UInt8(ascii: "\n"))
        indent(depth, into: &out)
        out.append(UInt8(ascii: "]"))
    }
}

extension Finding: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.int("column", column, into: &out)
        object.string("file", file, into: &out)
        object.string("kind", kind.rawValue, into: &out)
        object.int("line", line, into: &out)
        object.string("message", message, into: &out)
        object.string("severity", severity.rawValue, into: &out)
        object.string("source", source, into: &out)
        object.string("target", target, into: &out)
        object.end(into: &out)
    }
}

extension ClusterReport: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.int("asymmetric", asymmetric, into: &out)
        object.int("dangling", dangling, into: &out)
        if let dateSpan { object.key("date_span", into: &out); dateSpan.writeJSON(depth: depth + 1, into: &out) }
        object.int("edges", edges, into: &out)
        object.int("id", id, into: &out)
        object.array("members", members, into: &out)
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
