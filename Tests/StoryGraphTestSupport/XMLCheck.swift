import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

public enum XMLCheck {
    /// Fails the test when `data` is not well-formed XML.
    public static func assertWellFormed(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let parser = XMLParser(data: data)
        let ok = parser.parse()
        XCTAssertTrue(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)", file: file, line: line)
    }
}
