/// JUnit XML, as CI test reporters read it: one `testsuite` per rule that is
/// not ignored, one `testcase` per finding (`failure` when it fails the run,
/// `skipped` when the baseline accepts it, passing with `system-out` when
/// it is only a warning or notice). A rule with no findings has one passing
/// case, so a clean run shows every rule as passed.
///
/// All text is escaped, and characters XML 1.0 cannot hold at all (most
/// C0 controls) become U+FFFD.
public enum JUnit {
    public static func render(_ result: CheckResult, policy: CheckPolicy) -> String {
        String(decoding: BlockStream.collect { write(result, policy: policy, to: $0) }, as: UTF8.self)
    }

    /// Writes `render`'s bytes in pieces (`BlockStream`), each rule's findings
    /// encoded on up to `jobs` threads: the same bytes for any `jobs`, never all in memory.
    public static func write(_ result: CheckResult, policy: CheckPolicy, jobs: Int = 1,
                             to write: ([UInt8]) throws -> Void) rethrows {
        let rules = CheckResult.rules(policy)
        let findings = result.findings
        var byRule: [FindingKind: [Int]] = [:]
        for index in findings.indices { byRule[findings[index].rule.kind, default: []].append(index) }
        let tests = rules.reduce(0) { $0 + max(1, byRule[$1.kind]?.count ?? 0) }
        var pending = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"storygraph check\" tests=\"\(tests)\" failures=\"\(result.failures)\" "
            + "errors=\"0\" skipped=\"\(result.suppressed)\">\n").utf8)
        for rule in rules {
            let indices = byRule[rule.kind] ?? []
            let failures = indices.count { findings[$0].failsRun }
            let skipped = indices.count { findings[$0].suppressed }
            let suite = escape("storygraph." + rule.id)
            pending += "  <testsuite name=\"\(suite)\" tests=\"\(max(1, indices.count))\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n".utf8
            if indices.isEmpty {
                pending += "    <testcase classname=\"\(suite)\" name=\"no findings\"/>\n".utf8
            }
            try BlockStream.write(count: indices.count, jobs: jobs, pending: &pending, bytesPerItem: 700, encode: { position, out in
                writeCase(findings[indices[position]], suite: suite, into: &out)
            }, write)
            pending += "  </testsuite>\n".utf8
        }
        pending += "</testsuites>\n".utf8
        try write(pending)
    }

    /// One finding's `testcase`: failing, skipped (in the baseline) or passing with its text.
    private static func writeCase(_ checked: CheckedFinding, suite: String, into out: inout [UInt8]) {
        let f = checked.finding
        PrettyJSON.append("    <testcase classname=\"", into: &out)
        out += suite.utf8
        PrettyJSON.append("\" name=\"", into: &out)
        escape("\(f.file):\(f.line):\(f.column)", into: &out)
        PrettyJSON.append("\" file=\"", into: &out)
        escape(f.file, into: &out)
        PrettyJSON.append("\" line=\"", into: &out)
        PrettyJSON.writeInt(f.line, into: &out)
        PrettyJSON.append("\">\n", into: &out)
        let message = f.message
        if checked.suppressed {
            PrettyJSON.append("      <skipped message=\"", into: &out)
            escape("accepted in the baseline: " + message, into: &out)
            PrettyJSON.append("\"/>\n", into: &out)
        } else {
            let body = ([TextFormat.line(checked)] + TextFormat.help(checked)).joined(separator: "\n")
            if checked.failing {
                PrettyJSON.append("      <failure type=\"", into: &out)
                escape(checked.rule.id, into: &out)
                PrettyJSON.append("\" message=\"", into: &out)
                escape(message, into: &out)
                PrettyJSON.append("\">", into: &out)
                escape(body, into: &out)
                PrettyJSON.append("</failure>\n", into: &out)
            } else {
                PrettyJSON.append("      <system-out>", into: &out)
                escape(body, into: &out)
                PrettyJSON.append("</system-out>\n", into: &out)
            }
        }
        PrettyJSON.append("    </testcase>\n", into: &out)
    }

    /// Text for an XML attribute or element.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(text)`'s bytes, appended. Works on UTF-8 bytes: every character
    /// it replaces is ASCII, but for U+FFFE and U+FFFF (EF BF BE, EF BF BF),
    /// which XML cannot hold either; a Swift string holds no surrogates.
    static func escape(_ text: String, into out: inout [UInt8]) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]   // U+FFFD
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "&"): PrettyJSON.append("&amp;", into: &out)
                case UInt8(ascii: "<"): PrettyJSON.append("&lt;", into: &out)
                case UInt8(ascii: ">"): PrettyJSON.append("&gt;", into: &out)
                case UInt8(ascii: "\""): PrettyJSON.append("&quot;", into: &out)
                case UInt8(ascii: "'"): PrettyJSON.append("&apos;", into: &out)
                // Kept in element text; attributes would normalise them to spaces, so they are written as references.
                case UInt8(ascii: "\t"): PrettyJSON.append("&#9;", into: &out)
                case UInt8(ascii: "\n"): PrettyJSON.append("&#10;", into: &out)
                case UInt8(ascii: "\r"): PrettyJSON.append("&#13;", into: &out)
                case ..<0x20: out += replacement
                case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && bytes[index + 1] >= 0xBE:
                    out += replacement
                    index += 2
                default: out.append(byte)
                }
            }
        }
    }
}
