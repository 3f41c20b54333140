import Foundation

/// Writes the graph as GraphML 1.0 (the tests read it with networkx's
/// `read_graphml` and igraph's `Read_GraphML`): one typed `<key>` per attribute (`string`, `int`,
/// `double`, `boolean`), lists joined with `;` into one string, missing
/// values and empty lists left out, the summary figures as graph data.
/// Text is XML-escaped; characters XML 1.0 cannot hold become U+FFFD.
public struct GraphMLExporter: Sendable {
    public init() {}

    public func export(_ model: ExportModel) -> Data {
        let nodes = model.nodeTable, edges = model.edgeTable
        let graphAttributes = model.graphAttributes
        // One byte buffer, appended piece by piece: a `String` per element,
        // interpolated and joined, took most of an export of 100,000 records.
        var out: [UInt8] = []
        func write(_ pieces: String...) { for piece in pieces { out.append(contentsOf: piece.utf8) } }
        write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """)
        for attribute in graphAttributes {
            write(key(id: "g_" + attribute.name, for: "graph", name: attribute.name, type: .int))
        }
        // The first column is the node's id (the edge's source and target): XML attributes, not data.
        for column in nodes.columns.dropFirst() { write(key(id: "n_" + column.name, for: "node", name: column.name, type: column.type)) }
        for column in edges.columns.dropFirst(2) { write(key(id: "e_" + column.name, for: "edge", name: column.name, type: column.type)) }

        write("  <graph id=\"storygraph\" edgedefault=\"directed\">\n")
        for attribute in graphAttributes {
            write("    <data key=\"g_", attribute.name, "\">", String(attribute.value), "</data>\n")
        }
        let nodeKeys = nodes.columns.dropFirst().map { XMLText.attribute("n_" + $0.name) }
        let edgeKeys = edges.columns.dropFirst(2).map { XMLText.attribute("e_" + $0.name) }
        for row in nodes.rows {
            write("    <node id=", XMLText.attribute(row[0]?.flatText ?? ""), ">\n")
            data(row.dropFirst(), keys: nodeKeys, into: &out)
            write("    </node>\n")
        }
        for row in edges.rows {
            write("    <edge source=", XMLText.attribute(row[0]?.flatText ?? ""), " target=", XMLText.attribute(row[1]?.flatText ?? ""), ">\n")
            data(row.dropFirst(2), keys: edgeKeys, into: &out)
            write("    </edge>\n")
        }
        write("  </graph>\n</graphml>\n")
        return Data(out)
    }

    private func key(id: String, for domain: String, name: String, type: AttributeType) -> String {
        "  <key id=\(XMLText.attribute(id)) for=\"\(domain)\" attr.name=\(XMLText.attribute(name)) attr.type=\"\(Self.typeName(type))\"/>\n"
    }

    /// The row's `<data>` elements; `keys` holds each column's quoted key id.
    private func data(_ values: ArraySlice<AttributeValue?>, keys: [String], into out: inout [UInt8]) {
        for (key, value) in zip(keys, values) {
            guard let value else { continue }
            if case .list(let items) = value, items.isEmpty { continue }
            out.append(contentsOf: "      <data key=".utf8)
            out.append(contentsOf: key.utf8)
            out.append(UInt8(ascii: ">"))
            out.append(contentsOf: XMLText.content(value.flatText).utf8)
            out.append(contentsOf: "</data>\n".utf8)
        }
    }

    static func typeName(_ type: AttributeType) -> String {
        switch type {
        case .string, .list: return "string"
        case .int: return "int"
        case .double: return "double"
        case .bool: return "boolean"
        }
    }
}

/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
    /// Whether XML 1.0 may hold the character at all (its `Char` production).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Element content: `&`, `<`, `>` escaped; CR as `&#13;` so that a parser's
    /// line-end normalisation cannot turn it into LF; forbidden characters as U+FFFD.
    static func content(_ text: String) -> String {
        escape(text, quote: false)
    }

    /// A double-quoted attribute value, quotes included: also `"` escaped, and
    /// tab and LF as references, which a parser would otherwise turn into spaces.
    static func attribute(_ text: String) -> String {
        "\"" + escape(text, quote: true) + "\""
    }

    private static func escape(_ text: String, quote: Bool) -> String {
        // Most text needs nothing: one pass over the bytes decides (every byte that matters is ASCII,
        // and U+FFFE/U+FFFF start with 0xEF).
        let plain = !text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == 0xEF
        }
        if plain { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where quote: out += "&quot;"
            case "\n" where quote: out += "&#10;"
            case "\t" where quote: out += "&#9;"
            case _ where !isAllowed(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
