import Foundation

/// Writes the graph as networkx's node-link JSON:
///
///     {"directed": true, "multigraph": false, "graph": {summary...},
///      "nodes": [{"id": ..., "kind": "article", ...}, ...],
///      "edges": [{"source": ..., "target": ..., "kind": "article", "mutual": true, ...}, ...]}
///
/// The edge list is under `"edges"`, the key networkx 3.4+ reads with
/// `node_link_graph(data, edges="edges")` (older versions: `link="edges"`).
/// `multigraph: false` is explicit because networkx otherwise builds a
/// MultiGraph. Missing values are left out; lists are JSON arrays. One node or
/// edge a line, keys in column order: the same model gives the same bytes.
public struct NodeLinkExporter: Sendable {
    public init() {}

    public func export(_ model: ExportModel) -> Data {
        var out: [UInt8] = []
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        append("{\n  \"directed\": true,\n  \"multigraph\": false,\n  \"graph\": {")
        append(model.graphAttributes.map { "\(JSONText.quoted($0.name)): \($0.value)" }.joined(separator: ", "))
        append("},\n  \"nodes\": ")
        objects(model.nodeTable, into: &out)
        append(",\n  \"edges\": ")
        objects(model.edgeTable, into: &out)
        append("\n}\n")
        return Data(out)
    }

    /// `[` one object a line `]`, each holding the row's present values,
    /// written as bytes into one buffer: a `String` per member and per line,
    /// joined, took most of an export of 100,000 records.
    private func objects(_ table: ExportTable, into out: inout [UInt8]) {
        guard !table.rows.isEmpty else { return out.append(contentsOf: "[]".utf8) }
        let keys = table.columns.map { Array((JSONText.quoted($0.name) + ": ").utf8) }
        out.append(contentsOf: "[\n".utf8)
        for (index, row) in table.rows.enumerated() {
            out.append(contentsOf: (index == 0 ? "    {" : ",\n    {").utf8)
            var first = true
            for (key, value) in zip(keys, row) {
                guard let value else { continue }
                if !first { out.append(contentsOf: ", ".utf8) }
                first = false
                out.append(contentsOf: key)
                JSONText.write(value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "\n  ]".utf8)
    }
}

/// JSON text for attribute values.
enum JSONText {
    /// Appends `value(value)`'s bytes.
    static func write(_ value: AttributeValue, into out: inout [UInt8]) {
        switch value {
        case .string(let text): writeQuoted(text, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                writeQuoted(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .int, .double, .bool: out.append(contentsOf: Self.value(value).utf8)
        }
    }

    /// Appends `quoted(text)`'s bytes; text that needs no escape is copied as it is.
    static func writeQuoted(_ text: String, into out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { out.append(contentsOf: quoted(text).utf8) }
    }

    static func value(_ value: AttributeValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .int(let number): return String(number)
        case .double(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .list(let items): return "[" + items.map(quoted).joined(separator: ", ") + "]"
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as
    /// `\n`-style or `\u00XX` escapes, everything else as UTF-8 text.
    static func quoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
