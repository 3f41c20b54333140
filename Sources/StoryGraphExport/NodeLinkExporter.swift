import Foundation
import StoryGraph

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

/// JSON text for attribute values. Strings are escaped by the report's
/// writer (`PrettyJSON.writeString`): one set of JSON escaping rules.
enum JSONText {
    static func write(_ value: AttributeValue, into out: inout [UInt8]) {
        switch value {
        case .string(let text): PrettyJSON.writeString(text, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                PrettyJSON.writeString(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: number.description.utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        }
    }

    static func value(_ value: AttributeValue) -> String {
        var out: [UInt8] = []
        write(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as
    /// `\n`-style or `\u00xx` escapes, everything else as UTF-8 text.
    static func quoted(_ text: String) -> String {
        value(.string(text))
    }
}
