import Foundation
import StoryGraphTestSupport
import XCTest

/// `--timings`: the phases a run went through, and the allocator it ran on.
/// (The figures themselves are BENCHMARKS.md's, not a test's.)
final class TimingsTests: XCTestCase {
    private func timingLines(environment: [String: String] = [:]) throws -> [Substring] {
        let result = try CLI.storygraph(["analyze", "seeds", "--no-render", "--timings", "--output", try CLI.temporaryFolder(self).path],
                                        environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stderr.split(separator: "\n").filter { $0.hasPrefix("timing: ") }
    }

    func testTimingsNameEveryPhaseThenTheAllocator() throws {
        let lines = try timingLines()
        XCTAssertEqual(lines.map { $0.split(separator: " ")[1] },
                       ["read", "parse", "resolve", "analyze", "report", "print", "total", "allocator"])
        let allocator = try XCTUnwrap(lines.last)
        #if os(Linux)
        if ProcessInfo.processInfo.environment["STORYGRAPH_SYSTEM_MALLOC"] == nil {
            // Built as `make run` builds it: jemalloc, with the options allocator.c gives it.
            XCTAssertTrue(allocator.hasPrefix("timing: allocator jemalloc 5."), String(allocator))
            XCTAssertTrue(allocator.hasSuffix(", thp always"), String(allocator))
            return
        }
        #endif
        XCTAssertEqual(allocator, "timing: allocator system malloc")
    }

    /// The options are jemalloc's own answer, not a text the binary holds:
    /// MALLOC_CONF still overrides what allocator.c sets.
    func testMallocConfOverridesTheBuiltInOptions() throws {
        #if os(Linux)
        guard ProcessInfo.processInfo.environment["STORYGRAPH_SYSTEM_MALLOC"] == nil else {
            throw XCTSkip("built with the system malloc (STORYGRAPH_SYSTEM_MALLOC)")
        }
        let allocator = try XCTUnwrap(try timingLines(environment: ["MALLOC_CONF": "thp:never"]).last)
        XCTAssertTrue(allocator.hasPrefix("timing: allocator jemalloc 5."), String(allocator))
        XCTAssertTrue(allocator.hasSuffix(", thp never"), String(allocator))
        #else
        throw XCTSkip("storygraph links jemalloc on Linux only")
        #endif
    }
}
