import Foundation

/// The JSON form of a check: every finding (suppressed ones marked), with
/// its rule, level, baseline key and fix, then the counts and the summary.
/// Keys are snake_case and sorted, so the same records give the same bytes:
/// those `JSONEncoder` gives with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`, written a block of findings at a time.
public enum JSONFormat {
    public static func render(_ result: CheckResult) throws -> Data {
        Data(try BlockStream.collect { try write(result, to: $0) })
    }

    /// Writes `render`'s bytes in pieces (`BlockStream`), the findings encoded
    /// on up to `jobs` threads: the same bytes for any `jobs`, never all in memory.
    public static func write(_ result: CheckResult, jobs: Int = 1, to write: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        // Members in sorted key order.
        var document = PrettyJSON.Object(depth: 0)
        document.string("baseline", result.baselineFile, into: &buffer)
        document.int("failing", result.failures, into: &buffer)
        document.key("findings", into: &buffer)
        let findings = result.findings
        try PrettyJSON.streamedArray(count: findings.count, depth: 1, jobs: jobs, pending: &buffer, bytesPerItem: 900,
                                     element: { findings[$0].writeJSON(depth: 2, into: &$1) }, write)
        document.key("summary", into: &buffer)
        try PrettyJSON.write(result.summary, depth: 1, into: &buffer)
        document.int("suppressed", result.suppressed, into: &buffer)
        document.end(into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        try write(buffer)
    }
}

extension CheckedFinding: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        let f = finding
        var object = PrettyJSON.Object(depth: depth)
        object.int("column", f.column, into: &out)
        if !suggestions.isEmpty { object.array("did_you_mean", suggestions, into: &out) }
        object.bool("failing", failsRun, into: &out)
        object.string("file", f.file, into: &out)
        // The key is built when read: once here, for the fingerprint too.
        let key = self.key
        object.string("fingerprint", FindingIdentity.fingerprint(key), into: &out)
        if let fix {
            object.key("fix", into: &out)
            var member = PrettyJSON.Object(depth: depth + 1)
            member.string("file", fix.file, into: &out)
            member.string("unfixable", fix.unfixable, into: &out)
            member.string("yaml", fix.yaml, into: &out)
            member.end(into: &out)
        }
        object.string("key", key, into: &out)
        object.string("level", level.rawValue, into: &out)
        object.int("line", f.line, into: &out)
        object.key("message", into: &out)
        PrettyJSON.writeString(pieces: f.storedMessage.forEachPiece, into: &out)
        object.string("rule", rule.id, into: &out)
        object.string("source", f.source, into: &out)
        object.bool("suppressed", suppressed, into: &out)
        object.string("target", f.target, into: &out)
        object.end(into: &out)
    }
}

extension DidYouMean.Suggestion: PrettyJSONWritable {
    func writeJSON(depth: Int, into out: inout [UInt8]) {
        var object = PrettyJSON.Object(depth: depth)
        object.string("file", file, into: &out)
        object.string("reason", reason.rawValue, into: &out)
        object.string("title", title, into: &out)
        object.string("url", url, into: &out)
        object.end(into: &out)
    }
}
