import XCTest
@testable import StoryGraph

final class FrontMatterTests: XCTestCase {
    private func extract(_ text: String) throws -> FrontMatter.Block {
        try FrontMatter.extract(from: Array(text.utf8))
    }

    private func extractionError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> RecordError? {
        do {
            let block = try FrontMatter.extract(from: bytes)
            XCTFail("expected a RecordError, got \(block)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testNormalBlockGivesYAMLTextAndFirstLineTwo() throws {
        let text = "---\ntitle: A\nquality: 3\n---\nBody text\n---\nmore\n"
        XCTAssertEqual(try extract(text), .yaml("title: A\nquality: 3\n", firstLine: 2))
        // The String overload cuts the same block.
        XCTAssertEqual(try FrontMatter.extract(from: text), .yaml("title: A\nquality: 3\n", firstLine: 2))
    }

    func testEmptyBlockIsEmptyYAML() throws {
        XCTAssertEqual(try extract("---\n---\n"), .yaml("", firstLine: 2))
        XCTAssertEqual(try extract("---\n---"), .yaml("", firstLine: 2))
    }

    func testByteOrderMarkIsTolerated() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\ntitle: A\n---\n".utf8)
        XCTAssertEqual(try FrontMatter.extract(from: bytes), .yaml("title: A\n", firstLine: 2))
        XCTAssertEqual(try FrontMatter.extract(from: "\u{FEFF}---\ntitle: A\n---\n"), .yaml("title: A\n", firstLine: 2))
    }

    func testCRLFLineEndsAreTolerated() throws {
        XCTAssertEqual(try extract("---\r\ntitle: A\r\nheat: 2\r\n---\r\nbody\r\n"),
                       .yaml("title: A\r\nheat: 2\r\n", firstLine: 2))
    }

    func testTrailingSpacesAndTabsAfterFencesAreTolerated() throws {
        XCTAssertEqual(try extract("---  \ntitle: A\n--- \t\nbody\n"), .yaml("title: A\n", firstLine: 2))
    }

    func testEmptyFileIsNotARecord() throws {
        XCTAssertEqual(try FrontMatter.extract(from: [UInt8]()), .none)
        XCTAssertEqual(try FrontMatter.extract(from: [0xEF, 0xBB, 0xBF]), .none)
    }

    func testFirstLineNotAFenceIsNotARecord() throws {
        XCTAssertEqual(try extract("# README\n---\ntitle: A\n---\n"), .none)
        XCTAssertEqual(try extract("\n---\ntitle: A\n---\n"), .none)
        XCTAssertEqual(try extract("----\ntitle: A\n----\n"), .none)
        XCTAssertEqual(try extract(" ---\ntitle: A\n---\n"), .none)
        XCTAssertEqual(try extract("--- title: A\n---\n"), .none)
    }

    func testBlockNeverClosedIsAnErrorOnLineOne() {
        let error = extractionError(Array("---\ntitle: A\nbody\n".utf8))
        XCTAssertEqual(error, RecordError(line: 1, message: "front matter opened with '---' but never closed"))
        XCTAssertEqual(extractionError(Array("---".utf8))?.line, 1)
        // A fence with text after it does not close the block.
        XCTAssertEqual(extractionError(Array("---\ntitle: A\n--- more\n".utf8))?.line, 1)
    }

    func testInvalidUTF8IsAnErrorAtTheLineOfTheBadByte() {
        let bytes = Array("---\ntitle: A\nexcerpt: b".utf8) + [0xFF, 0xFE] + Array("\n---\n".utf8)
        XCTAssertEqual(extractionError(bytes), RecordError(line: 3, message: "invalid UTF-8"))
        // After a BOM the count is the same; a truncated sequence at the end counts too.
        let afterBOM = [0xEF, 0xBB, 0xBF] + Array("---\n---\nok\nok\n".utf8) + [0xC3]
        XCTAssertEqual(extractionError(afterBOM), RecordError(line: 5, message: "invalid UTF-8"))
    }

    func testRecordErrorDescription() {
        XCTAssertEqual(RecordError(line: 7, message: "bad").description, "line 7: bad")
    }
}
