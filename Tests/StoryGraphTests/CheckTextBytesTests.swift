import XCTest
@testable import StoryGraph

/// `YAMLStub.quoted`, `YAMLStub.scalar` and `DidYouMean.normalizedTitle` work
/// on UTF-8 bytes (they run for every fix and every record's title); the
/// definitions they replaced, on Unicode scalars and Characters, are kept
/// here, and both must agree on every character class either treats apart.
final class CheckTextBytesTests: XCTestCase {
    /// Every scalar below U+0300 and around each special one, alone and in text.
    private static let samples: [String] = {
        var scalars = (0..<0x300).compactMap(Unicode.Scalar.init)
        for special in [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF] {
            scalars += (special - 2...special + 2).compactMap { Unicode.Scalar(UInt32($0)) }
        }
        scalars += ["\u{3000}", "\u{1680}", "\u{200A}", "\u{205F}", "\u{212A}", "😀", "中", "\u{301}"]
        var samples = scalars.map { String($0) }
        samples += scalars.map { "Ab \(String($0))\(String($0)) z9" }
        samples += ["", " ", "true", "TRUE", "Yes", "on", "Null", "~", "y", "TechCrunch", "The Verge", "ZDNet.com",
                    "a-b_c.d", "9to5Mac", "trailing ", " leading", "Ars Technica", "Süddeutsche Zeitung",
                    "Ünïcode", "  Mixed \t Case\r\nTitle  ", "a\u{0B}b\u{0C}c\u{1C}d\u{85}e\u{A0}f", "\r\n",
                    "x \u{301}y", "2024-02-27T15:39:00Z", "https://example.com/a?b=c&d=\"e\"#f"]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let length = generator.next(below: 13)
            samples.append(String(String.UnicodeScalarView((0..<length).map { _ in scalars[generator.next(below: scalars.count)] })))
        }
        return samples
    }()

    func testQuotedMatchesTheScalarDefinition() {
        for sample in Self.samples {
            XCTAssertEqual(YAMLStub.quoted(sample), Reference.quoted(sample), sample.debugDescription)
        }
    }

    func testScalarMatchesTheScalarDefinition() {
        for sample in Self.samples {
            XCTAssertEqual(YAMLStub.scalar(sample), Reference.scalar(sample), sample.debugDescription)
        }
        XCTAssertEqual(YAMLStub.scalar("TechCrunch"), "TechCrunch")
        XCTAssertEqual(YAMLStub.scalar("yes"), "\"yes\"")
    }

    func testNormalizedTitleMatchesTheCharacterDefinition() {
        for sample in Self.samples {
            XCTAssertEqual(DidYouMean.normalizedTitle(sample), Reference.normalizedTitle(sample), sample.debugDescription)
        }
        XCTAssertEqual(DidYouMean.normalizedTitle("  Mixed \t Case\r\nTitle  "), "mixed case title")
    }
}

private enum Reference {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                    out += "\\x" + hex(value, digits: 2)
                } else if value == 0xFEFF || (0xFFFE...0xFFFF).contains(value) {
                    out += "\\u" + hex(value, digits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
        let simple = text.unicodeScalars.first.map { $0.properties.isAlphabetic } == true
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " ._-".unicodeScalars.contains($0) }
            && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
        return simple ? text : quoted(text)
    }

    static func normalizedTitle(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
