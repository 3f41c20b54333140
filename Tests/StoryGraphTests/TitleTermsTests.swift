import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// `TitleTerms` reads words as bytes and gives them ids through `TermTable`;
/// it must give exactly what the `String`-based code it replaced gave: the
/// same words, the same term texts and ids, the same document frequencies.
/// That code is kept here, word for word, as the reference.
final class TitleTermsTests: XCTestCase {
    func testWordsAreTheStringSplittersOnTheCorporaTitles() throws {
        let shared = try TestPaths.requireShared()
        for folder in ["\(shared)/corpus/everyday-ai", "\(shared)/corpus/everyday-azure"] {
            let records = try RecordLoader().load([folder]).records
            XCTAssertFalse(records.isEmpty, folder)
            for title in records.compactMap(\.title) { assertSameWords(title) }
            assertSameTerms(records, folder)
        }
    }

    func testWordsAreTheStringSplittersOnGeneratedTitles() {
        var generator = Generator(seed: 2024)
        var records: [Record] = []
        for index in 0..<4000 {
            // Every other title all ASCII, which takes the splitter's byte path.
            let title = generator.text(length: generator.next(48), asciiOnly: index % 2 == 0)
            assertSameWords(title)
            let topics = (0..<generator.next(3)).map { _ in generator.text(length: 1 + generator.next(8)) }
            records.append(Record(file: "r\(index).md", title: title, topics: topics))
        }
        assertSameTerms(records, "generated")
    }

    func testCanonicallyEquivalentSpellingsAreOneTerm() {
        // U+037E GREEK QUESTION MARK is canonically ";"; a Hangul syllable is its jamo; "e" + U+0301 is "é".
        let spellings = [("a;b", "a\u{37E}b"), ("\u{D55C}\u{AD6D}\u{C5B4}", "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165}"),
                         ("caf\u{E9}", "cafe\u{301}")]
        for (first, second) in spellings {
            for (a, b) in [(first, second), (second, first)] {
                let records = [Record(file: "a.md", title: a, topics: [a]), Record(file: "b.md", title: b, topics: [b])]
                let terms = TitleTerms(records)
                func topicTerms(_ record: Int) -> [Int32] { terms.terms(of: record).filter { terms.texts[Int($0)].hasPrefix("#") } }
                XCTAssertEqual(topicTerms(0).count, 1, "\(a) / \(b)")
                XCTAssertEqual(topicTerms(0), topicTerms(1), "\(a) / \(b)")
                assertSameTerms(records, "\(a) / \(b)")
            }
        }
        // The topic spellings are one term, carried by both records, spelt as first met.
        let terms = TitleTerms([Record(file: "a.md", topics: ["a;b"]), Record(file: "b.md", topics: ["a\u{37E}b"])])
        XCTAssertEqual(terms.texts, ["#a;b"])
        XCTAssertEqual(terms.documentFrequency, [2])
    }

    private func assertSameWords(_ title: String, file: StaticString = #filePath, line: UInt = #line) {
        var words: [String] = [], expected: [String] = []
        TitleTerms.appendWords(of: title, to: &words)
        Reference.appendWords(of: title, to: &expected)
        XCTAssertEqual(words, expected, title, file: file, line: line)
        // Byte for byte, not only as equal Strings.
        XCTAssertEqual(words.map { Array($0.utf8) }, expected.map { Array($0.utf8) }, title, file: file, line: line)
    }

    private func assertSameTerms(_ records: [Record], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let terms = TitleTerms(records)
        let expected = Reference.terms(records)
        XCTAssertEqual(terms.texts.map { Array($0.utf8) }, expected.texts.map { Array($0.utf8) }, label, file: file, line: line)
        XCTAssertEqual(terms.documentFrequency, expected.frequency, label, file: file, line: line)
        XCTAssertEqual(records.indices.map { Array(terms.terms(of: $0)) }, expected.ids, label, file: file, line: line)
    }

