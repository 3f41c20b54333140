import Foundation

/// The JSON form of a check: every finding (suppressed ones marked), with
/// its rule, level, baseline key and fix, then the counts and the summary.
/// Keys are snake_case and sorted, so the same records give the same bytes.
public enum JSONFormat {
    struct Document: Encodable {
        var failing: Int
        var suppressed: Int
        var baseline: String?
        var findings: [Entry]
        var summary: Summary
    }

    struct Entry: Encodable {
        var rule: String
        var level: String
        var file: String
        var line: Int
        var column: Int
        var source: String?
        var target: String?
        var message: String
        var failing: Bool
        var suppressed: Bool
        var key: String
        var fingerprint: String
        var fix: Fix?
        var didYouMean: [DidYouMean.Suggestion]?

        enum CodingKeys: String, CodingKey {
            case rule, level, file, line, column, source, target, message, failing, suppressed, key, fingerprint, fix
            case didYouMean = "did_you_mean"
        }
    }

    struct Fix: Encodable {
        /// The file whose `related` takes the stub.
        var file: String
        var yaml: String
        var unfixable: String?
    }

    public static func render(_ result: CheckResult) throws -> Data {
        let entries = result.findings.map { checked -> Entry in
            let f = checked.finding
            return Entry(rule: checked.rule.id, level: checked.level.rawValue, file: f.file, line: f.line, column: f.column,
                         source: f.source, target: f.target, message: f.message,
                         failing: checked.failsRun, suppressed: checked.suppressed,
                         key: checked.key, fingerprint: checked.fingerprint,
                         fix: checked.fix.map { Fix(file: $0.file, yaml: $0.yaml, unfixable: $0.unfixable) },
                         didYouMean: checked.suggestions.isEmpty ? nil : checked.suggestions)
        }
        let document = Document(failing: result.failures, suppressed: result.suppressed, baseline: result.baselineFile,
                                findings: entries, summary: result.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
