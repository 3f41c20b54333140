import Foundation

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
        var text = text
        let block = text.withUTF8 { bytes in
            Result { () throws(RecordError) in
                try yamlRange(in: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
            }
        }
        switch block {
        case .failure(let error): throw error
        case .success(nil): return .none
        case .success(let yaml?): return .yaml(yaml, firstLine: yamlFirstLine)
        }
    }

    /// The line the YAML of a front-matter block starts on.
    static let yamlFirstLine = 2

    /// Where the YAML between the fences lies in a file's bytes (a BOM may
    /// come first); nil when the file does not start with `---`.
    ///
    /// - Throws: `RecordError` for a block that is opened but never closed (at line 1).
    static func yamlRange(in bytes: UnsafeBufferPointer<UInt8>) throws(RecordError) -> Range<Int>? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let firstEnd = lineEnd(bytes, from: start)
        guard firstEnd > start || start < bytes.count, isFence(bytes, start..<firstEnd) else { return nil }
        let yamlStart = nextLine(bytes, after: firstEnd)
        var lineStart = yamlStart
        while lineStart < bytes.count {
            let end = lineEnd(bytes, from: lineStart)
            if isFence(bytes, lineStart..<end) { return yamlStart..<lineStart }
            lineStart = nextLine(bytes, after: end)
        }
        throw RecordError(line: 1, message: "front matter opened with '---' but never closed")
    }

    /// The offset of the line end (`\n`, or the end of the text) of the line starting at `start`.
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        guard let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func nextLine(_ bytes: UnsafeBufferPointer<UInt8>, after lineEnd: Int) -> Int {
        min(lineEnd + 1, bytes.count)
    }

    /// A fence as a line-by-line reader takes one (`RelatedBlock.locate`,
    /// which edits files): the line's content (without its LF, or CRLF) is
    /// `---`, then spaces and tabs, a BOM first when `allowBOM`.
    static func isFenceLine<Line: BidirectionalCollection<UInt8>>(_ content: Line, allowBOM: Bool) -> Bool
    where Line.SubSequence == Line {
        var line = content
        if allowBOM && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line = line.dropLast() }
        return line.elementsEqual("---".utf8)
    }

    /// True when both fences of the block whose YAML ends at `yamlEnd` (a
    /// `yamlRange` bound, counted from `bodyStart`, after any BOM) are fences
    /// by `isFenceLine` too. `yamlRange` takes a little more (a CR not before
    /// an LF, say); a record read from such a file has no `RelatedIndent`,
    /// as `RelatedBlock.locate` might not find its block.
    static func hasLineFences(_ file: UnsafeBufferPointer<UInt8>, bodyStart: Int, yamlEnd: Int) -> Bool {
        func content(ofLineAt start: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
            let end = lineEnd(file, from: start)
            let contentEnd = end < file.count && end > start && file[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            return file[start..<contentEnd]
        }
        return isFenceLine(content(ofLineAt: 0), allowBOM: true)
            && isFenceLine(content(ofLineAt: bodyStart + yamlEnd), allowBOM: false)
    }

    /// `---` alone on its line; trailing spaces, tabs and a CR are tolerated.
    private static func isFence(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end - 1]) { end -= 1 }
        return end - line.lowerBound == 3 && bytes[line.lowerBound] == UInt8(ascii: "-")
            && bytes[line.lowerBound + 1] == UInt8(ascii: "-") && bytes[line.lowerBound + 2] == UInt8(ascii: "-")
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
