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
        let rules = CheckResult.rules(policy)
        let byRule = Dictionary(grouping: result.findings, by: \.rule.kind)
        var suites = ""
        for rule in rules {
            let findings = byRule[rule.kind] ?? []
            let failures = findings.filter(\.failsRun).count
            let skipped = findings.filter(\.suppressed).count
            suites += "  <testsuite name=\"\(escape("storygraph." + rule.id))\" tests=\"\(max(1, findings.count))\" "
                + "failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            if findings.isEmpty {
                suites += "    <testcase classname=\"\(escape("storygraph." + rule.id))\" name=\"no findings\"/>\n"
            }
            for checked in findings {
                let f = checked.finding
                suites += "    <testcase classname=\"\(escape("storygraph." + rule.id))\" "
                    + "name=\"\(escape("\(f.file):\(f.line):\(f.column)"))\" file=\"\(escape(f.file))\" line=\"\(f.line)\">\n"
                let body = ([TextFormat.line(checked)] + TextFormat.help(checked)).joined(separator: "\n")
                if checked.suppressed {
                    suites += "      <skipped message=\"\(escape("accepted in the baseline: " + f.message))\"/>\n"
                } else if checked.failing {
                    suites += "      <failure type=\"\(escape(rule.id))\" message=\"\(escape(f.message))\">\(escape(body))</failure>\n"
                } else {
                    suites += "      <system-out>\(escape(body))</system-out>\n"
                }
                suites += "    </testcase>\n"
            }
            suites += "  </testsuite>\n"
        }
        let tests = rules.reduce(0) { $0 + max(1, byRule[$1.kind]?.count ?? 0) }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"storygraph check\" tests=\"\(tests)\" failures=\"\(result.failures)\" "
            + "errors=\"0\" skipped=\"\(result.suppressed)\">\n"
            + suites
            + "</testsuites>\n"
    }

    /// Text for an XML attribute or element.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r":
                // Kept in element text; attributes would normalise them to spaces, so they are written as references.
                out += "&#\(scalar.value);"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xD800...0xDFFF).contains(value) && value != 0xFFFE && value != 0xFFFF
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
