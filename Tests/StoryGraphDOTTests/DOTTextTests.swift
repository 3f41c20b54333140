import Foundation
import XCTest
@testable import StoryGraphDOT

final class DOTTextTests: XCTestCase {
    // MARK: quoted

    func testQuotedEscapesQuotesBackslashesAndAmpersands() {
        XCTAssertEqual(DOTText.quoted("plain"), "\"plain\"")
        XCTAssertEqual(DOTText.quoted("say \"hi\""), "\"say \\\"hi\\\"\"")
        XCTAssertEqual(DOTText.quoted("a\\b"), "\"a\\\\b\"")
        XCTAssertEqual(DOTText.quoted("\\N"), "\"\\\\N\"")
        XCTAssertEqual(DOTText.quoted("A & B &lt;"), "\"A &amp; B &amp;lt;\"")
        XCTAssertEqual(DOTText.quoted("<b>x</b>"), "\"<b>x</b>\"")
        XCTAssertEqual(DOTText.quoted(""), "\"\"")
    }

    func testQuotedTurnsControlCharactersIntoOneSpace() {
        XCTAssertEqual(DOTText.quoted("line1\nline2"), "\"line1 line2\"")
        XCTAssertEqual(DOTText.quoted("a\r\n\tb"), "\"a b\"")
        XCTAssertEqual(DOTText.quoted("a\u{0}\u{7}\u{1B}b"), "\"a b\"")
        XCTAssertEqual(DOTText.quoted("a\u{85}b\u{2028}c"), "\"a b c\"")
        XCTAssertEqual(DOTText.quoted("\n  padded \t\n"), "\"padded\"")
        XCTAssertFalse(DOTText.quoted("x\ny\rz").contains(where: { $0.isNewline }))
    }

    func testQuotedShortensOverTheLimit() {
        let exactly500 = String(repeating: "a", count: 500)
        XCTAssertEqual(DOTText.quoted(exactly500), "\"" + exactly500 + "\"")
        XCTAssertEqual(DOTText.quoted(String(repeating: "a", count: 501)),
                       "\"" + String(repeating: "a", count: 499) + "…\"")
        XCTAssertEqual(DOTText.quoted("abcdef", limit: 4), "\"abc…\"")
        XCTAssertEqual(DOTText.quoted("abcd", limit: 4), "\"abcd\"")
        // Shortening happens before escaping: no escape is cut in half.
        XCTAssertEqual(DOTText.quoted(String(repeating: "\\", count: 10), limit: 5),
                       "\"" + String(repeating: "\\", count: 8) + "…\"")
        XCTAssertEqual(DOTText.quoted("ab\"cd", limit: 3), "\"ab…\"")
        XCTAssertEqual(DOTText.quoted("&&&&&&", limit: 3), "\"&amp;&amp;…\"")
    }

    func testQuotedHugeText() {
        let huge = String(repeating: "x\"\\&\n", count: 1_000_000)
        let quoted = DOTText.quoted(huge)
        XCTAssertLessThan(quoted.count, 500 * 5 + 2)
        XCTAssertTrue(quoted.hasPrefix("\"x\\\"\\\\&amp; x"))
        XCTAssertTrue(quoted.hasSuffix("…\""))
    }

    // MARK: wrapped

    func testWrappedBreaksAtWordBoundaries() {
        let text = "The quick brown fox jumps over the lazy dog"
        XCTAssertEqual(DOTText.wrapped(text, width: 10, maxLines: 5),
                       "\"The quick\\nbrown fox\\njumps over\\nthe lazy\\ndog\"")
        XCTAssertEqual(DOTText.wrapped(text, width: 28),
                       "\"The quick brown fox jumps\\nover the lazy dog\"")
        XCTAssertEqual(DOTText.wrapped("short"), "\"short\"")
        XCTAssertEqual(DOTText.wrapped(""), "\"\"")
    }

