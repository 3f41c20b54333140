import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// Properties of the loader over random files: byte-level mutations of real
/// records and of hostile snippets, read as `.md`, `.json` and `.jsonl`.
///
/// - A front-matter file gives exactly one outcome: one record, or one
///   unreadable/skipped problem. Nothing is dropped silently.
/// - Every problem and every record is at a line inside its file.
/// - The result does not depend on the thread count.
///
/// The parser against Yams (FrontMatterParserDifferentialTests) and the URL
/// fast path against the full rules (URLCanonicalizerTests) have their own
/// randomized tests; the libFuzzer target (Fuzz/, SECURITY.md) runs all three
/// for as long as it is given.
final class LoaderPropertyTests: XCTestCase {
    static let snippets = [
        "---\n", "\n---\n", "title: ", "related:\n  - webUrl: https://e.com/x\n", "- ", "[", "]", "{", "}", "&a ", "*a",
        "\"", "'", "\\", "\r", "\r\n", "\u{85}", "\u{2028}", "\t", "\u{0}", "\u{1}", "\u{FEFF}", "é", "{\"title\": 1}",
        "[{\"webUrl\": \"https://e.com/y\"}]", "\n", ": ", "#", "|", ">", "!!binary ", "<<: *a\n", "? ", "%YAML 1.1\n",
    ]

    /// `STORYGRAPH_LOADER_SAMPLES=100000 swift test --filter LoaderPropertyTests` runs longer.
    static var samples: Int {
        ProcessInfo.processInfo.environment["STORYGRAPH_LOADER_SAMPLES"].flatMap(Int.init) ?? 1_000
    }

    func testRandomFilesGiveOneOutcomeEachAtLinesInsideThem() throws {
        let root = try TestPaths.requirePackageRoot()
        let bases = try RecordFiles.discover(["\(root)/seeds"]).map { try RecordFiles.read($0) }
            + [Array("[{\"title\": \"a\", \"webUrl\": \"https://e.com/a\"}]".utf8), Array("{\"title\": \"j\"}\n{\"title\": \"k\"}\n".utf8)]
        var rng = SplitMix64(seed: 20261129)
        let loader = RecordLoader(jobs: 1)
        let folder = try TemporaryFolder()
        var outcomes = (records: 0, unreadable: 0, skipped: 0)
        for sample in 0..<Self.samples {
            let bytes = mutate(bases[sample % bases.count], &rng)
            let lines = RecordFiles.lineCount(bytes)
            for ext in ["md", "json", "jsonl"] {
                let name = "mutant-\(sample).\(ext)"
                let outcome = loader.decodeFile(name, bytes)
                if ext == "md" {
                    XCTAssertEqual(outcome.records.count + outcome.problems.count, 1, "\(name): \(bytes)")
                }
                for problem in outcome.problems {
                    XCTAssertTrue((1...lines).contains(problem.line), "\(name): \(problem) outside \(lines) lines: \(bytes)")
                    outcomes.unreadable += problem.kind == .unreadable ? 1 : 0
                    outcomes.skipped += problem.kind == .skipped ? 1 : 0
                }
                for record in outcome.records {
                    XCTAssertTrue((1...lines).contains(record.line), "\(name): record at \(record.line) of \(lines): \(bytes)")
                    for stub in record.related { XCTAssertTrue((1...lines).contains(stub.line), "\(name): stub at \(stub.line)") }
                }
                outcomes.records += outcome.records.count
            }
            if sample < 300 { try folder.write("m/\(sample).md", bytes: bytes) }
        }
        // The property means something only if the mutants land on every side.
        XCTAssertGreaterThan(outcomes.records, Self.samples / 4)
        XCTAssertGreaterThan(outcomes.unreadable, Self.samples / 4)
        XCTAssertGreaterThan(outcomes.skipped, 10)

        let serial = try RecordLoader(jobs: 1).load([folder.path])
        let parallel = try RecordLoader(jobs: 4).load([folder.path])
        XCTAssertEqual(serial.records, parallel.records)
        XCTAssertEqual(serial.problems, parallel.problems)
    }

    /// Found by the first fuzz run: libyaml ends a line at a lone CR, so a
    /// JSON document after one is on line 2. Line counts agree with it.
    func testALoneCRIsALineBreak() {
        let bytes = Array("\rHTTPS://www.Example.com:443/a/b/?utm_source=x&b=2&a=1#frag".utf8)
        XCTAssertEqual(RecordFiles.lineCount(bytes), 2)
        let outcome = RecordLoader(jobs: 1).decodeFile("crash-570ffcd2.json", bytes)
        XCTAssertEqual(outcome.problems, [FileProblem(kind: .unreadable, file: "crash-570ffcd2.json", line: 2,
                                                      message: "document is neither an object nor a list of objects")])
        XCTAssertEqual(RecordFiles.lineCount(Array("a\r\nb\u{85}c\u{2028}d\ne".utf8)), 5)
        XCTAssertEqual(RecordFiles.lineCount([0x61, 0x0D, 0xFF, 0x0A, 0x0D, 0x0A]), 4)
    }

    /// One to four edits: a snippet inserted, bytes removed, a byte flipped, or a chunk duplicated.
    private func mutate(_ base: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = base
        for _ in 0...rng.next(below: 4) {
            let position = rng.next(below: bytes.count + 1)
            switch rng.next(below: 5) {
            case 0, 1:
                bytes.insert(contentsOf: Array(Self.snippets[rng.next(below: Self.snippets.count)].utf8), at: position)
            case 2:
                bytes.removeSubrange(position..<min(bytes.count, position + 1 + rng.next(below: 64)))
            case 3:
                if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                let end = min(bytes.count, position + rng.next(below: 200))
                bytes.insert(contentsOf: bytes[position..<end], at: rng.next(below: bytes.count + 1))
            }
        }
        return bytes
    }
}
