import Foundation

/// Writes the graph as five CSV files: nodes.csv, edges.csv, findings.csv,
/// clusters.csv and stories.csv (RFC 4180: UTF-8 without BOM, a header row,
/// CRLF line ends, a field quoted when it holds `,`, `"`, CR or LF, and `"`
/// doubled inside).
///
/// Lists are joined with `;`; booleans are `true`/`false`; a missing value is
/// an empty field. Text is written exactly as the records hold it, so that
/// Python's `csv` module reads back the same strings; a cell starting with
/// `=`, `+`, `-` or `@` is therefore not defused for spreadsheets (README).
public struct CSVExporter: Sendable {
    public init() {}

    /// The file names, in the order `export` returns them.
    public static let fileNames = ["nodes.csv", "edges.csv", "findings.csv", "clusters.csv", "stories.csv"]

    /// Each file's name and bytes.
    public func export(_ model: ExportModel) -> [(name: String, data: Data)] {
        let tables = [model.nodeTable, model.edgeTable, model.findingTable, model.clusterTable, model.storyTable]
        return zip(Self.fileNames, tables).map { name, table in (name, Data(csv(table))) }
    }

    /// The table's bytes, written field by field into one buffer (joining
    /// `String`s a row at a time took most of an export of 100,000 records).
    func csv(_ table: ExportTable) -> [UInt8] {
        var out: [UInt8] = []
        func row(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.write(field, into: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        row(table.columns.map(\.name))
        for cells in table.rows { row(cells.map { $0?.flatText ?? "" }) }
        return out
    }

    /// Appends one field, quoted only when it has to be. Works on UTF-8 bytes:
    /// `,`, `"`, CR and LF are ASCII, and an ASCII byte is never part of a
    /// multi-byte character, so a `"` followed by a combining mark (one Swift
    /// `Character`) is still found and doubled.
    static func write(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
            guard bytes.contains(where: special) else { return out.append(contentsOf: bytes) }
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
