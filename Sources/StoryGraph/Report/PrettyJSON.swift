import Foundation

/// JSON as Foundation's `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte, but written
/// piece by piece into a buffer the caller flushes as it goes.
///
/// `JSONEncoder` builds the whole document before it writes a byte: for a
/// report of a million records that is gigabytes. Here each element of a big
/// array is encoded and written on its own (see `Report.writeJSON`).
public enum PrettyJSON {
    /// An encoded value.
    indirect enum Value {
        case null
        case bool(Bool)
        /// A number, already as its JSON text.
        case number(String)
        case string(String)
        case array([Value])
        case object([(key: String, value: Value)])
    }

    /// Encodes `value` and appends it at nesting level `depth` (2 spaces a level).
    static func write<T: Encodable>(_ value: T, depth: Int, into out: inout [UInt8]) throws {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        write(encoder.root.value, depth: depth, into: &out)
    }

    static func write(_ value: Value, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                indent(depth + 1, into: &out)
                write(item, depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            indent(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(contentsOf: "{\n".utf8)
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                indent(depth + 1, into: &out)
                writeString(member.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(member.value, depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            indent(depth, into: &out)
            out.append(UInt8(ascii: "}"))
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

    /// A double as `JSONEncoder` writes it: integral values without `.0`.
    static func number(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A minimal `Encoder` that builds a `PrettyJSON.Value` tree.
private final class TreeEncoder: Encoder {
    /// One value under construction: a container fills it in place.
    final class Slot {
        enum Content { case empty, value(PrettyJSON.Value), array([Slot]), object([(String, Slot)]) }
        var content = Content.empty

        var value: PrettyJSON.Value {
            switch content {
            case .empty: return .object([])
            case .value(let value): return value
            case .array(let slots): return .array(slots.map(\.value))
            case .object(let members): return .object(members.map { ($0.0, $0.1.value) })
            }
        }
    }

    let root: Slot
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(root: Slot = Slot()) {
        self.root = root
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = root.content {} else { root.content = .object([]) }
        return KeyedEncodingContainer(Keyed<Key>(slot: root))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = root.content {} else { root.content = .array([]) }
        return Unkeyed(slot: root)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        Single(slot: root)
    }

    /// Encodes `value` into `slot`, the way every container does.
    static func encode<T: Encodable>(_ value: T, into slot: Slot) throws {
        switch value {
        case let text as String: slot.content = .value(.string(text))
        case let flag as Bool: slot.content = .value(.bool(flag))
        case let number as Int: slot.content = .value(.number(String(number)))
        case let number as any BinaryInteger: slot.content = .value(.number("\(number)"))
        case let number as Float: slot.content = .value(.number(PrettyJSON.number(Double(number))))
        case let number as Double: slot.content = .value(.number(PrettyJSON.number(number)))
        default: try value.encode(to: TreeEncoder(root: slot))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [CodingKey] = []

        private func add(_ key: Key) -> Slot {
            let child = Slot()
            if case .object(var members) = slot.content {
                slot.content = .empty   // keep `members` uniquely referenced while appending
                members.append((key.stringValue, child))
                slot.content = .object(members)
            }
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { add(key).content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try TreeEncoder.encode(value, into: add(key)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = add(key)
            child.content = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: child))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = add(key)
            child.content = .array([])
            return Unkeyed(slot: child)
        }

        mutating func superEncoder() -> Encoder { TreeEncoder(root: add(Key(stringValue: "super")!)) }
        mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(root: add(key)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey] = []
        var count: Int {
            if case .array(let slots) = slot.content { return slots.count }
            return 0
        }

        private func add() -> Slot {
            let child = Slot()
            if case .array(var slots) = slot.content {
                slot.content = .empty
                slots.append(child)
                slot.content = .array(slots)
            }
            return child
        }

        mutating func encodeNil() throws { add().content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: add()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = add()
            child.content = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: child))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = add()
            child.content = .array([])
            return Unkeyed(slot: child)
        }

        mutating func superEncoder() -> Encoder { TreeEncoder(root: add()) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey] = []

        mutating func encodeNil() throws { slot.content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: slot) }
    }
}

/// A value that writes its own JSON: the bytes `JSONEncoder` gives for its
/// `Encodable` form (keys sorted, nil members left out), without building the
/// tree `TreeEncoder` builds. The report's findings and clusters, hundreds of
/// thousands of them in a large archive, take this path; PrettyJSONTests
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
