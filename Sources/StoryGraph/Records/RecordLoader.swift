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

    public init(records: [Record] = [], problems: [FileProblem] = [], files: [String] = []) {
        self.records = records
        self.problems = problems
        self.files = files
    }
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

    public init(decoder: any RecordDecoder = FrontMatterDecoder(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.decoder = decoder
        self.jobs = max(1, jobs)
    }

    public func load(_ paths: [String]) throws(LoadError) -> LoadedCorpus {
        let files = try RecordFiles.discover(paths)
        let outcomes = ParallelMap.map(files, jobs: jobs) { loadFile($0) }
        var corpus = LoadedCorpus(files: files)
        for outcome in outcomes {
            corpus.records += outcome.records
            corpus.problems += outcome.problems
        }
        return corpus
    }

    struct FileOutcome: Sendable {
        var records: [Record] = []
        var problems: [FileProblem] = []
    }

    func loadFile(_ path: String) -> FileOutcome {
        var outcome = FileOutcome()
        func unreadable(_ error: RecordError) {
            outcome.problems.append(FileProblem(kind: .unreadable, file: path, line: error.line, message: error.message))
        }
        let bytes: [UInt8]
        do {
            bytes = try RecordFiles.read(path)
        } catch {
            unreadable(RecordError(line: 1, message: "cannot be read: \(error.localizedDescription)"))
            return outcome
        }
        do {
            switch (path as NSString).pathExtension.lowercased() {
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
                switch try FrontMatter.extract(from: bytes) {
                case .none:
                    outcome.problems.append(FileProblem(kind: .skipped, file: path, line: 1,
                                                        message: "no front matter: not a record"))
                case let .yaml(yaml, firstLine):
                    outcome.records.append(try decoder.decodeRecord(yaml, file: path, firstLine: firstLine))
                }
            }
        } catch {
            unreadable(error)
        }
        return outcome
    }
}
