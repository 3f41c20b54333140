/// Finds the YAML front-matter block of a record file.
///
/// A record's text starts with a line `---`, holds YAML, and ends the block
/// with another `---` line (SPEC.md, "Records"). A UTF-8 byte-order mark and
/// CRLF line ends are tolerated. This stage only cuts the block out; the
/// YAML inside is the decoder's business.
public enum FrontMatter {
    /// What the cutting found.
    public enum Block: Equatable, Sendable {
        /// The YAML text between the fences, and the file line its first line is on.
        case yaml(String, firstLine: Int)
        /// The file does not start with `---` (or is empty): not a record, not an error.
        case none
    }

    /// Cuts the front matter out of a file's bytes.
    ///
    /// - Throws: `RecordError` for invalid UTF-8 (at the line of the first bad
    ///   byte) and for a block that is opened but never closed (at line 1).
    public static func extract(from bytes: [UInt8]) throws(RecordError) -> Block {
        try extract(from: RecordFiles.text(bytes))
    }

    /// Cuts the front matter out of a file's text (BOM already removed or not).
    public static func extract(from text: String) throws(RecordError) -> Block {
        var lines = text.utf8[...]
        if lines.starts(with: [0xEF, 0xBB, 0xBF]) { lines = lines.dropFirst(3) }
        guard let first = nextLine(&lines), isFence(first) else { return .none }
        let yamlStart = lines.startIndex
        while !lines.isEmpty {
            let lineStart = lines.startIndex
            guard let line = nextLine(&lines) else { break }
            if isFence(line) {
                let yaml = String(Substring(text.utf8[yamlStart..<lineStart]))
                return .yaml(yaml, firstLine: 2)
            }
        }
        throw RecordError(line: 1, message: "front matter opened with '---' but never closed")
    }

    /// Takes the next line off `rest` (without its line end); nil when `rest` is empty.
    private static func nextLine(_ rest: inout Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence? {
        guard !rest.isEmpty else { return nil }
        if let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            let line = rest[rest.startIndex..<newline]
            rest = rest[rest.index(after: newline)...]
            return line
        }
        let line = rest
        rest = rest[rest.endIndex...]
        return line
    }

    /// `---` alone on its line; trailing spaces, tabs and a CR are tolerated.
    private static func isFence(_ line: Substring.UTF8View.SubSequence) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual("---".utf8)
    }
}

/// Why one file (or one object of a JSON file) is not a usable record.
public struct RecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line in the file.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
