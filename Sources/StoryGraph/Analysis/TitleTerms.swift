/// The words of each record's title, and its topics, as term ids, with how
/// many records carry each term: what story weights and story labels read.
///
/// A title word is a run of letters and digits, lower-cased, of three or more
/// of them (Unicode scalars) with at least one letter, that is not a common English word.
/// A topic is one term (`#` before its text), whatever its words.
/// Ids are numbered in order of first appearance (path order), so nothing
/// depends on hashing. Words are read as bytes and given their ids by
/// `TermTable`; only a term's first spelling becomes a `String`.
struct TitleTerms: Sendable {
    /// Each term's text (`#` + topic for topics).
    let texts: [String]
    /// How many records carry each term.
    let documentFrequency: [Int]
    /// Each record's distinct term ids, sorted, end to end: record `r`'s are
    /// `termIds[termOffsets[r]..<termOffsets[r + 1]]` (one array, not one per record).
    private let termOffsets: [Int]
    private let termIds: [Int32]

    init(_ records: [Record]) {
        var table = TermTable(stopWords: Self.stopWords)
        var frequency: [Int] = []
        var offsets = [0], ids: [Int32] = []
        offsets.reserveCapacity(records.count + 1)
        var recordIds: [Int32] = [], topicKey: [UInt8] = []
        // Fields are read through the array: a closure over whole records would copy them.
        for index in records.indices {
            if let title = records[index].title {
                Self.forEachWord(of: title) { word, isASCII in
                    let id = table.id(of: word, isASCII: isASCII)
                    if id >= 0 { recordIds.append(Int32(id)) }
                }
            }
            for topic in records[index].topics {
                topicKey.removeAll(keepingCapacity: true)
                topicKey.append(UInt8(ascii: "#"))
                topicKey.append(contentsOf: topic.utf8)
                let id = topicKey.withUnsafeBufferPointer { key in
                    table.id(of: key, isASCII: !key.contains { $0 >= 0x80 })
                }
                if id >= 0 { recordIds.append(Int32(id)) }
            }
            if frequency.count < table.texts.count {
                frequency.append(contentsOf: repeatElement(0, count: table.texts.count - frequency.count))
            }
            recordIds.sort()
            for (position, id) in recordIds.enumerated() where position == 0 || recordIds[position - 1] != id {
                ids.append(id)
                frequency[Int(id)] += 1
            }
            offsets.append(ids.count)
            recordIds.removeAll(keepingCapacity: true)
        }
        self.texts = table.texts
        documentFrequency = frequency
        termOffsets = offsets
        termIds = ids
    }

    /// A record's distinct term ids, sorted.
    func terms(of record: Int) -> ArraySlice<Int32> {
        termIds[termOffsets[record]..<termOffsets[record + 1]]
    }

    /// The words of a title, in order (repeats kept).
    static func words(_ title: String) -> [String] {
        var words: [String] = []
        appendWords(of: title, to: &words)
        return words.filter { !stopWords.contains($0) }
    }

    /// Appends each run of three or more letters and digits, with a letter,
    /// lower-cased, stop words included.
    static func appendWords(of title: String, to words: inout [String]) {
        forEachWord(of: title) { word, _ in words.append(String(decoding: word, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each run of three or more letters
    /// and digits, with a letter, lower-cased, stop words included, and
    /// whether they are all ASCII. Works on Unicode scalars, with an ASCII fast
    /// path on bytes (titles are mostly ASCII); a word is handed over as bytes
    /// (in place, or built in one reused buffer), so no word becomes a `String`.
    static func forEachWord(of title: String, _ body: (UnsafeBufferPointer<UInt8>, _ isASCII: Bool) -> Void) {
        var builder = WordBuilder()
        let allASCII = title.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            forEachASCIIWord(in: bytes, scratch: &builder.bytes, body)
            return true
        }
        if allASCII != true {
            for scalar in title.unicodeScalars {
                if scalar.isASCII {
                    builder.add(ascii: UInt8(scalar.value), body)
                } else if scalar.properties.isAlphabetic {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { builder.add(lower) }
                    builder.hasLetter = true
                } else if scalar.properties.numericType != nil {
                    builder.add(scalar)
                } else {
                    builder.finish(body)
                }
            }
        }
        builder.finish(body)
    }

    /// `forEachWord` for an all-ASCII title: a word is a run of ASCII letters
    /// and digits, one scalar a byte. A word with no capital is handed over in
    /// place, as a slice of the title's bytes; others are lower-cased into `scratch`.
    private static func forEachASCIIWord(in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                                         _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var start = 0, hasLetter = false, hasCapital = false
        for index in 0...bytes.count {
            // Past the end reads as a separator, which ends the last word.
            switch index < bytes.count ? bytes[index] : 0 {
            case 0x61...0x7A: hasLetter = true; continue
            case 0x41...0x5A: hasLetter = true; hasCapital = true; continue
            case 0x30...0x39: continue
            default: break
            }
            if index - start >= 3 && hasLetter {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if hasCapital {
                    scratch.removeAll(keepingCapacity: true)
                    for byte in word { scratch.append(byte &- 0x41 < 26 ? byte + 0x20 : byte) }
                    scratch.withUnsafeBufferPointer { body($0, true) }
                } else {
                    body(word, true)
                }
            }
            (start, hasLetter, hasCapital) = (index + 1, false, false)
        }
    }

    /// The word being read: its UTF-8 bytes, how many scalars, whether one is
    /// a letter, whether all are ASCII. A struct with methods, not closures
    /// over local variables, so that the byte loop compiles to plain code.
    private struct WordBuilder {
        var bytes: [UInt8] = []
        var scalarCount = 0
        var hasLetter = false
        var isASCII = true

        init() { bytes.reserveCapacity(32) }

        mutating func add(ascii byte: UInt8, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
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
                finish(body)
            }
        }

        mutating func add(_ scalar: Unicode.Scalar) {
            UTF8.encode(scalar) { bytes.append($0) }
            scalarCount += 1
            if !scalar.isASCII { isASCII = false }
        }

        mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
            if scalarCount >= 3 && hasLetter { bytes.withUnsafeBufferPointer { body($0, isASCII) } }
            bytes.removeAll(keepingCapacity: true)
            scalarCount = 0
            hasLetter = false
            isASCII = true
        }
    }

    /// Words too common to name a story.
    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have", "had",
        "its", "it's", "into", "over", "after", "about", "new", "how", "why", "what", "who", "will", "can",
        "not", "but", "you", "your", "our", "their", "they", "his", "her", "says", "said", "more", "than",
        "out", "all", "now", "just", "one", "two", "may", "could", "would", "should", "here", "there",
    ]
}
