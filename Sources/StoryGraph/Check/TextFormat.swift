/// The text form of a check, one finding a line as compilers print them:
/// `path:line:col: severity[rule]: message`, followed (indented) by the fix:
/// the stub to paste for an asymmetric link, the suggestions for a dangling
/// one. Suppressed findings are left out (the summary line counts them).
public enum TextFormat {
    public static func render(_ result: CheckResult) -> String {
        var out = ""
        for checked in result.findings where !checked.suppressed {
            out += line(checked) + "\n"
            for help in help(checked) { out += help + "\n" }
        }
        return out
    }

    public static func line(_ checked: CheckedFinding) -> String {
        let f = checked.finding
        return "\(f.file):\(f.line):\(f.column): \(checked.level.rawValue)[\(checked.rule.id)]: \(f.message)"
    }

    /// The lines that follow a finding: fix stub or did-you-mean candidates.
    public static func help(_ checked: CheckedFinding) -> [String] {
        var lines: [String] = []
        if let fix = checked.fix, fix.lines.isEmpty {
            lines.append("    no back-link can name it: \(fix.unfixable ?? "")")
        } else if let fix = checked.fix {
            let how = fix.unfixable.map { " (not with --fix: \($0))" } ?? ""
            lines.append("    fix: add to `related` in \(fix.file)\(how):")
            lines += fix.lines
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
