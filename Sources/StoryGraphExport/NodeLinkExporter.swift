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
        var out = "{\n"
        out += "  \"directed\": true,\n"
        out += "  \"multigraph\": false,\n"
        out += "  \"graph\": {"
        out += model.graphAttributes.map { "\(JSONText.quoted($0.name)): \($0.value)" }.joined(separator: ", ")
        out += "},\n"
        out += "  \"nodes\": " + objects(model.nodeTable) + ",\n"
        out += "  \"edges\": " + objects(model.edgeTable) + "\n"
        out += "}\n"
        return Data(out.utf8)
    }

    /// `[` one object a line `]`, each holding the row's present values.
    private func objects(_ table: ExportTable) -> String {
        guard !table.rows.isEmpty else { return "[]" }
        let lines = table.rows.map { row -> String in
            let members = zip(table.columns, row).compactMap { column, value in
                value.map { JSONText.quoted(column.name) + ": " + JSONText.value($0) }
            }
            return "    {" + members.joined(separator: ", ") + "}"
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n  ]"
    }
}

/// JSON text for attribute values.
enum JSONText {
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
