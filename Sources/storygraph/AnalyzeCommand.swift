import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphDOT
import StoryGraphRender

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Load records, find clusters and broken links, write the report and the diagram.",
        discussion: """
        Prints a summary (or, with --format json, the whole report) and writes \
        DIR/report.json, DIR/graph.dot and DIR/graph.svg. Files that are not records are \
        listed on stderr and in the report; the run still succeeds.

        Example:
          storygraph analyze seeds --output output
          storygraph analyze ../archive/_news --format json --no-render
          storygraph analyze ../archive/_news --stories louvain --resolution 0.5
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var storyOptions: StoryOptions

    @Option(name: .long, help: ArgumentHelp("Folder for report.json, graph.dot and graph.svg.", valueName: "dir"))
    var output = "output"

    @Option(name: .long, help: "What to print on stdout: text (a summary) or json (the whole report).")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Write report.json only, no DOT or SVG.")
    var noRender = false

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let timings = input.makeTimings()
        let analysis = try input.analyze(timings, stories: storyOptions.method, resolution: storyOptions.resolution)
        let report = Report(analysis)
        // The report is streamed to its file (and to stdout with --format json), never held whole.
        // Every output goes to a temporary file first, and all are renamed into place at
        // the end: a run that fails or is killed before then leaves the old outputs as they were.
        let reportFile = try StreamedFile(output + "/report.json")
        try report.writeJSON(jobs: input.jobs) { chunk in
            try reportFile.write(chunk)
            if format == .json { Console.write(Data(chunk)) }
        }
        var outputs = [reportFile]
        timings?.lap("report")
        if !noRender {
            let dot = DOTEncoder().encode(analysis)
            let dotFile = try StreamedFile(output + "/graph.dot")
            try dotFile.write(Array(dot.utf8))
            let svg = try GraphvizRenderer().render(dot: dot, layout: .automatic(nodes: analysis.graph.nodeCount), format: .svg)
            let svgFile = try StreamedFile(output + "/graph.svg")
            try svgFile.write(svg)
            outputs += [dotFile, svgFile]
            timings?.lap("render")
        }
        for file in outputs { try file.commit() }
        if format == .text { Console.write(Data(TextReport.render(report).utf8)) }
        if let timings {
            timings.lap("print")
            Console.error(timings.report(bytes: analysis.corpus.statistics.bytes))
        }
    }
}
