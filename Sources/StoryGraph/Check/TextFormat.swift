/// The text form of a check, one finding a line as compilers print them:
/// `path:line:col: severity[rule]: message`, followed (indented) by the fix:
/// the stub to paste for an asymmetric link, the suggestions for a dangling
/// one. Suppressed findings are left out (the summary line counts them).
public enum TextFormat {
    public static func render(_ result: CheckResult) -> String {
        String(decoding: BlockStream.collect { write(result, to: $0) }, as: UTF8.self)
    }

    /// Writes `render`'s bytes in pieces (`BlockStream`), the findings encoded
    /// on up to `jobs` threads: the same bytes for any `jobs`, never all in memory.
    public static func write(_ result: CheckResult, jobs: Int = 1, to write: ([UInt8]) throws -> Void) rethrows {
        let findings = result.findings
        var pending: [UInt8] = []
        try BlockStream.write(count: findings.count, jobs: jobs, pending: &pending, bytesPerItem: 400, encode: { index, out in
            let checked = findings[index]
            guard !checked.suppressed else { return }
            writeLine(checked, into: &out)
            for help in help(checked) {
                out.append(contentsOf: help.utf8)
                out.append(UInt8(ascii: "\n"))
            }
        }, write)
    }

    public static func line(_ checked: CheckedFinding) -> String {
        var bytes: [UInt8] = []
        writeLine(checked, into: &bytes)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `line(checked)` and a line end, written without building the line.
    static func writeLine(_ checked: CheckedFinding, into out: inout [UInt8]) {
        let f = checked.finding
        out.append(contentsOf: f.file.utf8)
        out.append(UInt8(ascii: ":"))
        PrettyJSON.writeInt(f.line, into: &out)
        out.append(UInt8(ascii: ":"))
        PrettyJSON.writeInt(f.column, into: &out)
        PrettyJSON.append(": ", into: &out)
        out.append(contentsOf: checked.level.rawValue.utf8)
        out.append(UInt8(ascii: "["))
        out.append(contentsOf: checked.rule.id.utf8)
        PrettyJSON.append("]: ", into: &out)
        f.storedMessage.forEachPiece { out.append(contentsOf: $0.utf8) }
        out.append(UInt8(ascii: "\n"))
    }

    /// The lines that follow a finding: fix stub or did-you-mean candidates.
    public static func help(_ checked: CheckedFinding) -> [String] {
        var lines: [String] = []
        // Read once: a fix is worked out from its target's file each time it is read.
        if let fix = checked.fix {
            if fix.lines.isEmpty {
                lines.append("    no back-link can name it: \(fix.unfixable ?? "")")
            } else {
                let how = fix.unfixable.map { " (not with --fix: \($0))" } ?? ""
                lines.append("    fix: add to `related` in \(fix.file)\(how):")
                lines += fix.lines
            }
        }
        for suggestion in checked.suggestions {
            let title = suggestion.title.map { " \"\($0)\"" } ?? ""
            lines.append("    did you mean \(suggestion.url)\(title) (\(suggestion.file); \(suggestion.reason.rawValue))?")
        }
        return lines
    }

    /// The line for stderr: what was read and what it gave.
    public static func summaryLine(_ result: CheckResult) -> String {
        let s = result.summary
        var parts = ["\(result.failures) failing finding\(result.failures == 1 ? "" : "s")"]
        if result.others > 0 { parts.append("\(result.others) not failing") }
        if result.suppressed > 0 { parts.append("\(result.suppressed) suppressed by the baseline") }
        return "storygraph check: \(s.records) records, \(s.links) links: " + parts.joined(separator: ", ")
    }
}
