import Foundation

/// What loading a set of paths gave: the records in path order, and every
/// file that gave no record (or not only records), with why.
public struct LoadedCorpus: Sendable {
    /// Every record, in path order (a JSON file's objects in their order).
    public var records: [Record]
    /// Unreadable and skipped files, in path order.
    public var problems: [FileProblem]
    /// Every file that was read, in path order.
    public var files: [String]
    /// What loading took: bytes, and the time spent reading and parsing.
    public var statistics = LoadStatistics()

    public init(records: [Record] = [], problems: [FileProblem] = [], files: [String] = []) {
        self.records = records
        self.problems = problems
        self.files = files
    }
}

/// Figures about one load, for `--timings` and the benchmark.
public struct LoadStatistics: Sendable {
    /// Bytes read, over all files.
    public var bytes = 0
    /// Seconds spent reading files and parsing them, summed over the loading
    /// threads (so with N threads they add up to about N times the wall time).
    public var readSeconds = 0.0
    public var parseSeconds = 0.0
}

/// How many files a running load has finished, for a progress bar.
public final class LoadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = 0
    private var total = 0

    public init() {}

    /// Files finished and files in all; total is 0 until discovery is over.
    public var counts: (finished: Int, total: Int) {
        lock.withLock { (finished, total) }
    }

    func start(total: Int) { lock.withLock { self.total = total } }
    func finishOne() { lock.withLock { finished += 1 } }
}

/// A file (or one object of a file) that gave no record.
public struct FileProblem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A broken record: a failing finding (SPEC.md, "Records").
        case unreadable
        /// No front matter: not a record, and no error either.
        case skipped
    }

    public var kind: Kind
    public var file: String
    public var line: Int
    public var message: String
}

/// A path argument that cannot be loaded at all: a usage error, not a finding.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "no such file or directory: \(path)" }
}

/// Finds record files under the given paths and loads them, in parallel,
/// into a `LoadedCorpus` whose order depends only on the paths.
public struct RecordLoader: Sendable {
    /// Extensions of files that may hold records when a folder is walked.
    /// A file named explicitly is read whatever its extension.
    public static let recordExtensions: Set<String> = ["md", "markdown", "txt", "json", "jsonl"]

    public var decoder: any RecordDecoder
    /// Threads that read and decode files; 1 reads serially.
    public var jobs: Int
    /// Told of every finished file, when given.
    public var progress: LoadProgress?

    public init(decoder: any RecordDecoder = FrontMatterDecoder(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: LoadProgress? = nil) {
        self.decoder = decoder
        self.jobs = max(1, jobs)
        self.progress = progress
    }

    /// Loads the record files under `paths` (folders walked, files as named).
    public func load(_ paths: [String]) throws(LoadError) -> LoadedCorpus {
        load(discovered: try RecordFiles.discover(paths, jobs: jobs))
    }

    /// Loads exactly `files`, as `RecordFiles.discover` (or `CheckFiles.discover`)
    /// found them, in that order: handed back to `load(_:)`, each would be
    /// looked up again (a million `stat` calls at a million records).
    public func load(discovered files: [String]) -> LoadedCorpus {
        progress?.start(total: files.count)
        var outcomes: [FileOutcome] = []
        // A file's one record goes straight to its file's place in the corpus'
        // array: no array per file holds it meanwhile, and none is left behind.
        var records = [Record](unsafeUninitializedCapacity: files.count) { buffer, placed in
            let places = RecordPlaces(buffer)
            // Each thread reads into its own buffers and shares the values that repeat among its
            // records; titles and URLs, which stubs copy from other records, are shared by all threads.
            // (Where strings land in the heap then depends on thread timing; the renderer's
            // `SequentialIDs` keeps that out of the diagrams.)
            // About four distinct texts a record: its title and three URLs (generated corpora).
            let linked = LinkedTexts(expectedEntries: 4 * files.count)
            outcomes = ParallelMap.map(Array(files.indices), jobs: jobs, state: { LoadingScratch(linked: linked) }) { scratch, index in
                var outcome = loadFile(files[index], scratch: scratch)
                if outcome.records.count == 1 {
                    places.put(outcome.records.removeLast(), at: index)
                    // The emptied array still holds its room for one record: let it go now. Kept in
                    // `outcomes` until the end of the load, a million of them held 320 MB, freed only
                    // then, leaving that much in holes between the records' strings.
                    outcome.records = []
                    outcome.isPlaced = true
                }
                progress?.finishOne()
                return outcome
            }
            linked.removeAll(jobs: jobs)
            // Close the gaps of the files that gave no record (or several), keeping file order.
            placed = 0
            for index in outcomes.indices where outcomes[index].isPlaced {
                if placed != index { (buffer.baseAddress! + placed).moveInitialize(from: buffer.baseAddress! + index, count: 1) }
                placed += 1
            }
        }
        if outcomes.contains(where: { !$0.records.isEmpty }) {
            // A file gave several records (a JSON list): they go between the placed ones, in file order.
            var merged: [Record] = []
            merged.reserveCapacity(records.count + outcomes.reduce(0) { $0 + $1.records.count })
            var placedRecords = records.makeIterator()
            for outcome in outcomes {
                if outcome.isPlaced { merged.append(placedRecords.next()!) } else { merged += outcome.records }
            }
            records = merged
        }
        var corpus = LoadedCorpus(records: records, files: files)
        for outcome in outcomes {
            corpus.problems += outcome.problems
            corpus.statistics.bytes += outcome.bytes
            corpus.statistics.readSeconds += outcome.readSeconds
            corpus.statistics.parseSeconds += outcome.parseSeconds
        }
        return corpus
    }

    /// The corpus' array while the loading threads fill it: each index is
    /// written once, by the one thread that loads that file.
    private final class RecordPlaces: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Record>
        init(_ buffer: UnsafeMutableBufferPointer<Record>) { self.buffer = buffer }
        func put(_ record: Record, at index: Int) { (buffer.baseAddress! + index).initialize(to: record) }
    }

