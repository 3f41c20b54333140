import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// The check formats are written a block of findings at a time (`BlockStream`),
/// by hand. Here each is held to the way it was built before, whole: JSON and
/// SARIF to `JSONEncoder`'s bytes for the same object model, text, GitHub and
/// JUnit to the string-building code (kept below as the reference), on the
/// real archive (thousands of findings, so many blocks, with fixes,
/// suggestions and half of them suppressed by a baseline) and on hostile text.
final class CheckFormatStreamingTests: XCTestCase {
    private static let paths = ArtifactPaths(workingDirectory: "/repo")

    private func azure() throws -> CheckResult {
        let shared = try TestPaths.requireShared()
        let files = CheckFiles(["\(shared)/corpus/everyday-azure"])
        let analysis = Analysis(try RecordLoader().load(["\(shared)/corpus/everyday-azure"]))
        var baseline = CheckResult(analysis, policy: CheckPolicy(), files: files).baseline(files: files)
        baseline.entries = baseline.entries.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        return CheckResult(analysis, policy: CheckPolicy(), files: files, baseline: baseline, baselineFile: "base \"line\".json", jobs: 2)
    }

    /// FindingMessageTests' corpus: quotes, backslashes, control characters,
    /// tabs, line breaks and non-ASCII in titles, dates and file names.
    private func hostile() -> CheckResult {
        let analysis = Analysis(FindingMessageTests.corpus)
        return CheckResult(analysis, policy: CheckPolicy(failOn: [.dangling, .staleTitle]), files: CheckFiles(["."]))
    }

    /// The sizes the docs of `Finding` and `CheckedFinding` give: millions of
    /// each are held at a million records.
    func testFindingsAreAsSmallAsTheirDocsSay() {
        XCTAssertEqual(MemoryLayout<Finding>.stride, 112)
        XCTAssertEqual(MemoryLayout<CheckedFinding>.stride, 24)
    }

    func testEveryFormatMatchesItsReferenceOnTheArchive() throws {
        let result = try azure()
        XCTAssertGreaterThan(result.findings.count, 3 * BlockStream.blockSize)
        XCTAssertGreaterThan(result.suppressed, 0)
        XCTAssertGreaterThan(result.findings.count { $0.fix != nil }, 0)
        XCTAssertGreaterThan(result.findings.count { !$0.suggestions.isEmpty }, 0)
        try assertFormatsMatchReference(result)
    }

    /// The baseline file, streamed, against `JSONEncoder` on the same entries:
    /// the archive's (thousands, many blocks) and the hostile corpus'.
    func testBaselineFileMatchesJSONEncoder() throws {
        for result in [try azure(), hostile()] {
            let baseline = result.baseline(files: CheckFiles(["."]))
            XCTAssertFalse(baseline.entries.isEmpty)
            let expected = try Reference.encoded(Reference.BaselineForm(storygraphBaseline: Baseline.version, findings: baseline.entries))
            XCTAssertEqual(String(decoding: try baseline.jsonData(), as: UTF8.self), expected)
            var streamed: [UInt8] = []
            try baseline.writeJSON(jobs: 3) { streamed += $0 }
            XCTAssertEqual(String(decoding: streamed, as: UTF8.self), expected)
        }
    }

    func testEveryFormatMatchesItsReferenceOnHostileText() throws {
        let result = hostile()
        XCTAssertEqual(Set(result.findings.map(\.rule.kind)), [.dangling, .asymmetric, .staleTitle, .staleDate, .unpublishedTarget])
        try assertFormatsMatchReference(result)
    }

