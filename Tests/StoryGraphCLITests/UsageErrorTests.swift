import Foundation
import StoryGraphTestSupport
import XCTest

/// Bad options are usage errors (exit 2). Bad files: HostileInputTests; hostile text: InjectionTests.
final class UsageErrorTests: XCTestCase {
    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try CLI.storygraph(["analyze", "no/such/folder"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["check", "seeds", "--fail-on", "no-such-kind"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["render", "seeds", "--cluster", "9"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["analyze", "--jobs", "0"]).status, 2)
        XCTAssertEqual(try CLI.storygraph(["analyze", "--bogus"]).status, 2)
        let missing = try CLI.storygraph(["check", "no/such/folder"])
        XCTAssertTrue(missing.stderr.contains("no such file or directory: no/such/folder"), missing.stderr)
    }
}
