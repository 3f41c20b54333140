import Foundation
@testable import StoryGraph

/// What libFuzzer runs on each input: one input, three consumers, each held to a property
/// beyond "does not crash". Build and run it as SECURITY.md describes; it is
/// not part of the normal build (Package.swift adds it only when
/// STORYGRAPH_FUZZ is set: it links only with -sanitize=fuzzer).
///
/// - The loader: the bytes as a `.md`, `.json` and `.jsonl` file give records
///   and problems, and every problem is at a line inside the file.
/// - The fast front-matter parser against Yams: whatever the fast path
///   accepts, Yams must read as the same record.
/// - The URL canonicaliser: whatever the ASCII fast path canonicalises, the
///   general rules must canonicalise the same way.
@_cdecl("LLVMFuzzerTestOneInput")   // libFuzzer's own objects refer to it by this name
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = RecordFiles.lineCount(bytes)
    let loader = RecordLoader(jobs: 1)
    for name in ["fuzz.md", "fuzz.json", "fuzz.jsonl"] {
        let outcome = loader.decodeFile(name, bytes)
        for problem in outcome.problems where problem.line < 1 || problem.line > lines {
            fatalError("\(name): problem at line \(problem.line) of a \(lines)-line file: \(problem.message)")
        }
    }
    if case let .yaml(yaml, firstLine)? = try? FrontMatter.extract(from: bytes),
       let fast = FrontMatterDecoder().fastRecord(yaml, file: "fuzz.md", firstLine: firstLine) {
        do {
            let full = try YamsRecordDecoder().decodeRecord(yaml, file: "fuzz.md", firstLine: firstLine)
            if full != fast { fatalError("fast path and Yams differ on \(yaml.debugDescription)\nfast \(fast)\nyams \(full)") }
        } catch {
            fatalError("fast path accepted what Yams rejects (\(error)): \(yaml.debugDescription)")
        }
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        for url in [text, "https://" + text, "https://example.com/" + text] {
            if case .canonical(let alias) = ASCIIURL.canonical(url), URLCanonicalizer.canonicalByFullRules(url) != alias {
                fatalError("ASCII fast path gives \(alias) but the full rules \(String(describing: URLCanonicalizer.canonicalByFullRules(url))) for \(url.debugDescription)")
            }
        }
    }
    return 0
}

