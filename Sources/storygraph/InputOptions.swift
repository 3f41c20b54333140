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

    @Flag(name: .long, help: "Print the seconds each phase took (read, parse, resolve, analyze, ...) on stderr.")
    var timings = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// Loads and analyses the records, telling stderr about every file that gave no record.
    /// A progress bar shows on a terminal when loading takes more than a second.
    /// - Parameter keepsExcerpts: false for a job that reads no excerpt (`FrontMatterDecoder.keepsExcerpts`).
    func analyze(_ timings: Timings? = nil, stories: Stories.Method? = nil, resolution: Double = 1,
                 keepsExcerpts: Bool = true) throws -> Analysis {
        let progress = LoadProgress()
        let bar = ProgressBar(progress)
        bar.start()
        let corpus: LoadedCorpus
        do {
            defer { bar.stop() }
            corpus = try RecordLoader(decoder: FrontMatterDecoder(keepsExcerpts: keepsExcerpts), jobs: jobs, progress: progress).load(paths)
        } catch {
            throw ValidationError(error.description)
        }
        timings?.lapLoad(corpus.statistics)
        for problem in corpus.problems {
            Console.error("\(problem.file):\(problem.line): \(problem.kind.rawValue): \(problem.message)")
        }
        let graph = GraphBuilder.build(corpus.records, jobs: jobs)
        timings?.lap("resolve")
        let analysis = Analysis(corpus, graph: graph, stories: stories, resolution: resolution, jobs: jobs)
        timings?.lap("analyze")
        KeptUntilExit.keep(analysis)
        return analysis
    }

    /// A clock for `--timings`, or nil without it.
    func makeTimings() -> Timings? {
        timings ? Timings() : nil
    }
}

/// Values the process never frees: their memory goes back to the system at
/// exit, all at once. An analysis of a large archive is millions of heap
/// objects (a string per field, an array per record); releasing them one by
/// one when a command returns took longer than writing the report.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        values.append(value)
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Asks for a 1 MiB buffer when stdout is a pipe (Linux's default is
    /// 64 KiB), so that a large report goes to its reader in fewer, larger
    /// steps. Nothing changes when stdout is not a pipe or the system says no.
    static func widenPipe() {
        #if os(Linux)
        var status = stat()
        guard fstat(STDOUT_FILENO, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return }
        _ = fcntl(STDOUT_FILENO, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        #endif
    }
}

/// Writes a file so that readers only ever see the old or the new bytes:
/// a temporary file in the same folder, renamed into place.
func writeAtomically(_ data: Data, to path: String) throws {
    let file = try StreamedFile(path)
    try file.write(data)
    try file.commit()
}

extension Layout: ExpressibleByArgument {
    /// `dot` draws stories as readable timelines but grows too slow with
    /// many edges: on everyday-azure a 52-article story where every article
    /// lists every other (1,326 mutual pairs) took dot 160 s, and an
    /// 18-article one with 2,880 dangling links 14 s. `sfdp` scales.
    static func automatic(nodes: Int, edges: Int) -> Layout {
        nodes <= 300 && edges <= 400 ? .dot : .sfdp
    }
}
