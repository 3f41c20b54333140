import XCTest
@testable import StoryGraph

/// `RecordKey(utf8:)` matches a key's bytes against a literal spelling of its
/// own: these hold that spelling to the raw value, byte for byte.
final class RecordKeyTests: XCTestCase {
    private func key(_ text: String) -> RecordKey? {
        Array(text.utf8).withUnsafeBufferPointer { RecordKey(utf8: $0) }
    }

    func testEveryKeyIsReadFromItsRawValue() {
        for candidate in RecordKey.allCases {
            XCTAssertEqual(key(candidate.rawValue), candidate, candidate.rawValue)
        }
    }

    func testAnyOtherByteAnywhereIsNoKey() {
        for candidate in RecordKey.allCases {
            let bytes = Array(candidate.rawValue.utf8)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x20   // the case flipped, or a letter made punctuation
                let text = String(decoding: changed, as: UTF8.self)
                XCTAssertNil(key(text), text)
            }
            XCTAssertNil(key(candidate.rawValue + "s"))
            XCTAssertNil(key(String(candidate.rawValue.dropLast())))
        }
        XCTAssertNil(key(""))
    }
}
