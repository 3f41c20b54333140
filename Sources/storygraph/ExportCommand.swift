import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphExport

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph for notebooks: node-link JSON, GraphML, CSV or SQLite.",
        discussion: """
        Nodes are the articles (kind "article") and the URLs of dangling links (kind \
        "dangling"); edges are the resolved links and the dangling references, with \
        the stub's file and line. Each article carries its cluster and its story \
        (the stories of `analyze`, split by --stories; an article in no story of \
        two or more has none). \
        node-link and graphml write one file (`-o -` prints it); csv writes a folder \
        with nodes.csv, edges.csv, findings.csv, clusters.csv and stories.csv; sqlite \
        writes one database file (tables articles, links, findings, clusters, \
        stories, aliases, topics, summary).

        Example:
          storygraph export seeds --format node-link -o graph.json
          storygraph export content/news --format sqlite -o news.sqlite
          storygraph export content/news --format csv -o news-csv
          storygraph export content/news --stories off -o graph.json
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var storyOptions: StoryOptions

    @Option(name: .long, help: "node-link, graphml, csv or sqlite.")
    var format: Format = .nodeLink

    @Option(name: .shortAndLong, help: ArgumentHelp("The file (a folder for csv) to write; - is stdout for node-link and graphml.", valueName: "path"))
    var output: String

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case nodeLink = "node-link"
        case graphml, csv, sqlite
    }

    func validate() throws {
        if output == "-" && (format == .csv || format == .sqlite) {
            throw ValidationError("--format \(format.rawValue) writes \(format == .csv ? "a folder" : "a file"): give --output a path, not -")
        }
        var isFolder: ObjCBool = false
        guard output != "-", FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        if format == .csv && !isFolder.boolValue {
            throw ValidationError("--output \(output) is a file, but --format csv writes a folder")
        }
        if format != .csv && isFolder.boolValue {
            throw ValidationError("--output \(output) is a folder, but --format \(format.rawValue) writes a file")
        }
    }

    func run() throws {
        let timings = input.makeTimings()
        // No export format holds an excerpt (`ExportModel`): none is kept.
        let analysis = try input.analyze(timings, stories: storyOptions.method, resolution: storyOptions.resolution,
                                         keepsExcerpts: false)
        let model = ExportModel(analysis)
        timings?.lap("model")
        switch format {
        case .nodeLink: try write(NodeLinkExporter().export(model))
        case .graphml: try write(GraphMLExporter().export(model))
        case .csv:
            for file in CSVExporter().export(model) {
                try writeAtomically(file.data, to: output + "/" + file.name)
            }
        case .sqlite: try SQLiteExporter().export(model, to: output)
        }
        if let timings {
            timings.lap("export")
            Console.error(timings.report(bytes: analysis.corpus.statistics.bytes))
        }
    }

    private func write(_ data: Data) throws {
        if output == "-" {
            Console.write(data)
        } else {
            try writeAtomically(data, to: output)
        }
    }
}
