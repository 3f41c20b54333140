/// GitHub Actions workflow commands, one a finding:
/// `::error file=PATH,line=L,col=C,title=storygraph RULE::MESSAGE`, which the
/// runner turns into annotations on the pull request's files. Suppressed
/// findings are left out; the fix or the suggestions follow the message on
/// lines of their own.
///
/// Escaping follows the runner: in the message `%`, CR and LF become `%25`,
/// `%0D`, `%0A`; in a property `:` and `,` also become `%3A` and `%2C`.
public enum GitHubAnnotations {
    public static func render(_ result: CheckResult, paths: ArtifactPaths = ArtifactPaths()) -> String {
        var out = ""
        for checked in result.findings where !checked.suppressed {
            let f = checked.finding
            let command: String
            switch checked.level {
            case .error: command = "error"
            case .warning: command = "warning"
            case .notice: command = "notice"
            }
            var message = f.message
            let help = TextFormat.help(checked)
            if !help.isEmpty { message += "\n" + help.joined(separator: "\n") }
            let properties = [
                "file=" + property(paths.display(f.file)),
                "line=\(f.line)",
                "col=\(f.column)",
                "title=" + property("storygraph \(checked.rule.id)"),
            ]
            out += "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
        }
        return out
    }

    /// A message (the part after `::`).
    public static func data(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value (`file=`, `title=`).
    public static func property(_ text: String) -> String {
        var out = ""
        for scalar in data(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