    func testWrappedKeepsAtMostMaxLines() {
        let text = "The quick brown fox jumps over the lazy dog"
        let wrapped = DOTText.wrapped(text, width: 10, maxLines: 4)
        XCTAssertEqual(wrapped, "\"The quick\\nbrown fox\\njumps over\\nthe lazy …\"")
        XCTAssertEqual(wrapped.components(separatedBy: "\\n").count, 4)
        XCTAssertEqual(DOTText.wrapped(text, width: 10, maxLines: 1), "\"The quick …\"")
        let many = Array(repeating: "word", count: 1_000).joined(separator: " ")
        XCTAssertEqual(DOTText.wrapped(many).components(separatedBy: "\\n").count, 4)
    }

    func testWrappedSeparatesLinesWithBackslashN() {
        let wrapped = DOTText.wrapped("one two three", width: 3)
        XCTAssertEqual(wrapped, "\"one\\ntwo\\nthree\"")
        XCTAssertFalse(wrapped.contains("\n"), "the separator is the two characters \\ and n, not a newline")
    }

    func testWrappedEscapesAndFlattensControlCharacters() {
        XCTAssertEqual(DOTText.wrapped("a \"b\" & c\\d"), "\"a \\\"b\\\" &amp; c\\\\d\"")
        XCTAssertEqual(DOTText.wrapped("back\nslash\tand\u{7}bell"), "\"back slash and bell\"")
    }

    func testWrappedShortensAnOverlongWord() {
        XCTAssertEqual(DOTText.wrapped(String(repeating: "x", count: 100), width: 10),
                       "\"" + String(repeating: "x", count: 19) + "…\"")
    }

    // MARK: link

    func testLinkRejectsEveryOtherScheme() {
        XCTAssertNil(DOTText.link("javascript:alert(1)"))
        XCTAssertNil(DOTText.link("JavaScript:alert(1)"))
        XCTAssertNil(DOTText.link("  javascript:alert(1)"))
        XCTAssertNil(DOTText.link("data:text/html,<script>alert(1)</script>"))
        XCTAssertNil(DOTText.link("ftp://example.com/file"))
        XCTAssertNil(DOTText.link("mailto:someone@example.com"))
        XCTAssertNil(DOTText.link("//example.com/relative"))
        XCTAssertNil(DOTText.link(""))
        XCTAssertNil(DOTText.link(nil))
        XCTAssertNil(DOTText.link("https://example.com/" + String(repeating: "a", count: 5_000)))
    }

    func testLinkQuotesHTTPAndHTTPS() {
        XCTAssertEqual(DOTText.link("https://example.com/a"), "\"https://example.com/a\"")
        XCTAssertEqual(DOTText.link("http://example.com/"), "\"http://example.com/\"")
        XCTAssertEqual(DOTText.link("HTTPS://EXAMPLE.COM/X"), "\"HTTPS://EXAMPLE.COM/X\"")
        XCTAssertEqual(DOTText.link(" https://example.com/ "), "\"https://example.com/\"")
        XCTAssertEqual(DOTText.link("https://example.com/?a=1&b=2"), "\"https://example.com/?a=1&amp;b=2\"")
    }

    func testLinkPercentEncodesWhatAURLMayNotHold() {
        XCTAssertEqual(DOTText.link("https://example.com/\"onclick"), "\"https://example.com/%22onclick\"")
        XCTAssertEqual(DOTText.link("https://example.com/<x>"), "\"https://example.com/%3Cx%3E\"")
        XCTAssertEqual(DOTText.link("https://example.com/a b\\c"), "\"https://example.com/a%20b%5Cc\"")
        XCTAssertEqual(DOTText.link("https://example.com/caf\u{E9}"), "\"https://example.com/caf%C3%A9\"")
        XCTAssertEqual(DOTText.link("https://example.com/%41?q=[1]#f"), "\"https://example.com/%41?q=[1]#f\"")
    }
}