    struct FileOutcome: Sendable {
        /// The file's records, unless there is one and it was placed in the corpus' array.
        var records: [Record] = []
        var isPlaced = false
        var problems: [FileProblem] = []
        var bytes = 0
        var readSeconds = 0.0
        var parseSeconds = 0.0
    }

    func loadFile(_ path: String, scratch: LoadingScratch = LoadingScratch()) -> FileOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try RecordFiles.read(path, into: &scratch.fileBytes)
        } catch {
            var outcome = FileOutcome()
            outcome.problems.append(FileProblem(kind: .unreadable, file: path, line: 1, message: error.message))
            return outcome
        }
        let read = DispatchTime.now().uptimeNanoseconds
        var outcome = decodeFile(path, scratch.fileBytes, scratch: scratch)
        outcome.bytes = scratch.fileBytes.count
        outcome.readSeconds = Double(read - started) / 1e9
        outcome.parseSeconds = Double(DispatchTime.now().uptimeNanoseconds - read) / 1e9
        return outcome
    }

    /// The records in one file's bytes, and its problems.
    func decodeFile(_ path: String, _ bytes: [UInt8], scratch: LoadingScratch? = nil) -> FileOutcome {
        var outcome = FileOutcome()
        func unreadable(_ error: RecordError) {
            outcome.problems.append(FileProblem(kind: .unreadable, file: path, line: error.line, message: error.message))
        }
        do {
            switch RecordFiles.lowercasedExtension(path) {
            case "json":
                let text = try RecordFiles.text(bytes)
                for result in try decoder.decode(text, file: path, firstLine: 1, allowList: true) {
                    switch result {
                    case .success(let record): outcome.records.append(record)
                    case .failure(let error): unreadable(error)
                    }
                }
            case "jsonl":
                let text = try RecordFiles.text(bytes)
                // "\r\n" is one Swift Character, so CRLF lines are split on it too.
                let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
                for (index, line) in lines.enumerated()
                where !line.allSatisfy(\.isWhitespace) {
                    do {
                        outcome.records.append(try decoder.decodeRecord(String(line), file: path, firstLine: index + 1))
                    } catch {
                        unreadable(error)
                    }
                }
            default:
                // The bytes are checked once and read in place: no `String` of the file is made.
                let decoded = bytes.withUnsafeBufferPointer { file in
                    Result { () throws(RecordError) -> Record? in
                        let text = try RecordFiles.utf8Body(file)
                        guard let yaml = try FrontMatter.yamlRange(in: text) else { return nil }
                        var record = try decodeFrontMatter(UnsafeBufferPointer(rebasing: text[yaml]), file: path, scratch: scratch)
                        // Where the fences read differently line by line, `check` reads the file itself.
                        if record.relatedIndent != nil,
                           !FrontMatter.hasLineFences(file, bodyStart: file.count - text.count, yamlEnd: yaml.upperBound) {
                            record.relatedIndent = nil
                        }
                        return record
                    }
                }
                if let record = try decoded.get() {
                    outcome.records.append(record)
                } else {
                    outcome.problems.append(FileProblem(kind: .skipped, file: path, line: 1,
                                                        message: "no front matter: not a record"))
                }
            }
        } catch {
            unreadable(error)
        }
        return outcome
    }

    /// The record of one front-matter block, as UTF-8 bytes. The default
    /// decoder reads them as they are; another one is handed the block's text.
    private func decodeFrontMatter(_ yaml: UnsafeBufferPointer<UInt8>, file: String,
                                   scratch: LoadingScratch?) throws(RecordError) -> Record {
        let firstLine = FrontMatter.yamlFirstLine
        if let decoder = decoder as? FrontMatterDecoder {
            return try decoder.decodeRecord(utf8: yaml, file: file, firstLine: firstLine, scratch: scratch)
        }
        return try decoder.decodeRecord(String(decoding: yaml, as: UTF8.self), file: file, firstLine: firstLine)
    }
}
