import ArgumentParser
import Foundation
import StoryGraph
import StoryGraphDOT
import StoryGraphHTML
import StoryGraphRender

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Load records, find clusters and broken links, write the report, the diagrams and index.html.",
        discussion: """
        Prints a summary (or, with --format json, the whole report) and writes \
        DIR/report.json, DIR/index.html (the report as a page), DIR/graph.dot and DIR/graph.svg \
        (the overview) and DIR/clusters/ID.dot and ID.svg for each cluster of two or more \
        articles. Files that are not records are listed on stderr and in the report; the run \
        still succeeds.

        Example:
          storygraph analyze seeds --output output
          storygraph analyze ../archive/_news --format json --no-render
          storygraph analyze ../archive/_news --stories louvain --resolution 0.5
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var storyOptions: StoryOptions

    @Option(name: .long, help: ArgumentHelp("Folder for report.json, index.html, graph.dot, graph.svg and clusters/.", valueName: "dir"))
    var output = "output"

    @Option(name: .long, help: "What to print on stdout: text (a summary) or json (the whole report).")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Write report.json only: no diagrams, no index.html.")
    var noRender = false

    @Option(name: .long, help: ArgumentHelp("Draw at most this many cluster diagrams, largest first.", valueName: "n"))
    var maxDiagrams = 1_000

    @Option(name: .long, help: ArgumentHelp("Draw no diagram of a cluster of more articles than this (render --cluster ID still can).", valueName: "n"))
    var maxDiagramSize = 2_000

    @OptionGroup(title: "Diagrams") var diagrams: DiagramOptions

    func validate() throws {
        guard maxDiagrams >= 0 else { throw ValidationError("--max-diagrams must be at least 0") }
        guard maxDiagramSize >= 2 else { throw ValidationError("--max-diagram-size must be at least 2") }
    }

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let timings = input.makeTimings()
        // Only the diagrams' tooltips read an excerpt: without them, none is kept.
        let analysis = try input.analyze(timings, stories: storyOptions.method, resolution: storyOptions.resolution,
                                         keepsExcerpts: !noRender)
        let report = Report(analysis, jobs: input.jobs)
        // A member (three strings) for nearly every record: not let go of one by one at the end.
        KeptUntilExit.keep(report)
        // The report is streamed to its file (and to stdout with --format json), never held whole.
        // Every output goes to a temporary file first. The report, the overview and index.html
        // are renamed into place together at the end (each cluster diagram as it is drawn):
        // a run that fails or is killed before then leaves the old outputs as they were.
        // The file and stdout each get a writer thread of their own, so that the
        // encoding threads never wait for either; stdout is sent each piece from
        // the file once it is there (`StreamedFile.send`).
        let reportFile = try StreamedFile(output + "/report.json")
        let fileWriter = BackgroundWriter(label: "report")
        let stdoutWriter = format == .json ? BackgroundWriter(label: "stdout") : nil
        if stdoutWriter != nil { Console.widenPipe() }
        var written = 0
        try report.writeJSON(jobs: input.jobs) { chunk in
            let range = written..<written + chunk.count
            written = range.upperBound
            try fileWriter.perform {
                try reportFile.write(chunk)
                try stdoutWriter?.perform { try reportFile.send(range, to: STDOUT_FILENO) }
            }
        }
        try fileWriter.finish()
        try stdoutWriter?.finish()
        var outputs = [reportFile]
        timings?.lap("report")
        if !noRender {
            let index = DiagramIndex(analysis)
            let clusterDiagrams = ClusterDiagrams(options: diagrams, limit: maxDiagrams, maxSize: maxDiagramSize, jobs: input.jobs)
            // The overview links to the cluster diagrams it will have, so their files are named first.
            let overview = diagrams.overview(index, links: clusterDiagrams.files(index))
            let dotFile = try StreamedFile(output + "/graph.dot")
            try dotFile.write(Array(overview.dot.utf8))
            let svgFile = try StreamedFile(output + "/graph.svg")
            try svgFile.write(try GraphvizRenderer().render(dot: overview.dot, layout: overview.layout, format: .svg))
            outputs += [dotFile, svgFile]
            timings?.lap("overview")
            let clusterFiles = try clusterDiagrams.write(index, into: output)
            timings?.lap("clusters")
            let notes = DiagramNotes(report.clusters, drawn: clusterFiles.count, maxDiagrams: maxDiagrams, maxSize: maxDiagramSize)
            let page = HTMLReport().render(report, diagrams: .init(overview: "graph.svg", overviewNote: overview.note,
                                                                   clusters: clusterFiles, clustersNote: notes.text))
            let pageFile = try StreamedFile(output + "/index.html")
            try pageFile.write(Array(page.utf8))
            outputs.append(pageFile)
            timings?.lap("html")
        }
        for file in outputs { try file.commit() }
        if format == .text { Console.write(Data(TextReport.render(report).utf8)) }
        if let timings {
            timings.lap("print")
            Console.error(timings.report(bytes: analysis.corpus.statistics.bytes))
        }
    }
}