    /// JUnit's byte escaping against the scalar one it replaced, on every
    /// character class it treats apart: markup, kept and refused controls,
    /// the two noncharacters XML cannot hold, their neighbours, and emoji.
    func testJUnitEscapeMatchesTheScalarDefinition() {
        let samples = ["", "plain", "<a href=\"x\">'&'</a>", "\t\n\r", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}",
                       "\u{FFFD}\u{FFFE}\u{FFFF}\u{FFFC}\u{EFFF}\u{10000}", "é 中 😀 \u{200B}", "x\u{FFFE}", "\u{FFFF}"]
        for sample in samples {
            XCTAssertEqual(JUnit.escape(sample), Reference.junitEscape(sample), sample.debugDescription)
        }
        XCTAssertEqual(GitHubAnnotations.property("a%b:c,d\r\ne"), "a%25b%3Ac%2Cd%0D%0Ae")
        XCTAssertEqual(GitHubAnnotations.data("a%b:c,d\r\ne"), "a%25b:c,d%0D%0Ae")
    }

    private func assertFormatsMatchReference(_ result: CheckResult, file: StaticString = #filePath, line: UInt = #line) throws {
        let policy = CheckPolicy(failOn: [.dangling, .staleTitle])
        let expected = [
            "json": try Reference.json(result),
            "sarif": try Reference.sarif(result, policy: policy, paths: Self.paths),
            "text": Reference.text(result),
            "github": Reference.github(result, paths: Self.paths),
            "junit": Reference.junit(result, policy: policy),
        ]
        for jobs in [1, 3] {
            func text(_ write: (([UInt8]) -> Void) throws -> Void) rethrows -> String {
                var all: [UInt8] = []
                try write { all += $0 }
                return String(decoding: all, as: UTF8.self)
            }
            let written = [
                "json": try text { try JSONFormat.write(result, jobs: jobs, to: $0) },
                "sarif": try text { try SARIF.write(result, policy: policy, toolVersion: "1.2", paths: Self.paths, jobs: jobs, to: $0) },
                "text": text { TextFormat.write(result, jobs: jobs, to: $0) },
                "github": text { GitHubAnnotations.write(result, paths: Self.paths, jobs: jobs, to: $0) },
                "junit": text { JUnit.write(result, policy: policy, jobs: jobs, to: $0) },
            ]
            for (format, bytes) in written {
                XCTAssertEqual(bytes, expected[format], "\(format), \(jobs) jobs", file: file, line: line)
            }
        }
    }
}

/// The formats as they were built before they were streamed, frozen here as
/// the definition the streamed bytes must keep.
private enum Reference {
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    struct BaselineForm: Encodable {
        var storygraphBaseline: Int
        var findings: [Baseline.Entry]

        enum CodingKeys: String, CodingKey {
            case storygraphBaseline = "storygraph_baseline"
            case findings
        }
    }

    struct Document: Encodable {
        var failing: Int
        var suppressed: Int
        var baseline: String?
        var findings: [Entry]
        var summary: Summary
    }

    struct Entry: Encodable {
        var rule, level, file: String
        var line, column: Int
        var source, target: String?
        var message: String
        var failing, suppressed: Bool
        var key, fingerprint: String
        var fix: Fix?
        var didYouMean: [DidYouMean.Suggestion]?

        enum CodingKeys: String, CodingKey {
            case rule, level, file, line, column, source, target, message, failing, suppressed, key, fingerprint, fix
            case didYouMean = "did_you_mean"
        }
    }

    struct Fix: Encodable {
        var file: String
        var yaml: String
        var unfixable: String?
    }

    static func json(_ result: CheckResult) throws -> String {
        let entries = result.findings.map { checked -> Entry in
            let f = checked.finding
            return Entry(rule: checked.rule.id, level: checked.level.rawValue, file: f.file, line: f.line, column: f.column,
                         source: f.source, target: f.target, message: f.message,
                         failing: checked.failsRun, suppressed: checked.suppressed,
                         key: checked.key, fingerprint: checked.fingerprint,
                         fix: checked.fix.map { Fix(file: $0.file, yaml: $0.yaml, unfixable: $0.unfixable) },
                         didYouMean: checked.suggestions.isEmpty ? nil : checked.suggestions)
        }
        return try encoded(Document(failing: result.failures, suppressed: result.suppressed, baseline: result.baselineFile,
                                    findings: entries, summary: result.summary))
    }

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: SARIF.Tool
        var originalUriBaseIds: [String: SARIF.BaseURI]
        var results: [Result]
        var columnKind: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: SARIF.Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
    struct Suppression: Encodable {
        var kind: String
        var justification: String
    }

