import Foundation
import XCTest

/// Runs the built `storygraph` binary and other programs (python3, dot) the
/// way a user would, and finds the package's folders.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }

        func json() throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: stdout) as? [String: Any], "stdout is not a JSON object: \(text.prefix(300))")
        }
    }

    /// The package root: the folder holding Package.swift above this file.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// ../shared beside the package: the corpus, the generator and the reference script.
    static func shared() throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("bench/gen_corpus.py").path) else {
            throw XCTSkip("../shared (gen_corpus.py, peer_networkx.py, corpus) is not beside the package at \(url.path)")
        }
        return url
    }

    /// The built executable, beside the test bundle.
    static let binary: URL = {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("storygraph")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("storygraph")
    }()

    @discardableResult
    static func storygraph(_ arguments: [String], in directory: URL = packageRoot) throws -> Result {
        try run(binary, arguments, in: directory)
    }

    static func python(_ arguments: [String], in directory: URL = packageRoot) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: directory)
    }

    static func run(_ executable: URL, _ arguments: [String], in directory: URL = packageRoot, stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes while the process runs, so a large output cannot block it.
        let stderrData = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdoutData, stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    /// Written by one reader thread, read after `group.wait()`.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("storygraph-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Fails unless DIR/graph.dot passes Graphviz's own `dot -Tcanon` and
    /// DIR/graph.svg is well-formed XML; returns the SVG.
    static func assertValidDiagrams(in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let dot = try Data(contentsOf: folder.appendingPathComponent("graph.dot"))
        let canon = try run(URL(fileURLWithPath: "/usr/bin/dot"), ["-Tcanon"], stdin: dot)
        XCTAssertEqual(canon.status, 0, "dot -Tcanon: \(canon.stderr)", file: file, line: line)
        let svg = try Data(contentsOf: folder.appendingPathComponent("graph.svg"))
        try XMLCheck.assertWellFormed(svg, file: file, line: line)
        return svg
    }

    /// The summary keys SPEC.md defines.
    static let contractKeys = ["records", "links", "edges", "mutual_pairs", "asymmetric", "dangling",
                               "self_links", "duplicate_links", "components", "largest_component", "singletons"]

    /// The contract keys of a summary (or truth.json, or the peer's output) as integers.
    static func contract(_ object: [String: Any]) -> [String: Int] {
        var out: [String: Int] = [:]
        for key in contractKeys { out[key] = object[key] as? Int ?? -1 }
        return out
    }
}
