import Foundation
import Yams

/// The settings of `.storygraph.yml` (or the file `--config` names).
///
/// ```yaml
/// fail-on: [dangling, unreadable]      # kinds that fail (default: the errors)
/// ignore: [stale-date]                 # kinds neither reported nor failing
/// strict: true                         # warnings fail too
/// severity:                            # error, warning, notice or off, per rule
///   unpublished-target: error
///   stale-title: off
/// paths: ["news/**"]                   # only files matching one of these globs
/// exclude: ["drafts/**", "*.json"]     # and none of these
/// baseline: storygraph-baseline.json   # relative to the config file
/// ```
///
/// Lists may also be written as one comma-separated string. Globs match a
/// file's path relative to the folder it was found under (`*` stays inside
/// one folder, `**` crosses folders). Unknown keys and rule names are errors,
/// so that a typo cannot switch a check off silently.
public struct CheckConfig: Sendable, Equatable {
    public static let fileName = ".storygraph.yml"

    public var failOn: [FindingKind]?
    public var ignore: [FindingKind] = []
    public var strict: Bool?
    /// Severity per rule; a rule set to `off` is in `ignore` instead.
    public var severities: [FindingKind: Severity] = [:]
    public var paths: [String] = []
    public var exclude: [String] = []
    /// The baseline file, resolved against the config file's folder.
    public var baseline: String?

    public init() {}

    /// The config file that applies: `FOLDER/.storygraph.yml` for the first
    /// path that is a folder, else `./.storygraph.yml`; nil when neither exists.
    public static func find(paths: [String], workingDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        var candidates: [String] = []
        if let first = paths.first, isDirectory(first) { candidates.append((first as NSString).appendingPathComponent(fileName)) }
        candidates.append((workingDirectory as NSString).appendingPathComponent(fileName))
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads and validates a config file.
    public static func load(_ file: String) throws(CheckConfigError) -> CheckConfig {
        let text: String
        do {
            // Read as a record is (a regular file, size-capped): a committed link to
            // /dev/zero must not hang the check or fill memory (SECURITY.md).
            text = try RecordFiles.text(RecordFiles.read(file))
        } catch {
            throw CheckConfigError(file: file, message: error.message.hasPrefix("cannot be read") ? error.message : "cannot be read: \(error.message)")
        }
        var config = try parse(text, file: file)
        if let baseline = config.baseline, !baseline.hasPrefix("/") {
            config.baseline = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(baseline)
        }
        return config
    }

    /// Parses config text; `file` only names the source in errors.
    public static func parse(_ text: String, file: String) throws(CheckConfigError) -> CheckConfig {
        func fail(_ message: String) -> CheckConfigError { CheckConfigError(file: file, message: message) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw fail("YAML does not parse: \(error)")
        }
        var config = CheckConfig()
        guard let root else { return config }
        guard case .mapping(let mapping) = root else { throw fail("is not a mapping of settings") }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? "?"
            switch key {
            case "fail-on": config.failOn = try kinds(value, key, fail)
            case "ignore": config.ignore += try kinds(value, key, fail)
            case "strict":
                guard let flag = value.bool else { throw fail("strict: expected true or false") }
                config.strict = flag
            case "severity", "severities":
                guard case .mapping(let levels) = value else { throw fail("\(key): expected a mapping of rule: level") }
                for (ruleNode, levelNode) in levels {
                    let rule = try kind(ruleNode.scalar?.string ?? "?", key, fail)
                    switch levelNode.scalar?.string.lowercased() {
                    case "off", "false", "none", "ignore": config.ignore.append(rule)
                    case let name?:
                        guard let severity = Severity(rawValue: name == "note" ? "notice" : name) else {
                            throw fail("\(key): \(rule.rawValue): unknown level '\(name)' (levels: error, warning, notice, off)")
                        }
                        config.severities[rule] = severity
                    case nil: throw fail("\(key): \(rule.rawValue): expected error, warning, notice or off")
                    }
                }
            case "paths", "include": config.paths += try strings(value, key, fail)
            case "exclude": config.exclude += try strings(value, key, fail)
            case "baseline":
                guard let path = value.scalar?.string, !path.isEmpty else { throw fail("baseline: expected a file name") }
                config.baseline = path
            default:
                throw fail("unknown setting '\(key)' (settings: fail-on, ignore, strict, severity, paths, exclude, baseline)")
            }
        }
        return config
    }

    private static func strings(_ node: Node, _ key: String,
                                _ fail: (String) -> CheckConfigError) throws(CheckConfigError) -> [String] {
        switch node {
        case .scalar(let scalar):
            return scalar.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .sequence(let items):
            var out: [String] = []
            for item in items {
                guard let text = item.scalar?.string else { throw fail("\(key): expected a list of names") }
                out.append(text)
            }
            return out
        default:
            throw fail("\(key): expected a list or a comma-separated string")
        }
    }

    private static func kinds(_ node: Node, _ key: String,
                              _ fail: (String) -> CheckConfigError) throws(CheckConfigError) -> [FindingKind] {
        var out: [FindingKind] = []
        for name in try strings(node, key, fail) { out.append(try kind(name, key, fail)) }
        return out
    }

    private static func kind(_ name: String, _ key: String,
                             _ fail: (String) -> CheckConfigError) throws(CheckConfigError) -> FindingKind {
        guard let kind = FindingKind(rawValue: name) else {
            throw fail("\(key): unknown rule '\(name)' (rules: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }
}

/// A config file that cannot be used: a usage error, never a finding.
public struct CheckConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

/// What a run enforces: each rule's severity, the rules left out, and the
/// rules whose findings fail the run.
public struct CheckPolicy: Sendable, Equatable {
    public var severities: [FindingKind: Severity]
    public var ignored: Set<FindingKind>
    public var failing: Set<FindingKind>

    /// Command-line options win over the config: `failOn` replaces the
    /// config's list, `ignore` adds to it, `strict` turns strictness on.
    ///
    /// Without `fail-on`, the failing rules are those at severity `error`;
    /// strict adds those at `warning`. Notices (`skipped`) never fail.
    public init(config: CheckConfig = CheckConfig(), failOn: [FindingKind]? = nil,
                ignore: [FindingKind] = [], strict: Bool = false) {
        var severities: [FindingKind: Severity] = [:]
        for kind in FindingKind.allCases { severities[kind] = config.severities[kind] ?? kind.defaultSeverity }
        self.severities = severities
        ignored = Set(config.ignore + ignore)
        var failing = Set(failOn ?? config.failOn ?? FindingKind.allCases.filter { severities[$0] == .error })
        if strict || config.strict == true {
            failing.formUnion(FindingKind.allCases.filter { severities[$0] == .warning })
        }
        self.failing = failing.subtracting(ignored)
    }

    public func severity(of kind: FindingKind) -> Severity { severities[kind] ?? kind.defaultSeverity }
}
