import Foundation
import StoryGraphTestSupport
import XCTest

/// The same records give the same bytes in every output, with one thread or
/// two, and whatever order the record files were written to disk in.
final class DeterminismTests: XCTestCase {
    /// Every output a command writes, by name; a new output (index.html,
    /// per-cluster diagrams, ...) is one more entry here.
    static func outputs(_ records: String, into out: String, jobs: String) -> [(arguments: [String], files: [String])] {
        let input = [records, "--jobs", jobs]
        var list: [(arguments: [String], files: [String])] = [
            (["analyze"] + input + ["--output", out + "/analyze", "--format", "json"],
             ["analyze/report.json", "analyze/graph.dot", "analyze/graph.svg", "analyze/index.html",
              "analyze/clusters/1.dot", "analyze/clusters/1.svg", "analyze/clusters/2.dot", "analyze/clusters/2.svg"]),
            (["render"] + input + ["--format", "dot", "-o", out + "/render.dot"], ["render.dot"]),
            (["render"] + input + ["--format", "svg", "--cluster", "1", "-o", out + "/cluster1.svg"], ["cluster1.svg"]),
            (["export"] + input + ["--format", "node-link", "-o", out + "/graph.json"], ["graph.json"]),
            (["export"] + input + ["--format", "graphml", "-o", out + "/graph.graphml"], ["graph.graphml"]),
            (["export"] + input + ["--format", "csv", "-o", out + "/csv"],
             ["csv/nodes.csv", "csv/edges.csv", "csv/findings.csv", "csv/clusters.csv", "csv/stories.csv"]),
            (["export"] + input + ["--format", "sqlite", "-o", out + "/graph.sqlite"], ["graph.sqlite"]),
        ]
        for format in ["text", "json", "sarif", "github", "junit"] {
            list.append((["check"] + input + ["--format", format, "-o", out + "/check.\(format)"], ["check.\(format)"]))
        }
        return list
    }

    func testOutputsAreByteIdenticalAcrossJobsAndFileOrder() throws {
        let folder = try CLI.temporaryFolder(self)
        let records = folder.appendingPathComponent("records")
        // A generated corpus in sub-folders, hostile records, and broken files.
        let generator = try CLI.shared().appendingPathComponent("bench/gen_corpus.py").path
        let generated = try CLI.python([generator, "120", records.path, "--seed", "3", "--per-dir", "25"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        for (name, text) in InjectionTests.hostileRecords(plain: false) {
            try Data(text.utf8).write(to: records.appendingPathComponent("hostile-" + name))
        }
        try Data("---\ntitle: never closed\n".utf8).write(to: records.appendingPathComponent("broken.md"))
        try Data("# a page\n".utf8).write(to: records.appendingPathComponent("README.md"))
        let files = try recordFiles(under: records)
        XCTAssertEqual(files.count, 120 + 2 + 6, "records, truth.json and stories.json, and the six written here")

        var runs: [(label: String, bytes: [String: Data])] = []
        for (label, jobs, reversed) in [("--jobs 1", "1", false), ("--jobs 2", "2", false), ("--jobs 2, files written in reverse", "2", true)] {
            if reversed {
                // Same paths and bytes, written again in the opposite order (new inodes, new directory order).
                try FileManager.default.removeItem(at: records)
                for (path, bytes) in files.reversed() {
                    let url = records.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try bytes.write(to: url)
                }
            }
            let out = folder.appendingPathComponent("out-\(runs.count)")
            var bytes: [String: Data] = [:]
            for (arguments, written) in Self.outputs(records.path, into: out.path, jobs: jobs) {
                let run = try CLI.storygraph(arguments)
                XCTAssertEqual(run.status, arguments[0] == "check" ? 1 : 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
                bytes["stdout of the run writing \(written[0])"] = run.stdout
                for file in written { bytes[file] = try Data(contentsOf: out.appendingPathComponent(file)) }
                if arguments.contains("json") && arguments[0] == "analyze" {
                    // stdout is sent from report.json's own bytes as they are written (`StreamedFile.send`).
                    XCTAssertEqual(run.stdout, bytes["analyze/report.json"], "stdout of analyze --format json is report.json")
                }
            }
            runs.append((label, bytes))
        }
        for run in runs.dropFirst() {
            XCTAssertEqual(run.bytes.keys.sorted(), runs[0].bytes.keys.sorted())
            for (name, data) in runs[0].bytes.sorted(by: { $0.key < $1.key }) {
                XCTAssertEqual(run.bytes[name], data, "\(name) differs with \(run.label)")
            }
        }
    }

    /// Every file under `folder`, relative path and bytes, in path order.
    private func recordFiles(under folder: URL) throws -> [(String, Data)] {
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: folder.path))
        var files: [(String, Data)] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if exists && !isFolder.boolValue { files.append((path, try Data(contentsOf: folder.appendingPathComponent(path)))) }
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
