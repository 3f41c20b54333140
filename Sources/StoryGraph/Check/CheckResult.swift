/// One finding as a check reports it: its rule, the level it is shown at,
/// whether it fails the run, its baseline key, and the help for fixing it.
public struct CheckedFinding: Sendable {
    public var finding: Finding
    public var rule: CheckRule
    /// `error` exactly when the finding fails the run (unless suppressed);
    /// a non-failing error-severity rule is shown as a `warning`.
    public var level: Severity
    public var failing: Bool
    /// In the baseline: shown as suppressed, never failing.
    public var suppressed: Bool
    /// The identity baselines match on (`FindingIdentity`).
    public var key: String
    public var fingerprint: String
    /// For `asymmetric`: the stub to add to the target's `related`.
    public var fix: BackLinkFix?
    /// For `dangling`: records it may have meant.
    public var suggestions: [DidYouMean.Suggestion]

    public var failsRun: Bool { failing && !suppressed }
}

/// What a check found, under a policy and an optional baseline.
public struct CheckResult: Sendable {
    /// Every finding of a rule that is not ignored, in the analysis order.
    public var findings: [CheckedFinding]
    public var summary: Summary
    /// The baseline file findings were matched against, if any.
    public var baselineFile: String?

    /// Findings that fail the run.
    public var failures: Int { findings.reduce(0) { $0 + ($1.failsRun ? 1 : 0) } }
    public var suppressed: Int { findings.reduce(0) { $0 + ($1.suppressed ? 1 : 0) } }
    /// Findings shown and not failing (warnings and notices).
    public var others: Int { findings.count - failures - suppressed }
    /// 0 when nothing fails, 1 otherwise (2, a usage error, never comes from here).
    public var exitCode: Int32 { failures > 0 ? 1 : 0 }

    public init(_ analysis: Analysis, policy: CheckPolicy, files: CheckFiles,
                baseline: Baseline? = nil, baselineFile: String? = nil) {
        summary = analysis.summary
        self.baselineFile = baselineFile
        let keys = FindingIdentity.keys(for: analysis.findings, in: analysis.graph, files: files)
        var backLinks = BackLinks(analysis.graph)
        let didYouMean = DidYouMean(analysis.graph)
        var findings: [CheckedFinding] = []
        for (finding, key) in zip(analysis.findings, keys) where !policy.ignored.contains(finding.kind) {
            let failing = policy.failing.contains(finding.kind)
            let severity = policy.severity(of: finding.kind)
            findings.append(CheckedFinding(
                finding: finding, rule: .of(finding.kind),
                level: failing ? .error : min(severity, .warning),
                failing: failing, suppressed: false,
                key: key, fingerprint: FindingIdentity.fingerprint(key),
                fix: backLinks.fix(for: finding), suggestions: didYouMean.suggestions(for: finding)))
        }
        self.findings = findings
        if let baseline { self = accepting(baseline, from: baselineFile) }
    }

    /// The same findings, those whose key is in `baseline` suppressed.
    public func accepting(_ baseline: Baseline, from file: String?) -> CheckResult {
        let keys = baseline.keys
        var result = self
        result.baselineFile = file
        for index in result.findings.indices { result.findings[index].suppressed = keys.contains(result.findings[index].key) }
        return result
    }

    /// A baseline that accepts every finding of this result.
    public func baseline(files: CheckFiles) -> Baseline {
        Baseline(entries: findings.map {
            Baseline.Entry(key: $0.key, rule: $0.rule.id, file: files.relative($0.finding.file), message: $0.finding.message)
        })
    }

    /// The rules a report lists: every rule not ignored, in rule order.
    public static func rules(_ policy: CheckPolicy) -> [CheckRule] {
        CheckRule.all.filter { !policy.ignored.contains($0.kind) }
    }
}
