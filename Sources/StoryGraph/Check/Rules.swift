/// The rules `storygraph check` enforces: one per finding kind. A rule's id is
/// the kind's raw value (`dangling`, `stale-title`, ...) and never changes, so
/// configs, baselines and SARIF consumers can rely on it.
public struct CheckRule: Sendable, Equatable {
    public var kind: FindingKind
    public var id: String { kind.rawValue }
    /// A name in UpperCamelCase, as SARIF's `reportingDescriptor.name` wants it.
    public var name: String
    /// One line: what a finding of the rule is.
    public var shortDescription: String { kind.explanation }
    /// Why it matters and how to fix it.
    public var fullDescription: String
    public var defaultSeverity: Severity { kind.defaultSeverity }

    /// Every rule, in the order of `FindingKind.allCases`.
    public static let all: [CheckRule] = FindingKind.allCases.map(CheckRule.init)

    /// The rule of a kind, from `all`.
    public static func of(_ kind: FindingKind) -> CheckRule {
        all[kind.index]
    }

    public init(_ kind: FindingKind) {
        self.kind = kind
        name = kind.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        fullDescription = Self.fullDescription(of: kind)
    }

    private static func fullDescription(of kind: FindingKind) -> String {
        switch kind {
        case .unreadable:
            return "The file opens a YAML front matter block but is not a usable record: the block is never closed, "
                + "the YAML does not parse, it is not a mapping, the bytes are not UTF-8, or the file cannot be read. "
                + "Every other file still loads; this one is left out of the graph until it is fixed."
        case .duplicateRecord:
            return "Two records share a URL (after canonicalisation), so they claim to be the same article. The first "
                + "in path order owns the URL; links to it never reach the later record. Merge or delete one of them."
        case .malformed:
            return "An entry of `related` has no http(s) URL with a host (or is not a mapping at all), so it can "
                + "never lead a reader anywhere. Give it the article's webUrl or remove it."
        case .dangling:
            return "An entry of `related` names an article that is not in the archive: none of its URLs is a URL of "
                + "a record. The target was deleted, renamed or never imported. `check` suggests records with the "
                + "same title, or a URL that differs only in its slug or date."
        case .asymmetric:
            return "Record A lists B as related, but B does not list A. Related links are meant to be mutual so a "
                + "reader can go back. `check` prints the stub to add to B's `related`; `--fix` adds it."
        case .selfLink:
            return "A record lists itself as related. Remove the entry."
        case .duplicateLink:
            return "A record lists the same target twice in `related`. Remove the later entry."
        case .staleTitle:
            return "A related stub copies its target's title, but the target's title has changed since. "
                + "Copy the current title."
        case .staleDate:
            return "A related stub copies its target's publishedDateTime, but the target's date differs. "
                + "Copy the current date."
        case .unpublishedTarget:
            return "A published record links to a record marked `published: false`, so a reader who follows the "
                + "link finds no page. Publish the target or drop the link."
        case .skipped:
            return "The file has no front matter, so it is not a record (a README or a page beside the articles). "
                + "It is listed so that nothing is dropped silently; it never fails a check."
        }
    }
}
