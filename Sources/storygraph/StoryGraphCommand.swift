import ArgumentParser
import Foundation
import StoryGraphAllocator

/// `storygraph`: related-link graphs of news-article records.
struct StoryGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storygraph",
        abstract: "Turn a folder of news-article records into a graph of their related links, find what is broken, and draw it.",
        discussion: """
        Each record is a Markdown/text file with YAML front matter (title, webUrl, \
        publishedDateTime, provider, topics, related, ...) or a .json/.jsonl file with the \
        same keys. Related links become edges; URLs are canonicalised so that one \
        article's many URLs are one node.

        Exit codes: 0 success, 1 failing findings (check) or a failed render, 2 usage error.
        """,
        version: "0.1.0",
        subcommands: [AnalyzeCommand.self, CheckCommand.self, RenderCommand.self, ExportCommand.self],
        defaultSubcommand: AnalyzeCommand.self
    )
}

@main
enum Main {
    static func main() {
        if !Allocator.isJemalloc { returnLargeBlocksToTheSystem() }
        let command: any ParsableCommand
        do {
            command = try StoryGraphCommand.parseAsRoot()
        } catch {
            exit(StoryGraphCommand.self, error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            // Errors thrown while running (a missing path, an unknown cluster)
            // name the subcommand whose help explains them.
            let type = type(of: command)
            if type.exitCode(for: error) == .validationFailure {
                let name = type.configuration.commandName ?? "analyze"
                FileHandle.standardError.write(Data("Error: \(type.message(for: error))\nSee 'storygraph \(name) --help'.\n".utf8))
                Foundation.exit(2)
            }
            exit(type, error)
        }
    }

    /// Exits as ArgumentParser would, except that usage errors exit 2 (it uses 64).
    static func exit(_ command: any ParsableCommand.Type, _ error: Error) -> Never {
        if command.exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        command.exit(withError: error)
    }
}

/// The allocator the process runs on (`StoryGraphAllocator`): jemalloc with
/// huge pages where storygraph was built with it, else the system's malloc.
enum Allocator {
    /// E.g. "jemalloc 5.3.0-0-g…, thp always", or "system malloc".
    static let description = String(cString: storygraph_allocator())
    static let isJemalloc = storygraph_allocator_is_jemalloc() != 0
}

/// With the system's malloc (glibc), blocks of a megabyte or more are mapped
/// for themselves and unmapped when freed. glibc raises that threshold each
/// time such a block is freed (up to 32 MB), after which a freed array stays
/// in the heap, resident, when it is not at its top: a run leaves behind the
/// transient arrays of loading and analysis. Fixed at 1 MiB, the peak at 100k records fell from 390 to 361 MB
/// and at 1M from 3,586 to 3,486 MB, with no change in time (BENCHMARKS.md).
/// (`mallopt` is looked up, not called by name: Swift's Glibc module leaves
/// out malloc.h. Where there is none, nothing changes.)
private func returnLargeBlocksToTheSystem() {
    #if canImport(Glibc)
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD in malloc.h
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 1 << 20)
    #endif
}
