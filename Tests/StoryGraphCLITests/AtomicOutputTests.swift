import Foundation
import StoryGraphTestSupport
import XCTest

/// A run killed while it writes leaves the previous outputs exactly as they
/// were: every output goes to a temporary file (`.NAME.….tmp`) beside it and
/// is renamed into place only when the run has everything.
///
/// The test writes outputs from seeds/, then starts a run on a generated
/// corpus into the same place and SIGKILLs it the moment a given temporary
/// file appears: for `analyze` the DOT file's, when the report is already
/// written whole and the SVG is being laid out.
final class AtomicOutputTests: XCTestCase {
    func testAnalyzeKilledWhileWritingLeavesThePreviousOutputs() throws {
        let output = try CLI.temporaryFolder(self).appendingPathComponent("out")
        let names = ["report.json", "graph.dot", "graph.svg"]
        try assertKillLeavesOutputs(
            first: ["analyze", "seeds", "--output", output.path],
            killed: { corpus in ["analyze", corpus, "--output", output.path] },
            folder: output, killAt: ".graph.dot.", files: names.map { output.appendingPathComponent($0) })
    }

    /// A second run swaps each new file with the old one (`renameat2` exchange,
    /// see StreamedFile) and deletes the old: the folder then holds exactly what
    /// the first run wrote, with the second run's bytes, and no leftover file.
    func testRunOverPreviousOutputsReplacesThemAndLeavesNoTemporaryFile() throws {
        let folder = try CLI.temporaryFolder(self)
        let output = folder.appendingPathComponent("out")
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()
        }
        let first = try CLI.storygraph(["analyze", "seeds", "--output", output.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let files = try listing()
        XCTAssert(files.contains("report.json") && files.contains("index.html"), "\(files)")
        let firstReport = try Data(contentsOf: output.appendingPathComponent("report.json"))
        // Swap in a different report: the same seeds with one record removed.
        let records = folder.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        let seeds = CLI.packageRoot.appendingPathComponent("seeds")
        let seedFiles = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()
        try FileManager.default.copyItem(at: seeds.appendingPathComponent(seedFiles[0]), to: records.appendingPathComponent(seedFiles[0]))
        let second = try CLI.storygraph(["analyze", records.path, "--output", output.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        let expected = try CLI.storygraph(["analyze", records.path, "--output", folder.appendingPathComponent("fresh").path])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("report.json")),
                       try Data(contentsOf: folder.appendingPathComponent("fresh/report.json")))
        XCTAssertNotEqual(try Data(contentsOf: output.appendingPathComponent("report.json")), firstReport)
        XCTAssertEqual(try listing().filter { $0.hasSuffix(".tmp") }, [])
    }

    func testSQLiteExportKilledWhileWritingLeavesThePreviousDatabase() throws {
        let folder = try CLI.temporaryFolder(self)
        let database = folder.appendingPathComponent("graph.sqlite")
        try assertKillLeavesOutputs(
            first: ["export", "seeds", "--format", "sqlite", "-o", database.path],
            killed: { corpus in ["export", corpus, "--format", "sqlite", "-o", database.path] },
            folder: folder, killAt: ".graph.sqlite.", files: [database])
    }

    /// Runs `first`, keeps its outputs' bytes, then runs `killed` on a bigger
    /// corpus and kills it as soon as a file named `killAt…` shows in `folder`.
    func assertKillLeavesOutputs(first: [String], killed: (String) -> [String], folder: URL, killAt: String, files: [URL],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let initial = try CLI.storygraph(first)
        XCTAssertEqual(initial.status, 0, initial.stderr, file: file, line: line)
        let before = try files.map { try Data(contentsOf: $0) }

        let corpus = try CLI.temporaryFolder(self).appendingPathComponent("corpus")
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let generated = try CLI.python([generator, "1000", corpus.path, "--seed", "11"])
        XCTAssertEqual(generated.status, 0, generated.stderr, file: file, line: line)

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = killed(corpus.path)
        process.currentDirectoryURL = CLI.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var caught: String?
        while process.isRunning && Date() < deadline {
            caught = try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(killAt) }
            if caught != nil { break }
            usleep(1_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertNotNil(caught, "the run ended before it wrote \(killAt)…", file: file, line: line)
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run was killed, not finished", file: file, line: line)

        for (url, old) in zip(files, before) {
            XCTAssertEqual(try Data(contentsOf: url), old, "\(url.lastPathComponent) changed under a killed run", file: file, line: line)
        }
        // The next run replaces the outputs whole, whatever the killed one left behind.
        let again = try CLI.storygraph(killed(corpus.path))
        XCTAssertEqual(again.status, 0, again.stderr, file: file, line: line)
        XCTAssertNotEqual(try Data(contentsOf: files[0]), before[0], file: file, line: line)
    }
}
