import ArgumentParser
import Foundation
import StoryGraph

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "A CI gate: print every finding and fail on broken related links.",
        discussion: """
        Prints each finding as `path:line: kind: message`. Exits 1 when a finding of a \
        failing kind is present (by default the errors: \(FindingKind.failingByDefault.map(\.rawValue).joined(separator: ", "))), \
        0 when clean, 2 on a usage error.

        Kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")).

        Example:
          storygraph check content/news --fail-on dangling,unreadable
          storygraph check content/news --ignore stale-title,stale-date
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Kinds that fail the check (comma-separated); default: the error kinds.", valueName: "kinds"))
    var failOn: [KindList] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Kinds neither printed nor failing (comma-separated).", valueName: "kinds"))
    var ignore: [KindList] = []

    func run() throws {
        let analysis = try input.analyze()
        let ignored = Set(ignore.flatMap(\.kinds))
        let failing = failOn.isEmpty
            ? Set(FindingKind.failingByDefault)
            : Set(failOn.flatMap(\.kinds))
        var failures = 0
        var output = ""
        for finding in analysis.findings where !ignored.contains(finding.kind) {
            output += "\(finding.file):\(finding.line): \(finding.kind.rawValue): \(finding.message)\n"
            if failing.contains(finding.kind) { failures += 1 }
        }
        Console.write(Data(output.utf8))
        let s = analysis.summary
        Console.error("storygraph check: \(s.records) records, \(s.links) links: \(failures) failing finding\(failures == 1 ? "" : "s")")
        if failures > 0 { throw ExitCode(1) }
    }
}

/// A comma-separated list of finding kinds on the command line.
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
