import Foundation
import StoryGraphTestSupport
import XCTest

/// Runs the built `storygraph` binary, and the scripts of ../shared, the way a user would.
enum CLI {
    /// The package root: the folder holding Package.swift.
    static let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot()!, isDirectory: true)

    /// ../shared beside the package: the corpus, the generator and the reference script.
    static func shared() throws -> URL {
        URL(fileURLWithPath: try TestPaths.requireShared(), isDirectory: true)
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
    static func storygraph(_ arguments: [String], in directory: URL = packageRoot,
                           environment: [String: String] = [:]) throws -> Subprocess.Result {
        try Subprocess.run(binary, arguments, in: directory, environment: environment)
    }

    static func python(_ arguments: [String], in directory: URL = packageRoot) throws -> Subprocess.Result {
        try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: directory)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let folder = try TemporaryFolder("storygraph-cli-tests")
        test.addTeardownBlock { _ = folder }
        return folder.url
    }

    /// Fails unless DIR/graph.dot passes Graphviz's own `dot -Tcanon` and
    /// DIR/graph.svg is well-formed XML; returns the SVG.
    static func assertValidDiagrams(in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let dot = try Data(contentsOf: folder.appendingPathComponent("graph.dot"))
        let canon = try Subprocess.dot(["-Tcanon"], stdin: dot)
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

extension Subprocess.Result {
    /// stdout as a JSON object.
    func json() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: stdout) as? [String: Any], "stdout is not a JSON object: \(text.prefix(300))")
    }
}
