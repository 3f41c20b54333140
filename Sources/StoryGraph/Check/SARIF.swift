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
        Data(try BlockStream.collect { try write(result, policy: policy, toolVersion: toolVersion, paths: paths, to: $0) })
    }

    /// Writes `render`'s bytes in pieces (`BlockStream`), the results encoded
    /// on up to `jobs` threads: the same bytes for any `jobs`, never all in
    /// memory. They are the bytes `JSONEncoder` gives for the object model
    /// below with `.prettyPrinted`, `.sortedKeys` and `.withoutEscapingSlashes`;
    /// the results, a million at a million records, are written by hand.
    public static func write(_ result: CheckResult, policy: CheckPolicy, toolVersion: String,
                             paths: ArtifactPaths = ArtifactPaths(), jobs: Int = 1,
                             to write: ([UInt8]) throws -> Void) throws {
        let rules = CheckResult.rules(policy)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.kind, $0) })
        let driverRules = rules.map { rule in
            Rule(id: rule.id, name: rule.name,
                 shortDescription: Text(text: rule.shortDescription),
                 fullDescription: Text(text: rule.fullDescription),
                 defaultConfiguration: Configuration(level: level(policy.failing.contains(rule.kind)
                     ? .error : min(policy.severity(of: rule.kind), .warning))))
        }
        let base = fileURI(paths.workingDirectory) + (paths.workingDirectory.hasSuffix("/") ? "" : "/")
        var buffer: [UInt8] = []
        // Members in sorted key order ("$" sorts first).
        var log = PrettyJSON.Object(depth: 0)
        log.string("$schema", schema, into: &buffer)
        log.key("runs", into: &buffer)
        let findings = result.findings
        let justification = "accepted in the baseline \(result.baselineFile ?? "")"
        try PrettyJSON.singleElementArray(depth: 1, into: &buffer) { buffer in
            var run = PrettyJSON.Object(depth: 2)
            run.string("columnKind", "unicodeCodePoints", into: &buffer)
            run.key("originalUriBaseIds", into: &buffer)
            try PrettyJSON.write(["SRCROOT": BaseURI(uri: base)], depth: 3, into: &buffer)
            run.key("results", into: &buffer)
            try PrettyJSON.streamedArray(
                count: findings.count, depth: 3, jobs: jobs, pending: &buffer, bytesPerItem: 1200,
                state: { LastFileMemo<ArtifactLocation>() },
                element: { locations, index, out in
                    let checked = findings[index]
                    writeResult(checked, ruleIndex: ruleIndex[checked.rule.kind] ?? 0,
                                location: locations.value(for: checked.finding.file) { location(of: $0, paths) },
                                justification: justification, depth: 4, into: &out)
                }, write)
            run.key("tool", into: &buffer)
            try PrettyJSON.write(Tool(driver: Driver(name: "storygraph", version: toolVersion, rules: driverRules)), depth: 3, into: &buffer)
            run.end(into: &buffer)
        }
        log.string("version", version, into: &buffer)
        log.end(into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        try write(buffer)
    }

    /// One result: rule, level, message (with the fix or suggestions on lines
    /// of their own), location, fingerprint, and the suppression when the
    /// baseline accepts the finding.
    private static func writeResult(_ checked: CheckedFinding, ruleIndex: Int, location: ArtifactLocation,
                                    justification: String, depth: Int, into out: inout [UInt8]) {
        let f = checked.finding
        var result = PrettyJSON.Object(depth: depth)
        result.string("level", level(checked.level), into: &out)
        result.key("locations", into: &out)
        PrettyJSON.singleElementArray(depth: depth + 1, into: &out) { out in
            var entry = PrettyJSON.Object(depth: depth + 2)
            entry.key("physicalLocation", into: &out)
            var physical = PrettyJSON.Object(depth: depth + 3)
            physical.key("artifactLocation", into: &out)
            var artifact = PrettyJSON.Object(depth: depth + 4)
            artifact.string("uri", location.uri, into: &out)
            artifact.string("uriBaseId", location.uriBaseId, into: &out)
            artifact.end(into: &out)
            physical.key("region", into: &out)
            var region = PrettyJSON.Object(depth: depth + 4)
            region.int("startColumn", max(1, f.column), into: &out)
            region.int("startLine", max(1, f.line), into: &out)
            region.end(into: &out)
            physical.end(into: &out)
            entry.end(into: &out)
        }
        result.key("message", into: &out)
        var message = PrettyJSON.Object(depth: depth + 1)
        message.key("text", into: &out)
        let help = TextFormat.help(checked)
        PrettyJSON.writeString(pieces: { piece in
            f.storedMessage.forEachPiece(piece)
            for line in help { piece("\n"); piece(line) }
        }, into: &out)
        message.end(into: &out)
        result.key("partialFingerprints", into: &out)
        var fingerprints = PrettyJSON.Object(depth: depth + 1)
        fingerprints.key(named: fingerprintKey, into: &out)
        PrettyJSON.writeString(checked.fingerprint, into: &out)
        fingerprints.end(into: &out)
        result.string("ruleId", checked.rule.id, into: &out)
        result.int("ruleIndex", ruleIndex, into: &out)
        if checked.suppressed {
            result.key("suppressions", into: &out)
            PrettyJSON.singleElementArray(depth: depth + 1, into: &out) { out in
                var suppression = PrettyJSON.Object(depth: depth + 2)
                suppression.string("justification", justification, into: &out)
                suppression.string("kind", "external", into: &out)
                suppression.end(into: &out)
            }
        }
        result.end(into: &out)
    }

    /// A file's location: relative to the working directory under
    /// `%SRCROOT%`, else an absolute `file://` URI.
    private static func location(of file: String, _ paths: ArtifactPaths) -> ArtifactLocation {
        let relative = paths.relative(file)
        return ArtifactLocation(uri: relative.map(uriPath) ?? fileURI(paths.absolute(file)),
                                uriBaseId: relative == nil ? nil : "SRCROOT")
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

    // MARK: The parts of the SARIF object model encoded with `JSONEncoder` (the results are written by hand)

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

    struct ArtifactLocation {
        var uri: String
        var uriBaseId: String?
    }
}
