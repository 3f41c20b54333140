import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// The fast path may give up on anything, but whatever it accepts must read
/// exactly as Yams reads it. These tests hold it to that on every corpus
/// here, on generated records, and on thousands of mutated documents.
final class FrontMatterParserDifferentialTests: XCTestCase {
    /// What the two paths made of one document.
    struct Comparison {
        /// Shared by every document compared, as a loading thread shares it: values met again come from it.
        let scratch = LoadingScratch(linked: LinkedTexts())
        var accepted = 0
        var gaveUp = 0
        var mismatches: [String] = []
        /// Records the loader gave a `RelatedIndent`, each checked against `RelatedBlock.locate`.
        var indented = 0
    }

    /// Compares the fast path with Yams on one front-matter text.
    static func compare(_ yaml: String, file: String, into comparison: inout Comparison) {
        var text = yaml
        let fast = text.withUTF8 { FrontMatterDecoder().fastRecord(utf8: $0, file: file, firstLine: 2, scratch: comparison.scratch) }
        guard let fast else {
            comparison.gaveUp += 1
            return
        }
        comparison.accepted += 1
        do {
            let full = try YamsRecordDecoder().decodeRecord(yaml, file: file, firstLine: 2)
            if full != fast {
                comparison.mismatches.append("\(file): fast \(fast)\n  yams \(full)\n  text: \(yaml.debugDescription)")
            }
        } catch {
            comparison.mismatches.append("\(file): fast accepted what Yams rejects (\(error))\n  text: \(yaml.debugDescription)")
        }
        checkIndent(Array(("---\n" + yaml + (yaml.hasSuffix("\n") ? "" : "\n") + "---\n").utf8), file: file, into: &comparison)
    }

