import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphRender

/// The record paths and loading options every subcommand shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Record files or folders (walked recursively).", valueName: "path"))
    var paths: [String] = ["seeds"]

    @Option(name: .long, help: "Threads that read and parse records (default: all cores). Output does not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// Loads and analyses the records, telling stderr about every file that gave no record.
    func analyze() throws -> Analysis {
        let corpus: LoadedCorpus
        do {
            corpus = try RecordLoader(jobs: jobs).load(paths)
        } catch {
            throw ValidationError(error.description)
        }
        for problem in corpus.problems {
            Console.error("\(problem.file):\(problem.line): \(problem.kind.rawValue): \(problem.message)")
        }
        return Analysis(corpus)
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }
}

/// Writes a file so that readers only ever see the old or the new bytes:
/// a temporary file in the same folder, renamed into place.
func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
}

extension Layout: ExpressibleByArgument {
    /// `dot` draws stories as readable timelines but grows too slow past a few
    /// hundred nodes; `sfdp` scales.
    static func automatic(nodes: Int) -> Layout {
        nodes <= 300 ? .dot : .sfdp
    }
}
