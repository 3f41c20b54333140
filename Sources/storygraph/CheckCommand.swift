import ArgumentParser
import Foundation
import StoryGraph

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "A CI gate: report every finding at its stub and fail on broken related links.",
        discussion: """
        Each finding is located at the line and column of its related stub (or of the record). \
        Rules and default severities: \(CheckRule.all.map { "\($0.id) (\($0.defaultSeverity.rawValue))" }.joined(separator: ", ")).

        By default the errors fail the check; --strict makes warnings fail too; --fail-on names \
        the failing rules instead. In the output, `error` marks exactly the findings that fail.

        Settings can also come from .storygraph.yml in the first PATH that is a folder (else in \
        the working directory), or from --config FILE: fail-on, ignore, strict, severity (per \
        rule: error, warning, notice, off), paths and exclude (globs), baseline. Options on the \
        command line win.

        Exit codes: 0 nothing fails, 1 a failing finding (unreadable files included), 2 usage \
        error (bad option, missing path, bad config or baseline).

        Example:
          storygraph check content/news
          storygraph check content/news --format sarif --output storygraph.sarif
          storygraph check content/news --write-baseline baseline.json
          storygraph check content/news --baseline baseline.json --format github
          storygraph check content/news --fix
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text, json, sarif (2.1.0), github (workflow annotations) or junit (XML).")
    var format: CheckFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Rules that fail the check (comma-separated); default: the errors.", valueName: "rules"))
    var failOn: [KindList] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Rules neither reported nor failing (comma-separated).", valueName: "rules"))
    var ignore: [KindList] = []

    @Flag(name: .long, help: "Warnings fail the check too.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Settings file (default: .storygraph.yml, see above).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Findings in this baseline are reported as suppressed and do not fail.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Write today's findings to this baseline file (this run then passes).", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .long, help: "Add the missing back-link of every asymmetric link to the target's file, then check again.")
    var fix = false

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, junit
    }

    func run() throws {
        let settings = try loadConfig()
        let policy = CheckPolicy(config: settings,
                                 failOn: failOn.isEmpty ? nil : failOn.flatMap(\.kinds),
                                 ignore: ignore.flatMap(\.kinds), strict: strict)
        // A bad baseline is a usage error before anything is read or fixed.
        let baselineFile = baseline ?? settings.baseline
        var accepted: Baseline?
        if writeBaseline == nil, let baselineFile {
            do {
                accepted = try Baseline.load(baselineFile)
            } catch {
                throw ValidationError(error.description)
            }
        }
        let files = CheckFiles(input.paths)
        let timings = input.makeTimings()
        var analysis = try analyze(files, settings, timings)
        if fix {
            let applied = try applyFixes(analysis, policy)
            Console.error("storygraph check --fix: added \(applied.links) back-link\(applied.links == 1 ? "" : "s") to \(applied.files) file\(applied.files == 1 ? "" : "s")")
            // Checked again from the files, so the report shows what they hold now.
            if applied.files > 0 { analysis = try analyze(files, settings) }
            timings?.lap("fix")
        }

        var result = CheckResult(analysis, policy: policy, files: files, baseline: accepted, baselineFile: baselineFile, jobs: input.jobs)
        timings?.lap("check")
        if let writeBaseline {
            let written = result.baseline(files: files, jobs: input.jobs)
            let file = try StreamedFile(writeBaseline)
            try written.writeJSON(jobs: input.jobs) { try file.write($0) }
            try file.commit()
            Console.error("storygraph check: wrote \(written.entries.count) finding\(written.entries.count == 1 ? "" : "s") to the baseline \(writeBaseline)")
            result = result.acceptingAll(from: writeBaseline)
        }
        try write(result, policy)
        if let timings {
            timings.lap("print")
            Console.error(timings.report(bytes: analysis.corpus.statistics.bytes))
        }
        Console.error(TextFormat.summaryLine(result))
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    /// Streams the report in the chosen format to --output (a temporary file
    /// renamed into place when whole) or to stdout, from a writer thread of its
    /// own, so the encoding threads never wait for the disk or the pipe and
    /// the report is never in memory whole (it is gigabytes at a million records).
    private func write(_ result: CheckResult, _ policy: CheckPolicy) throws {
        let file = try output.map(StreamedFile.init)
        if file == nil { Console.widenPipe() }
        let writer = BackgroundWriter(label: "check")
        let send: ([UInt8]) throws -> Void = { chunk in
            try writer.perform {
                if let file { try file.write(chunk) } else { try FileHandle.standardOutput.write(contentsOf: chunk) }
            }
        }
        let jobs = input.jobs
        switch format {
        case .text: try TextFormat.write(result, jobs: jobs, to: send)
        case .json: try JSONFormat.write(result, jobs: jobs, to: send)
        case .sarif: try SARIF.write(result, policy: policy, toolVersion: StoryGraphCommand.configuration.version, jobs: jobs, to: send)
        case .github: try GitHubAnnotations.write(result, jobs: jobs, to: send)
        case .junit: try JUnit.write(result, policy: policy, jobs: jobs, to: send)
        }
        try writer.finish()
        try file?.commit()
    }

    /// --config, else .storygraph.yml where it applies, else the defaults.
    private func loadConfig() throws -> CheckConfig {
        guard let file = config ?? CheckConfig.find(paths: input.paths) else { return CheckConfig() }
        do {
            return try CheckConfig.load(file)
        } catch {
            throw ValidationError("config \(error.description)")
        }
    }

    private func analyze(_ files: CheckFiles, _ settings: CheckConfig, _ timings: Timings? = nil) throws -> Analysis {
        let corpus: LoadedCorpus
        do {
            let selected = try files.discover(include: settings.paths.map(PathGlob.init), exclude: settings.exclude.map(PathGlob.init),
                                              jobs: input.jobs)
            corpus = RecordLoader(jobs: input.jobs).load(discovered: selected)
        } catch {
            throw ValidationError(error.description)
        }
        timings?.lapLoad(corpus.statistics)
        let graph = GraphBuilder.build(corpus.records, jobs: input.jobs)
        timings?.lap("resolve")
        let analysis = Analysis(corpus, graph: graph, jobs: input.jobs)
        timings?.lap("analyze")
        KeptUntilExit.keep(analysis)
        return analysis
    }

    /// Writes every fixable back-link; returns how many links went into how many files.
    private func applyFixes(_ analysis: Analysis, _ policy: CheckPolicy) throws -> (links: Int, files: Int) {
        var backLinks = BackLinks(analysis.graph)
        let fixes = analysis.findings.filter { !policy.ignored.contains($0.kind) }.compactMap { backLinks.fix(for: $0) }
        let byHand = fixes.filter { $0.unfixable != nil || $0.lines.isEmpty }
        for fix in byHand.prefix(10) {
            Console.error("storygraph check --fix: no back-link added to \(fix.file): \(fix.unfixable ?? "")")
        }
        if byHand.count > 10 { Console.error("storygraph check --fix: ... and \(byHand.count - 10) more back-links left to add by hand") }
        let edits = BackLinks.apply(fixes)
        for refused in edits.refused {
            Console.error("storygraph check --fix: \(refused.file) left as it is: \(refused.reason)")
        }
        for edit in edits.files {
            // The rename puts a new file in place: it keeps the old one's permissions.
            let permissions = try? FileManager.default.attributesOfItem(atPath: edit.file)[.posixPermissions]
            try writeAtomically(Data(edit.bytes), to: edit.file)
            if let permissions { try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: edit.file) }
        }
        let written = Set(edits.files.map(\.file))
        return (fixes.filter { written.contains($0.file) && $0.unfixable == nil && !$0.lines.isEmpty }.count, edits.files.count)
    }
}

/// A comma-separated list of rule ids on the command line.
struct KindList: ExpressibleByArgument {
    let kinds: [FindingKind]

    init?(argument: String) {
        var kinds: [FindingKind] = []
        for name in argument.split(separator: ",") {
            guard let kind = FindingKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            kinds.append(kind)
        }
        self.kinds = kinds
    }

    static var allValueStrings: [String] { FindingKind.allCases.map(\.rawValue) }
}
