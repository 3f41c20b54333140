import Foundation

/// SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules with
/// their descriptions and default levels, and one result per finding with
/// its rule, level, message, file (relative to the working directory, under
/// `%SRCROOT%`), line and column, a fingerprint from its baseline key, and a
/// suppression when the baseline accepts it.
public enum SARIF {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let version = "2.1.0"
    /// The `partialFingerprints` key; bump the suffix if `FindingIdentity` ever changes.
    public static let fingerprintKey = "storygraphFindingKey/v1"

    public static func render(_ result: CheckResult, policy: CheckPolicy, toolVersion: String,
                              paths: ArtifactPaths = ArtifactPaths()) throws -> Data {
        let rules = CheckResult.rules(policy)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.kind, $0) })
        let driverRules = rules.map { rule in
            Rule(id: rule.id, name: rule.name,
                 shortDescription: Text(text: rule.shortDescription),
                 fullDescription: Text(text: rule.fullDescription),
                 defaultConfiguration: Configuration(level: level(policy.failing.contains(rule.kind)
                     ? .error : min(policy.severity(of: rule.kind), .warning))))
        }
        let results = result.findings.map { checked -> Result in
            let f = checked.finding
            let relative = paths.relative(f.file)
            let location = ArtifactLocation(uri: relative.map(uriPath) ?? fileURI(paths.absolute(f.file)),
                                            uriBaseId: relative == nil ? nil : "SRCROOT")
            var message = f.message
            let help = TextFormat.help(checked)
            if !help.isEmpty { message += "\n" + help.joined(separator: "\n") }
            return Result(ruleId: checked.rule.id, ruleIndex: ruleIndex[checked.rule.kind] ?? 0,
                          level: level(checked.level), message: Text(text: message),
                          locations: [Location(physicalLocation: PhysicalLocation(
                              artifactLocation: location,
                              region: Region(startLine: max(1, f.line), startColumn: max(1, f.column))))],
                          partialFingerprints: [fingerprintKey: checked.fingerprint],
                          suppressions: checked.suppressed
                              ? [Suppression(kind: "external", justification: "accepted in the baseline \(result.baselineFile ?? "")")]
                              : nil)
        }
        let log = Log(schema: schema, version: version, runs: [Run(
            tool: Tool(driver: Driver(name: "storygraph", version: toolVersion, rules: driverRules)),
            originalUriBaseIds: ["SRCROOT": BaseURI(uri: fileURI(paths.workingDirectory) + (paths.workingDirectory.hasSuffix("/") ? "" : "/"))],
            results: results,
            columnKind: "unicodeCodePoints")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(log)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .notice: return "note"
        }
    }

    /// A relative path as a URI reference: each segment percent-encoded.
    static func uriPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]%")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    static func fileURI(_ absolute: String) -> String {
        "file://" + uriPath(absolute)
    }

    // MARK: The parts of the SARIF object model storygraph writes

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
        var tool: Tool
        var originalUriBaseIds: [String: BaseURI]
        var results: [Result]
        var columnKind: String
    }

    struct BaseURI: Encodable { var uri: String }
    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var defaultConfiguration: Configuration
    }

    struct Text: Encodable { var text: String }
    struct Configuration: Encodable { var level: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
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
}
