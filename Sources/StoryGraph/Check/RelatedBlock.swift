/// A record file cut into lines, and where its front matter's top-level
/// `related` list can take new entries without touching any other byte.
///
/// Lines keep their own ends (`\n`, `\r\n` or none), so joining them gives
/// the file back byte for byte; a BOM stays on the first line.
public struct RecordFileLines: Sendable {
    public struct Line: Sendable {
        /// The line's bytes without its line end.
        public var content: ArraySlice<UInt8>
        public var end: ArraySlice<UInt8>
        public var text: String { String(decoding: content, as: UTF8.self) }
    }

    public var lines: [Line]

    public init(_ bytes: [UInt8]) {
        var lines: [Line] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let contentEnd = index > start && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
            lines.append(Line(content: bytes[start..<contentEnd], end: bytes[contentEnd...index]))
            start = index + 1
        }
        if start < bytes.count { lines.append(Line(content: bytes[start...], end: [])) }
        self.lines = lines
    }

    /// The line end new lines should use: the file's first one, `\n` if it has none.
    public var lineEnd: [UInt8] {
        lines.first(where: { !$0.end.isEmpty }).map { Array($0.end) } ?? [UInt8(ascii: "\n")]
    }
}

/// Where new `related` entries go in a front-matter file.
public struct RelatedBlock: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        /// A block sequence (or a bare `related:`): insert after line `after` (0-based).
        case block(after: Int)
        /// `related: []` or `related: null` at this line: it becomes `related:`.
        case empty(line: Int)
        /// No `related` key: add one before the closing `---` at this line.
        case absent(fence: Int)
    }

    public var shape: Shape
    /// Column (0-based) of an entry's `-`, and of its first key.
    public var dashIndent: Int
    public var keyIndent: Int

    /// Finds the block, or says why the file cannot take new entries.
    public static func locate(in file: RecordFileLines) -> Result<RelatedBlock, FixError> {
        let lines = file.lines
        guard let first = lines.first, isFence(first.content, allowBOM: true) else {
            return .failure(FixError("the file has no front matter"))
        }
        guard let fence = lines.indices.dropFirst().first(where: { isFence(lines[$0].content, allowBOM: false) }) else {
            return .failure(FixError("the front matter is never closed"))
        }
        // The top-level key, plain or quoted.
        let keys = ["related:", "\"related\":", "'related':"].map { Array($0.utf8) }
        var found: (line: Int, key: [UInt8])?
        for index in 1..<fence {
            if let key = keys.first(where: { lines[index].content.starts(with: $0) }) {
                found = (index, key)
                break
            }
        }
        guard let (keyLine, key) = found else {
            return .success(RelatedBlock(shape: .absent(fence: fence), dashIndent: 2, keyIndent: 4))
        }
        let rest = String(decoding: lines[keyLine].content.dropFirst(key.count), as: UTF8.self)
        let value = rest.trimmingPythonWhitespace()
        switch value {
        case "[]", "null", "~", "Null", "NULL":
            return .success(RelatedBlock(shape: .empty(line: keyLine), dashIndent: 2, keyIndent: 4))
        case _ where value.isEmpty || value.hasPrefix("#"):
            break
        default:
            return .failure(FixError("its `related` is written inline (\(value.prefix(20))…); add the entry by hand"))
        }
        // The block runs on over indented lines, blank lines and comments, and
        // entries whose dash sits at column 0 (allowed under a mapping key).
        var last = keyLine
        var indents: (dash: Int, key: Int)?
        var index = keyLine + 1
        while index < fence {
            let content = lines[index].content
            let indent = content.prefix(while: { $0 == UInt8(ascii: " ") }).count
            let body = content.dropFirst(indent)
            if body.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || body.first == UInt8(ascii: "#") {
                index += 1
                continue
            }
            let isEntry = body.first == UInt8(ascii: "-") && (body.count == 1 || body.dropFirst().first == UInt8(ascii: " "))
            guard indent > 0 || isEntry else { break }
            if indents == nil && isEntry {
                let after = body.dropFirst().prefix(while: { $0 == UInt8(ascii: " ") }).count
                if body.count > 1 + after {
                    indents = (indent, indent + 1 + after)
                } else if index + 1 < fence {
                    // `-` alone on its line: the keys start on the next one.
                    let next = lines[index + 1].content
                    indents = (indent, next.prefix(while: { $0 == UInt8(ascii: " ") }).count)
                }
            }
            last = index
            index += 1
        }
        let (dashIndent, keyIndent) = indents ?? (2, 4)
        return .success(RelatedBlock(shape: .block(after: last), dashIndent: dashIndent, keyIndent: keyIndent))
    }

    private static func isFence(_ content: ArraySlice<UInt8>, allowBOM: Bool) -> Bool {
        FrontMatter.isFenceLine(content, allowBOM: allowBOM)
    }

    /// The file with `entries` (each a list of lines without line ends) added
    /// to the block; every other byte is kept, new lines take the file's line end.
    public func inserting(_ entries: [[String]], into file: RecordFileLines) -> [UInt8] {
        let end = file.lineEnd
        var out: [UInt8] = []
        func add(_ text: String) { out += Array(text.utf8) + end }
        func addEntries() { for line in entries.joined() { add(line) } }
        for (index, line) in file.lines.enumerated() {
            switch shape {
            case .absent(let fence) where index == fence:
                add("related:")
                addEntries()
                out += line.content + line.end
            case .empty(let keyLine) where index == keyLine:
                // The key as the file spells it, without its `[]` or `null`.
                let key = line.content.prefix(through: line.content.firstIndex(of: UInt8(ascii: ":"))!)
                out += Array(key) + (line.end.isEmpty ? end : Array(line.end))
                addEntries()
            case .block(let after) where index == after:
                out += line.content + (line.end.isEmpty ? end : Array(line.end))
                addEntries()
            default:
                out += line.content + line.end
            }
        }
        return out
    }
}

/// Why a fix cannot be made automatically.
public struct FixError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
