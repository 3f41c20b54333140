/// One finding as a check reports it: its rule, the level it is shown at,
/// whether it fails the run, its baseline key, and the help for fixing it.
///
/// 24 bytes (`CheckFormatStreamingTests` holds the stride): the finding is
/// read from one table the result shares (`FindingTable`), not copied into
/// each checked finding, 112 bytes for each of 3.1 million findings at a
/// million records.
public struct CheckedFinding: Sendable {
    private let table: FindingTable
    /// For `dangling`: records it may have meant.
    public var suggestions: [DidYouMean.Suggestion]
    private let index: Int32
    /// `error` exactly when the finding fails the run (unless suppressed);
    /// a non-failing error-severity rule is shown as a `warning`.
    public var level: Severity
    public var failing: Bool
    /// In the baseline: shown as suppressed, never failing.
    public var suppressed: Bool

    public var finding: Finding { table.findings[Int(index)] }
    /// The finding's rule (worked out from its kind, not stored: a large
    /// archive has millions of findings and eleven rules).
    public var rule: CheckRule { CheckRule.of(table.findings.kind(at: Int(index))) }
    /// The identity baselines match on (`FindingIdentity`), built when read:
    /// only JSON, SARIF, baselines and `--baseline` read keys. Held, a million
    /// records' keys kept 531 MB more resident after the check phase
    /// (4,028 against 3,497 MB; BENCHMARKS.md).
    public var key: String { table.key(Int(index)) }
    /// The key's hash, for SARIF (worked out when asked for, not stored).
    public var fingerprint: String { FindingIdentity.fingerprint(key) }
    /// For `asymmetric`: the stub to add to the target's `related`, worked
    /// out when read (it reads the target's file), once by each format.
    /// Held, a million records' fixes (470,000 stubs of a few lines each)
    /// kept about 450 MB more resident until the report was written.
    public var fix: BackLinkFix? { table.fix(Int(index)) }

    public var failsRun: Bool { failing && !suppressed }

    /// The finding at `index` of `table`.
    init(_ table: FindingTable, _ index: Int, level: Severity, failing: Bool, suppressed: Bool,
         suggestions: [DidYouMean.Suggestion]) {
        precondition(index <= Int(Int32.max), "more findings than a checked finding's index holds")
        self.table = table
        self.index = Int32(index)
        self.level = level
        self.failing = failing
        self.suppressed = suppressed
        self.suggestions = suggestions
    }
}

/// The analysis' findings, and what their baseline keys are built from,
/// shared by every `CheckedFinding` of a result.
final class FindingTable: Sendable {
    let findings: FindingList
    let graph: ArticleGraph
    let files: CheckFiles
    /// `FindingIdentity.occurrences`: which occurrence of its key's base each finding is.
    let occurrences: [Int32]

    init(_ analysis: Analysis, files: CheckFiles, jobs: Int) {
        findings = analysis.findings
        graph = analysis.graph
        self.files = files
        occurrences = FindingIdentity.occurrences(for: findings, in: graph, files: files, jobs: jobs)
    }

    /// The back-link fix of the finding at `index`; nil unless it is asymmetric.
    func fix(_ index: Int) -> BackLinkFix? {
        guard findings.kind(at: index) == .asymmetric else { return nil }
        var backLinks = BackLinks(graph)
        return backLinks.fix(for: findings[index])
    }

    func key(_ index: Int) -> String {
        var buffer: [UInt8] = []
        return FindingIdentity.key(base: FindingIdentity.base(at: index, in: findings, graph: graph, files: files, buffer: &buffer),
                                   occurrence: occurrences[index])
    }
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

    /// - Parameter jobs: threads that work out the suggestions; the
    ///   result is the same whatever their number.
    public init(_ analysis: Analysis, policy: CheckPolicy, files: CheckFiles,
                baseline: Baseline? = nil, baselineFile: String? = nil, jobs: Int = 1) {
        summary = analysis.summary
        self.baselineFile = baselineFile
        let table = FindingTable(analysis, files: files, jobs: jobs)
        let shown = analysis.findings.indices.filter { !policy.ignored.contains(analysis.findings.kind(at: $0)) }
        // Decided on the kind alone: only a dangling finding is built whole,
        // for its suggestions (the fixes are worked out when they are written).
        let didYouMean = DidYouMean(analysis.graph, jobs: jobs)
        findings = ParallelMap.map(shown, jobs: jobs) { index in
            let kind = table.findings.kind(at: index)
            let failing = policy.failing.contains(kind)
            return CheckedFinding(table, index, level: failing ? .error : min(policy.severity(of: kind), .warning),
                                  failing: failing, suppressed: false,
                                  suggestions: kind == .dangling ? didYouMean.suggestions(for: table.findings[index]) : [])
        }
        if let baseline { self = accepting(baseline, from: baselineFile, jobs: jobs) }
    }

    /// The same findings, those whose key is in `baseline` suppressed.
    /// The keys are built on up to `jobs` threads.
    public func accepting(_ baseline: Baseline, from file: String?, jobs: Int = 1) -> CheckResult {
        let keys = baseline.keys
        var result = self
        result.baselineFile = file
        let findings = self.findings
        let accepted = ParallelMap.map(Array(findings.indices), jobs: jobs) { keys.contains(findings[$0].key) }
        for index in result.findings.indices { result.findings[index].suppressed = accepted[index] }
        return result
    }

    /// The same findings, every one suppressed: what `accepting(baseline(files:), from: file)`
    /// gives, since that baseline holds every finding's key, without building
    /// each key again to look it up (at a million records, 3.1 million keys).
    public func acceptingAll(from file: String?) -> CheckResult {
        var result = self
        result.baselineFile = file
        for index in result.findings.indices { result.findings[index].suppressed = true }
        return result
    }

    /// A baseline that accepts every finding of this result.
    /// The entries are built on up to `jobs` threads.
    public func baseline(files: CheckFiles, jobs: Int = 1) -> Baseline {
        Baseline(entries: ParallelMap.map(findings, jobs: jobs) {
            Baseline.Entry(key: $0.key, rule: $0.rule.id, file: files.relative($0.finding.file), message: $0.finding.message)
        })
    }

    /// The rules a report lists: every rule not ignored, in rule order.
    public static func rules(_ policy: CheckPolicy) -> [CheckRule] {
        CheckRule.all.filter { !policy.ignored.contains($0.kind) }
    }
}
