import Foundation

/// A file written in pieces that appears whole or not at all: the pieces go
/// to a temporary file beside it, renamed into place by `commit()`. A run
/// that fails or is killed before then leaves the old file as it was.
final class StreamedFile {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var committed = false

    init(_ path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }

    func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
    }

    func commit() throws {
        try handle.close()
        guard rename(temporaryPath, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        committed = true
    }

    deinit {
        if !committed {
            try? handle.close()
            unlink(temporaryPath)
        }
    }
}