    static func sarif(_ result: CheckResult, policy: CheckPolicy, paths: ArtifactPaths) throws -> String {
        let rules = CheckResult.rules(policy)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.kind, $0) })
        let driverRules = rules.map { rule in
            SARIF.Rule(id: rule.id, name: rule.name,
                       shortDescription: SARIF.Text(text: rule.shortDescription),
                       fullDescription: SARIF.Text(text: rule.fullDescription),
                       defaultConfiguration: SARIF.Configuration(level: SARIF.level(policy.failing.contains(rule.kind)
                           ? .error : min(policy.severity(of: rule.kind), .warning))))
        }
        let results = result.findings.map { checked -> Result in
            let f = checked.finding
            let relative = paths.relative(f.file)
            let location = ArtifactLocation(uri: relative.map(SARIF.uriPath) ?? SARIF.fileURI(paths.absolute(f.file)),
                                            uriBaseId: relative == nil ? nil : "SRCROOT")
            var message = f.message
            let help = TextFormat.help(checked)
            if !help.isEmpty { message += "\n" + help.joined(separator: "\n") }
            return Result(ruleId: checked.rule.id, ruleIndex: ruleIndex[checked.rule.kind] ?? 0,
                          level: SARIF.level(checked.level), message: SARIF.Text(text: message),
                          locations: [Location(physicalLocation: PhysicalLocation(
                              artifactLocation: location,
                              region: Region(startLine: max(1, f.line), startColumn: max(1, f.column))))],
                          partialFingerprints: [SARIF.fingerprintKey: checked.fingerprint],
                          suppressions: checked.suppressed
                              ? [Suppression(kind: "external", justification: "accepted in the baseline \(result.baselineFile ?? "")")]
                              : nil)
        }
        return try encoded(Log(schema: SARIF.schema, version: SARIF.version, runs: [Run(
            tool: SARIF.Tool(driver: SARIF.Driver(name: "storygraph", version: "1.2", rules: driverRules)),
            originalUriBaseIds: ["SRCROOT": SARIF.BaseURI(uri: SARIF.fileURI(paths.workingDirectory) + (paths.workingDirectory.hasSuffix("/") ? "" : "/"))],
            results: results,
            columnKind: "unicodeCodePoints")]))
    }

    static func line(_ checked: CheckedFinding) -> String {
        let f = checked.finding
        return "\(f.file):\(f.line):\(f.column): \(checked.level.rawValue)[\(checked.rule.id)]: \(f.message)"
    }

    static func text(_ result: CheckResult) -> String {
        var out = ""
        for checked in result.findings where !checked.suppressed {
            out += line(checked) + "\n"
            for help in TextFormat.help(checked) { out += help + "\n" }
        }
        return out
    }

    static func githubData(_ text: String) -> String {
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

    static func githubProperty(_ text: String) -> String {
        var out = ""
        for scalar in githubData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func github(_ result: CheckResult, paths: ArtifactPaths) -> String {
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
            let properties = ["file=" + githubProperty(paths.display(f.file)), "line=\(f.line)", "col=\(f.column)",
                              "title=" + githubProperty("storygraph \(checked.rule.id)")]
            out += "::\(command) \(properties.joined(separator: ","))::\(githubData(message))\n"
        }
        return out
    }

    static func junitEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xD800...0xDFFF).contains(value) && value != 0xFFFE && value != 0xFFFF
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    static func junit(_ result: CheckResult, policy: CheckPolicy) -> String {
        let rules = CheckResult.rules(policy)
        let byRule = Dictionary(grouping: result.findings, by: \.rule.kind)
        var suites = ""
        for rule in rules {
            let findings = byRule[rule.kind] ?? []
            let failures = findings.filter(\.failsRun).count
            let skipped = findings.filter(\.suppressed).count
            suites += "  <testsuite name=\"\(junitEscape("storygraph." + rule.id))\" tests=\"\(max(1, findings.count))\" "
                + "failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            if findings.isEmpty {
                suites += "    <testcase classname=\"\(junitEscape("storygraph." + rule.id))\" name=\"no findings\"/>\n"
            }
            for checked in findings {
                let f = checked.finding
                suites += "    <testcase classname=\"\(junitEscape("storygraph." + rule.id))\" "
                    + "name=\"\(junitEscape("\(f.file):\(f.line):\(f.column)"))\" file=\"\(junitEscape(f.file))\" line=\"\(f.line)\">\n"
                let body = ([line(checked)] + TextFormat.help(checked)).joined(separator: "\n")
                if checked.suppressed {
                    suites += "      <skipped message=\"\(junitEscape("accepted in the baseline: " + f.message))\"/>\n"
                } else if checked.failing {
                    suites += "      <failure type=\"\(junitEscape(rule.id))\" message=\"\(junitEscape(f.message))\">\(junitEscape(body))</failure>\n"
                } else {
                    suites += "      <system-out>\(junitEscape(body))</system-out>\n"
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
}
