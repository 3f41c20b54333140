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
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """
        for attribute in graphAttributes {
            out += key(id: "g_" + attribute.name, for: "graph", name: attribute.name, type: .int)
        }
        // The first column is the node's id (the edge's source and target): XML attributes, not data.
        for column in nodes.columns.dropFirst() { out += key(id: "n_" + column.name, for: "node", name: column.name, type: column.type) }
        for column in edges.columns.dropFirst(2) { out += key(id: "e_" + column.name, for: "edge", name: column.name, type: column.type) }

        out += "  <graph id=\"storygraph\" edgedefault=\"directed\">\n"
        for attribute in graphAttributes {
            out += "    <data key=\"g_\(attribute.name)\">\(attribute.value)</data>\n"
        }
        for row in nodes.rows {
            out += "    <node id=\(XMLText.attribute(row[0]?.flatText ?? ""))>\n"
            out += data(row.dropFirst(), nodes.columns.dropFirst(), prefix: "n_")
            out += "    </node>\n"
        }
        for row in edges.rows {
            out += "    <edge source=\(XMLText.attribute(row[0]?.flatText ?? "")) target=\(XMLText.attribute(row[1]?.flatText ?? ""))>\n"
            out += data(row.dropFirst(2), edges.columns.dropFirst(2), prefix: "e_")
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return Data(out.utf8)
    }

    private func key(id: String, for domain: String, name: String, type: AttributeType) -> String {
        "  <key id=\(XMLText.attribute(id)) for=\"\(domain)\" attr.name=\(XMLText.attribute(name)) attr.type=\"\(Self.typeName(type))\"/>\n"
    }

    private func data(_ values: ArraySlice<AttributeValue?>, _ columns: ArraySlice<Column>, prefix: String) -> String {
        var out = ""
        for (column, value) in zip(columns, values) {
            guard let value else { continue }
            if case .list(let items) = value, items.isEmpty { continue }
            out += "      <data key=\(XMLText.attribute(prefix + column.name))>\(XMLText.content(value.flatText))</data>\n"
        }
        return out
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
