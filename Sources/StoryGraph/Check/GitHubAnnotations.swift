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
        String(decoding: BlockStream.collect { write(result, paths: paths, to: $0) }, as: UTF8.self)
    }

    /// Writes `render`'s bytes in pieces (`BlockStream`), the findings encoded
    /// on up to `jobs` threads: the same bytes for any `jobs`, never all in memory.
    public static func write(_ result: CheckResult, paths: ArtifactPaths = ArtifactPaths(), jobs: Int = 1,
                             to write: ([UInt8]) throws -> Void) rethrows {
        let findings = result.findings
        var pending: [UInt8] = []
        try BlockStream.write(count: findings.count, jobs: jobs, pending: &pending, bytesPerItem: 500,
                              state: { LastFileMemo<[UInt8]>() }, encode: { filePaths, index, out in
            let checked = findings[index]
            guard !checked.suppressed else { return }
            let f = checked.finding
            PrettyJSON.append("::", into: &out)
            switch checked.level {
            case .error: PrettyJSON.append("error", into: &out)
            case .warning: PrettyJSON.append("warning", into: &out)
            case .notice: PrettyJSON.append("notice", into: &out)
            }
            PrettyJSON.append(" file=", into: &out)
            out += filePaths.value(for: f.file) { file in
                var property: [UInt8] = []
                escape(paths.display(file), property: true, into: &property)
                return property
            }
            PrettyJSON.append(",line=", into: &out)
            PrettyJSON.writeInt(f.line, into: &out)
            PrettyJSON.append(",col=", into: &out)
            PrettyJSON.writeInt(f.column, into: &out)
            PrettyJSON.append(",title=", into: &out)
            escape("storygraph " + checked.rule.id, property: true, into: &out)
            PrettyJSON.append("::", into: &out)
            f.storedMessage.forEachPiece { escape($0, property: false, into: &out) }
            for line in TextFormat.help(checked) {
                PrettyJSON.append("%0A", into: &out)
                escape(line, property: false, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }, write)
    }

    /// A message (the part after `::`).
    public static func data(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, property: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A property value (`file=`, `title=`).
    public static func property(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, property: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` escaped byte by byte: every character escaped is ASCII, and no
    /// escape writes a character that another would escape again.
    private static func escape(_ text: String, property: Bool, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "%"): PrettyJSON.append("%25", into: &out)
            case UInt8(ascii: "\r"): PrettyJSON.append("%0D", into: &out)
            case UInt8(ascii: "\n"): PrettyJSON.append("%0A", into: &out)
            case UInt8(ascii: ":") where property: PrettyJSON.append("%3A", into: &out)
            case UInt8(ascii: ",") where property: PrettyJSON.append("%2C", into: &out)
            default: out.append(byte)
            }
        }
    }
}