    /// Titles of letters, digits and marks that the splitter treats each its own way.
    private struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        static let pieces: [String] = [
            "a", "B", "z", "Q", "0", "7", "'", "’", "-", " ", " ", ":", ".", "#", "_", "é", "É", "ß", "ü", "Ü",
            "İ", "\u{212A}", "Σ", "ς", "ж", "Ж", "中", "文", "\u{D55C}", "\u{1112}", "\u{1161}", "\u{11AB}", "e\u{301}",
            "\u{301}", "²", "½", "٣", "Ⅻ", "ǅ", "ﬁ", "😀", "\u{37E}", ";", "\u{00A0}", "\t", "ı", "Ω", "\u{2126}",
            "the", "The", "it's", "AND", "new", "Azure", "GPT", "2024",
        ]

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        static let asciiPieces = pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }

        mutating func text(length: Int, asciiOnly: Bool = false) -> String {
            let pieces = asciiOnly ? Self.asciiPieces : Self.pieces
            return (0..<length).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    /// The `String`-based `TitleTerms` this branch replaced, unchanged.
    private enum Reference {
        static func terms(_ records: [Record]) -> (texts: [String], frequency: [Int], ids: [[Int32]]) {
            var idOf = Dictionary(uniqueKeysWithValues: TitleTerms.stopWords.map { ($0, -1) })
            var texts: [String] = [], frequency: [Int] = [], ids: [[Int32]] = []
            for record in records {
                var words: [String] = []
                if let title = record.title { appendWords(of: title, to: &words) }
                for topic in record.topics { words.append("#" + topic) }
                var recordIds: [Int32] = []
                for word in words {
                    let id: Int
                    if let known = idOf[word] {
                        id = known
                    } else {
                        id = texts.count
                        idOf[word] = id
                        texts.append(word)
                        frequency.append(0)
                    }
                    if id >= 0 { recordIds.append(Int32(id)) }
                }
                let distinct = Array(Set(recordIds)).sorted()
                for id in distinct { frequency[Int(id)] += 1 }
                ids.append(distinct)
            }
            return (texts, frequency, ids)
        }

        static func appendWords(of title: String, to words: inout [String]) {
            var builder = WordBuilder()
            let allASCII = title.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
                for byte in bytes { builder.add(ascii: byte, to: &words) }
                return true
            }
            if allASCII != true {
                for scalar in title.unicodeScalars {
                    if scalar.isASCII {
                        builder.add(ascii: UInt8(scalar.value), to: &words)
                    } else if scalar.properties.isAlphabetic {
                        for lower in scalar.properties.lowercaseMapping.unicodeScalars { builder.add(lower) }
                        builder.hasLetter = true
                    } else if scalar.properties.numericType != nil {
                        builder.add(scalar)
                    } else {
                        builder.finish(to: &words)
                    }
                }
            }
            builder.finish(to: &words)
        }

        struct WordBuilder {
            var bytes: [UInt8] = []
            var scalarCount = 0
            var hasLetter = false

            mutating func add(ascii byte: UInt8, to words: inout [String]) {
                switch byte {
                case 0x61...0x7A:
                    bytes.append(byte)
                    scalarCount += 1
                    hasLetter = true
                case 0x41...0x5A:
                    bytes.append(byte + 0x20)
                    scalarCount += 1
                    hasLetter = true
                case 0x30...0x39:
                    bytes.append(byte)
                    scalarCount += 1
                default:
                    finish(to: &words)
                }
            }

            mutating func add(_ scalar: Unicode.Scalar) {
                UTF8.encode(scalar) { bytes.append($0) }
                scalarCount += 1
            }

            mutating func finish(to words: inout [String]) {
                if scalarCount >= 3 && hasLetter { words.append(String(decoding: bytes, as: UTF8.self)) }
                bytes.removeAll(keepingCapacity: true)
                scalarCount = 0
                hasLetter = false
            }
        }
    }
}
