/// The words of each record's title, and its topics, as term ids, with how
/// many records carry each term: what story weights and story labels read.
///
/// A title word is a run of letters and digits, lower-cased, of three or more
/// of them (Unicode scalars) with at least one letter, that is not a common English word.
/// A topic is one term (`#` before its text), whatever its words.
/// Ids are numbered in order of first appearance (path order), so nothing
/// depends on hashing.
struct TitleTerms: Sendable {
    /// Each term's text (`#` + topic for topics).
    let texts: [String]
    /// How many records carry each term.
    let documentFrequency: [Int]
    /// Each record's distinct term ids, sorted.
    let termsOf: [[Int]]

    init(_ records: [Record]) {
        var idOf: [String: Int] = [:]
        var texts: [String] = [], frequency: [Int] = []
        termsOf = records.map { record in
            var ids: [Int] = []
            let words = Self.words(record.title ?? "") + record.topics.map { "#" + $0 }
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
                ids.append(id)
            }
            ids.sort()
            var distinct: [Int] = []
            distinct.reserveCapacity(ids.count)
            for id in ids where distinct.last != id { distinct.append(id) }
            for id in distinct { frequency[id] += 1 }
            return distinct
        }
        self.texts = texts
        documentFrequency = frequency
    }

    /// The words of a title, in order (repeats kept). Works on Unicode
    /// scalars, with an ASCII fast path: titles are mostly ASCII.
    static func words(_ title: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView(), hasLetter = false
        func finish() {
            if word.count >= 3 && hasLetter {
                let text = String(word)
                if !stopWords.contains(text) { words.append(text) }
            }
            word = String.UnicodeScalarView()
            hasLetter = false
        }
        for scalar in title.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A:
                word.append(scalar)
                hasLetter = true
            case 0x41...0x5A:
                word.append(Unicode.Scalar(scalar.value + 0x20)!)
                hasLetter = true
            case 0x30...0x39:
                word.append(scalar)
            case 0..<0x80:
                finish()
            default:
                if scalar.properties.isAlphabetic {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    hasLetter = true
                } else if scalar.properties.numericType != nil {
                    word.append(scalar)
                } else {
                    finish()
                }
            }
        }
        finish()
        return words
    }

    /// Words too common to name a story.
    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have", "had",
        "its", "it's", "into", "over", "after", "about", "new", "how", "why", "what", "who", "will", "can",
        "not", "but", "you", "your", "our", "their", "they", "his", "her", "says", "said", "more", "than",
        "out", "all", "now", "just", "one", "two", "may", "could", "would", "should", "here", "there",
    ]
}
