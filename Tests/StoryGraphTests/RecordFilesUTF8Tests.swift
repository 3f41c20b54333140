import XCTest
@testable import StoryGraph

/// `RecordFiles.isUTF8` checks a file's bytes without making a `String`: it
/// must accept exactly what `String(validating:)` accepts.
final class RecordFilesUTF8Tests: XCTestCase {
    private func agree(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        XCTAssertEqual(bytes.withUnsafeBufferPointer(RecordFiles.isUTF8), expected, "\(bytes.map { String($0, radix: 16) })", file: file, line: line)
    }

    func testEdgesOfEverySequenceLength() {
        let cases: [[UInt8]] = [
            [], [0x00], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2],
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xE1, 0x80], [0xE1, 0x80, 0x7F],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFF], [0xF1, 0x80, 0x80], [0xF1, 0x80, 0x80, 0xC0],
            Array("plain ASCII that is longer than eight bytes".utf8),
            Array("Zürich, 中文, 😀 and \u{10FFFF} at the end of the line".utf8),
            Array("eight ok".utf8) + [0xC3] + Array("then more ASCII after a cut sequence".utf8),
        ]
        for bytes in cases { agree(bytes) }
    }

    func testRandomAndMutatedBytesAgreeWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 8)
        let base = Array("title: \"Ünïcödé 中文 — 😀\"\nexcerpt: plain text of some length\n".utf8)
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0...rng.next(below: 3) {
                let position = rng.next(below: bytes.count)
                bytes[position] = UInt8(rng.next(below: 256))
            }
            agree(bytes)
            agree((0..<rng.next(below: 24)).map { _ in UInt8(0x70 + rng.next(below: 0x90)) })
        }
    }
}
