import ArgumentParser
import Foundation

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
        subcommands: [AnalyzeCommand.self, CheckCommand.self, RenderCommand.self],
        defaultSubcommand: AnalyzeCommand.self
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try StoryGraphCommand.parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser exits 64 on usage errors; storygraph documents 2.
            if StoryGraphCommand.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((StoryGraphCommand.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            StoryGraphCommand.exit(withError: error)
        }
    }
}
