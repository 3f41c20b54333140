import Foundation

/// Writes the graph as four CSV files: nodes.csv, edges.csv, findings.csv and
/// clusters.csv (RFC 4180: UTF-8 without BOM, a header row, CRLF line ends, a
/// field quoted when it holds `,`, `"`, CR or LF, and `"` doubled inside).
///
/// Lists are joined with `;`; booleans are `true`/`false`; a missing value is
/// an empty field. Text is written exactly as the records hold it, so that
/// Python's `csv` module reads back the same strings; a cell starting with
/// `=`, `+`, `-` or `@` is therefore not defused for spreadsheets (README).
public struct CSVExporter: Sendable {
    public init() {}

    /// The file names, in the order `export` returns them.
    public static let fileNames = ["nodes.csv", "edges.csv", "findings.csv", "clusters.csv"]

    /// Each file's name and bytes.
    public func export(_ model: ExportModel) -> [(name: String, data: Data)] {
        let tables = [model.nodeTable, model.edgeTable, model.findingTable, model.clusterTable]
        return zip(Self.fileNames, tables).map { name, table in (name, Data(csv(table).utf8)) }
    }

    func csv(_ table: ExportTable) -> String {
        var out = table.columns.map { Self.field($0.name) }.joined(separator: ",") + "\r\n"
        for row in table.rows {
            out += row.map { Self.field($0?.flatText ?? "") }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One field, quoted only when it has to be. Works on Unicode scalars: a
    /// `"` followed by a combining mark is one Swift `Character`, but still a quote.
    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
