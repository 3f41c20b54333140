import Foundation

/// A file written in pieces that appears whole or not at all: the pieces go
/// to a temporary file beside it, renamed into place by `commit()`. A run
/// that fails or is killed before then leaves the old file as it was.
///
/// Not locked: one thread writes at a time, and `send` (which only reads, through
/// a descriptor of its own) runs on one other thread, each on bytes already written.
final class StreamedFile: @unchecked Sendable {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var committed = false
    private var reader: Int32?

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

    /// Sends `range` of the bytes written so far to `descriptor` (stdout) from
    /// the file itself: `sendfile` hands a pipe the file's cached pages, where
    /// writing the bytes again would copy every one through this process a
    /// second time (at a million records the report is 2 GB). Reads and
    /// writes where the kernel cannot send (a terminal, say).
    func send(_ range: Range<Int>, to descriptor: Int32) throws {
        let source = try readingDescriptor()
        var offset = off_t(range.lowerBound)
        var left = range.count
        while left > 0 {
            let sent = sendfile(descriptor, source, &offset, left)
            if sent > 0 { left -= sent; continue }
            if sent < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard sent < 0, errno == EINVAL || errno == ENOSYS else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "stdout"])
            }
            var bytes = [UInt8](repeating: 0, count: left)
            let read = bytes.withUnsafeMutableBytes { pread(source, $0.baseAddress, left, offset) }
            guard read == left else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: bytes)
            return
        }
    }

    /// The temporary file opened once more, for reading (`send`).
    private func readingDescriptor() throws -> Int32 {
        if let reader { return reader }
        let opened = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        reader = opened
        return opened
    }

    func commit() throws {
        if let reader { close(reader); self.reader = nil }
        try handle.close()
        if Self.exchange(temporaryPath, path) {
            // The old file now sits at the temporary path.
            unlink(temporaryPath)
        } else {
            guard rename(temporaryPath, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        committed = true
    }

    /// Swaps two existing paths in one step (`renameat2` with `RENAME_EXCHANGE`);
    /// false when `to` is not a regular file (missing, or a folder `rename` must
    /// refuse) or the system or file system cannot swap.
    ///
    /// Why not `rename` alone: ext4 writes a file's data back to disk before
    /// `rename` puts it over an existing file (`auto_da_alloc`), which took
    /// 0.31 s for a 190 MB report.json in a run that was done in 8. An exchange
    /// swaps the same way, atomically, without that flush. glibc has had
    /// `renameat2` since 2.28, but Swift's Glibc module does not declare it.
    private static func exchange(_ from: String, _ to: String) -> Bool {
        var status = stat()
        guard let renameat2, lstat(to, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */) == 0
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    private static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: RenameAt2.self) }

    deinit {
        if let reader { close(reader) }
        if !committed {
            try? handle.close()
            unlink(temporaryPath)
        }
    }
}