    /// The loader's `RelatedIndent` for a record file, when it gives one, must
    /// be what `RelatedBlock.locate` finds in the same bytes: `check` uses it
    /// in place of `locate` (`BackLinks`).
    static func checkIndent(_ bytes: [UInt8], file: String, into comparison: inout Comparison) {
        guard let record = RecordLoader(jobs: 1).decodeFile(file, bytes).records.first,
              let indent = record.relatedIndent else { return }
        comparison.indented += 1
        switch RelatedBlock.locate(in: RecordFileLines(bytes)) {
        case .success(let block) where block.dashIndent == Int(indent.dash) && block.keyIndent == Int(indent.key):
            break
        case let other:
            comparison.mismatches.append("\(file): the loader's indent \(indent), locate's \(other)\n  file: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    /// The front matter of every record file under `folder`.
    static func frontMatters(under folder: String) throws -> [(file: String, yaml: String)] {
        try RecordFiles.discover([folder]).compactMap { file in
            guard case let .yaml(yaml, _)? = try? FrontMatter.extract(from: RecordFiles.read(file)) else { return nil }
            return (file, yaml)
        }
    }

    func testSeedsAndRealCorporaAreAllOnTheFastPathAndReadAsYamsReadsThem() throws {
        let root = try TestPaths.requirePackageRoot()
        let shared = try TestPaths.requireShared()
        // The last figure: the records with a `related:` line followed by a list (`grep -l '^related: *$'`);
        // the other 321 of everyday-azure have no `related` key.
        for (folder, files, lists) in [("\(root)/seeds", 2, 2), ("\(shared)/corpus/everyday-ai", 24, 24),
                                       ("\(shared)/corpus/everyday-azure", 1_471, 1_150)] {
            var comparison = Comparison()
            let documents = try Self.frontMatters(under: folder)
            for document in documents {
                Self.compare(document.yaml, file: document.file, into: &comparison)
            }
            XCTAssertEqual(documents.count, files, folder)
            XCTAssertEqual(comparison.accepted, files, "every record of \(folder) should take the fast path")
            XCTAssertEqual(comparison.mismatches, [], folder)
            XCTAssertEqual(comparison.indented, lists, folder)
        }
    }

    func testGeneratedCorpusIsAllOnTheFastPath() throws {
        let shared = try TestPaths.requireShared()
        let folder = try TemporaryFolder()
        let result = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["python3", "\(shared)/bench/gen_corpus.py", "400", folder.path, "--seed", "11"])
        XCTAssertEqual(result.status, 0, result.stderr)
        var comparison = Comparison()
        for document in try Self.frontMatters(under: folder.path + "/records") {
            Self.compare(document.yaml, file: document.file, into: &comparison)
        }
        XCTAssertEqual(comparison.accepted, 400)
        XCTAssertEqual(comparison.mismatches, [])
    }

    /// One document per construct of the subset.
    static let constructs = [
        "title: Plain text  # a comment\nheat: -1\nquality: 1_000\npublished: yes\n",
        "title: 'It''s quoted'\nexcerpt: \"Tab\\there, \\\"quote\\\", \\u00e9\\x41\\U0001F600 \\N\\_\\L\\P\\/\\\\ \\e\\a\\b\\v\\f\\r\\n\"\n",
        "topics: [AI, 'Machine Learning', \"Chips\"]\nimages: []\nprovider: {}\n",
        "topics:\n- AI\n- Robotics\nrelated:\n- title: A\n  webUrl: https://a.example/x#frag\n",
        "related:\n  - title: \"A: b\"\n    url: http://a.example/?q=1\n    provider:\n      name: P\n      domain: p.example\n  - title: B\n",
        "excerpt: |\n  line one\n    indented\n\n  line three\ntitle: T\n",
        "excerpt: |-\n  kept\n  lines\n\n\ntitle: T\n",
        "excerpt: >\n  folded\n  into one\n\n  paragraph two\n",
        "excerpt: >-\n  stripped\n  fold\n",
        "title: ~\nexcerpt: null\ncategory:\npublished: Off\nquality: .5\n",
        "title: Ünïcödé 中文 — \"quoted\"\nrelated:\n  - 'bare string'\n  - title: Ünï\n    webUrl: https://ü.example/ä\n",
        "provider: Plain Name\nrelated: just text\n",
        "related:\n  title: a mapping\n",
        "# leading comment\n\ntitle: A\r\nrelated:\r\n  - title: B\r\n    webUrl: https://b.example/\r\n",
        "secured: \"abc+/==;x\"\nimages:\n  - url: \"https://i.example/a.jpg\"\n    width: 50\n    isCached: true\n",
        "title: a#b c\nwebUrl: https://a.example/#x\n",
        "2020: numeric key\n_private: x\n",
        "related:\n  - title: [not, a string]\n    webUrl: ['https://a.example/']\n",
    ]

    /// Constructs the subset covers, each checked against Yams, and the ones it must leave to Yams.
    func testEachConstructReadsAsYamsReadsIt() {
        for yaml in Self.constructs {            var comparison = Comparison()
            Self.compare(yaml, file: "t.md", into: &comparison)
            XCTAssertEqual(comparison.accepted, 1, "the fast path should accept \(yaml.debugDescription)")
            XCTAssertEqual(comparison.mismatches, [])
        }
        let leftToYams = [
            "title: &a anchored\nexcerpt: *a\n",
            "title: !!str tagged\n",
            "title: multi\n  line plain\n",
            "title: \"multi\n  line quoted\"\n",
            "topics: [a,\n  b]\n",
            "title: A\ntitle: B\n",
            "title: a\tb\n",
            "? complex\n: key\n",
            "excerpt: |+\n  keep\n\n",
            "excerpt: |2\n   explicit\n",
            "excerpt: >\n  a\n    more indented\n",
            "related:\n  -\n    title: on the next line\n",
            "related:\n  - - nested\n",
            "title: a: b\n",
            "title: \"bad \\q escape\"\n",
            "title: \"nul \\0\"\n",
            "title: x\n---\nmore: doc\n",
            "- a list\n- at the top\n",
            "",
            "  title: indented root\n",
            "title: x\u{85}y\n",
            "title: x\u{7}y\n",
            "{\"title\": \"json\"}\n",
        ]
        for yaml in leftToYams {
            XCTAssertNil(FrontMatterDecoder().fastRecord(yaml, file: "t.md", firstLine: 2), "the fast path should give up on \(yaml.debugDescription)")
        }
    }

    /// The word-at-a-time check that lets `onlyPlainCharacters` skip eight
    /// printable bytes at once: every byte value at every place in a word.
    func testPrintableASCIIWordsAreTheWordsOfPrintableBytes() {
        for place in 0..<8 {
            for value in 0...255 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertEqual(FrontMatterParser.isPrintableASCII(word), (0x20..<0x7F).contains(value), "byte \(value) at \(place)")
            }
        }
        // The check that lets `quotedEnd` skip eight bytes holding no quote, backslash or line break.
        for place in 0..<8 {
            for value in 0...255 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertEqual(FrontMatterParser.hasZeroByte(word), value == 0, "byte \(value) at \(place)")
            }
        }
        // The same with line feeds let through: every byte value at every place, beside a line feed and not.
        for place in 0..<8 {
            for value in 0...255 {
                for filler in [UInt8(ascii: "a"), 0x0A] {
                    var bytes = Array(repeating: filler, count: 8)
                    bytes[place] = UInt8(value)
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    XCTAssertEqual(FrontMatterParser.isPrintableASCIIOrLineFeed(word), (0x20..<0x7F).contains(value) || value == 0x0A,
                                   "byte \(value) at \(place) among \(filler)")
                }
            }
        }
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in UInt8(rng.next(below: 3) == 0 ? rng.next(below: 256) : 0x20 + rng.next(below: 0x5F)) }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            XCTAssertEqual(FrontMatterParser.isPrintableASCII(word), bytes.allSatisfy { (0x20..<0x7F).contains($0) }, "\(bytes)")
            let withLineFeeds = bytes.map { rng.next(below: 4) == 0 ? 0x0A : $0 }
            let other = withLineFeeds.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            XCTAssertEqual(FrontMatterParser.isPrintableASCIIOrLineFeed(other),
                           withLineFeeds.allSatisfy { (0x20..<0x7F).contains($0) || $0 == 0x0A }, "\(withLineFeeds)")
        }
    }

    /// Thousands of documents made by mutating real and hand-written ones: the
    /// fast path accepts many of them, and reads each exactly as Yams does.
    func testMutatedDocumentsReadAsYamsReadsThem() throws {
        let root = try TestPaths.requirePackageRoot()
        var bases = try Self.frontMatters(under: "\(root)/seeds").map(\.yaml)
        bases += Self.constructs + [
            "title: \"A: b\"\nexcerpt: |\n  one\n  two\n\nrelated:\n  - title: 'x'\n    webUrl: https://a.example/x\n    provider:\n      name: P\n  - plain\ntopics: [a, b]\n",
            "title: T\nexcerpt: >-\n  folded\n  text\n\n  more\nrelated:\n- title: \"\\u00e9 \\\"q\\\"\"\n  url: http://b.example/?utm_source=x#y\n- title: B # c\n  webUrl: https://c.example/\n",
        ]
        let tokens = [": ", " #", "#", "\"", "'", "\\", "\\x41", "\\u00e9", "\\q", "|", ">", "|-", ">-", "- ", "-", "  ", " ", "\n",
                      "\n  ", "\n- ", "[", "]", "{", "}", ",", "&a ", "*a", "!", "?", "---\n", "...", "\t", "\r\n", "\r", "é", "~",
                      "null", "yes", "1_0", "\u{85}", "''", "title: ", "x: y", "  - title: z\n"]
        // A longer run: STORYGRAPH_MUTANTS=1000000 STORYGRAPH_MUTANT_SEED=7 swift test --filter testMutated
        let environment = ProcessInfo.processInfo.environment
        let samples = environment["STORYGRAPH_MUTANTS"].flatMap(Int.init) ?? 20_000
        var rng = SplitMix64(seed: environment["STORYGRAPH_MUTANT_SEED"].flatMap(UInt64.init) ?? 20261123)
        var comparison = Comparison()
        for sample in 0..<samples {
            var bytes = Array(bases[sample % bases.count].utf8)
            for _ in 0...rng.next(below: 3) {
                let position = rng.next(below: bytes.count + 1)
                switch rng.next(below: 4) {
                case 0, 1:
                    bytes.insert(contentsOf: Array(tokens[rng.next(below: tokens.count)].utf8), at: position)
                case 2:
                    bytes.removeSubrange(position..<min(bytes.count, position + 1 + rng.next(below: 4)))
                default:
                    // Re-indent the line holding `position`.
                    var lineStart = position
                    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
                    if rng.next(below: 2) == 0 {
                        bytes.insert(contentsOf: Array(repeating: 0x20, count: 1 + rng.next(below: 2)), at: lineStart)
                    } else if lineStart < bytes.count && bytes[lineStart] == 0x20 {
                        bytes.remove(at: lineStart)
                    }
                }
            }
            Self.compare(String(decoding: bytes, as: UTF8.self), file: "mutant-\(sample).md", into: &comparison)
        }
        XCTAssertEqual(comparison.mismatches.prefix(5), [])
        // The comparison means something only if the fast path accepted many mutants and refused many.
        XCTAssertGreaterThan(comparison.accepted, 5_000)
        XCTAssertGreaterThan(comparison.gaveUp, 5_000)
        XCTAssertGreaterThan(comparison.indented, 2_000)
    }

    /// A file's fences as the loader takes them and as `RelatedBlock.locate`
    /// (which reads line by line) takes them differ at the edges: where they
    /// differ, the loader gives no `RelatedIndent`, and `check` reads the file.
    func testRelatedIndentOnlyWhereLocateReadsTheFencesAlike() {
        let body = "title: T\nrelated:\n  -   title: U\n      webUrl: https://a.example/u\n"
        let bom = "\u{FEFF}"
        let cases: [(opening: String, closing: String, indent: RelatedIndent?)] = [
            ("---\n", "---\n", RelatedIndent(dash: 2, key: 6)),
            ("---\r\n", "---\r\n", RelatedIndent(dash: 2, key: 6)),
            ("--- \t\n", "---  \n", RelatedIndent(dash: 2, key: 6)),
            (bom + "---\n", "---", RelatedIndent(dash: 2, key: 6)),
            ("---\n", "---\r", nil),            // a CR at the end of the file, not before an LF
            ("---\n", "---\r\r\n", nil),
            ("---\r \n", "---\n", nil),
            (bom + bom + "---\n", "---\n", nil),
        ]
        var comparison = Comparison()
        for (index, (opening, closing, expected)) in cases.enumerated() {
            let bytes = Array((opening + body + closing).utf8)
            let record = RecordLoader(jobs: 1).decodeFile("case-\(index).md", bytes).records.first
            XCTAssertEqual(record?.related.count, 1, "case \(index) loads")
            XCTAssertEqual(record?.relatedIndent, expected, "case \(index)")
            Self.checkIndent(bytes, file: "case-\(index).md", into: &comparison)
        }
        let others: [(yaml: String, why: String)] = [
            ("title: T\nrelated: [a, b]\n", "a flow list"),
            ("related:x: 1\ntitle: T\nrelated:\n- title: U\n", "a key that starts `related:`"),
            ("title: T\nrelated:\n", "no list"),
            ("title: T\nrelated: x\n", "a scalar"),
            ("title: T\nrelated  :\n- title: U\n", "spaces before the colon (`locate` looks for `related:`)"),
        ]
        for (yaml, why) in others {
            let record = RecordLoader(jobs: 1).decodeFile("x.md", Array(("---\n" + yaml + "---\n").utf8)).records.first
            XCTAssertNotNil(record, why)
            XCTAssertNil(record?.relatedIndent, why)
        }
        XCTAssertNil(RecordLoader(jobs: 1).decodeFile("x.json", Array("title: T\nrelated:\n- title: U\n".utf8)).records.first?.relatedIndent,
                     "a .json file written as YAML")
        // Handed the text alone, a decoder cannot know how the file reads: no indent.
        let yaml = "title: T\nrelated:\n- title: U\n"
        XCTAssertNotNil(FrontMatterDecoder().fastRecord(yaml, file: "x.md", firstLine: 2)?.relatedIndent)
        XCTAssertNil(try FrontMatterDecoder().decodeRecord(yaml, file: "x.md", firstLine: 2).relatedIndent)
        XCTAssertEqual(comparison.indented, 4)
        XCTAssertEqual(comparison.mismatches, [])
    }
}

/// A small deterministic generator (SplitMix64), so a failing mutant can be replayed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}
