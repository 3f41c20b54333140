import Foundation

/// Which files a set of path arguments names, in a stable order, and how to read them.
enum RecordFiles {
    /// The files under `paths`, each argument in turn.
    ///
    /// A file argument is taken as it is. A folder is walked the way Python's
    /// `os.walk` with sorted names walks it (the reference script does): a
    /// folder's files first, then its sub-folders, names in code-point order.
    /// Hidden entries (`.git`, `.DS_Store`) are passed over, and symbolic links
    /// to folders are not followed, so a link loop cannot trap the walk.
    /// - Parameter jobs: threads that walk sub-folders at once; the list is the same whatever their number.
    static func discover(_ paths: [String], jobs: Int = 1) throws(LoadError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A link that leads nowhere (dangling, or a loop) is there all the same:
                // it is read and reported as unreadable, not a usage error.
                var status = stat()
                guard lstat(path, &status) == 0 else { throw LoadError(path: path) }
                files.append(path)
                continue
            }
            if isDirectory.boolValue {
                walk(trimmedFolder(path), into: &files, jobs: jobs)
            } else {
                files.append(path)
            }
        }
        return files
    }

    private static func trimmedFolder(_ path: String) -> String {
        var folder = path
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

    private static func walk(_ folder: String, into files: inout [String], jobs: Int = 1) {
        // readdir's d_type gives each entry's type without a stat per file; a
        // folder of a hundred thousand records otherwise spends seconds here.
        var entries: [(name: String, type: EntryType)] = []
        if let directory = opendir(folder) {
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                // The two fields are read where they lie, never the whole `dirent`: an
                // entry is only as long as its name needs (`d_reclen`), and a copy of
                // the full struct read past the end of readdir's buffer, which crashed
                // `check` on a folder of 100,000 records when the buffer ended a page.
                let raw = UnsafeRawPointer(entry)
                let name = String(cString: (raw + Self.nameOffset).assumingMemoryBound(to: CChar.self))
                if name.hasPrefix(".") { continue }
                entries.append((name, EntryType(raw.load(fromByteOffset: Self.typeOffset, as: UInt8.self))))
            }
        }
        // Byte order (code-point order) by `memcmp`: the generic walk of two `utf8`
        // views took a third of the walk's time at a million files.
        entries.sort { $0.name.precedesInCodePointOrder($1.name) }
        var folders: [String] = []
        for (name, listedType) in entries {
            let path = joined(folder, name)
            let type = listedType == .other ? entryType(path) : listedType
            switch type {
            case .folder: folders.append(path)
            case .file where hasRecordExtension(name): files.append(path)
            case .file, .none, .other: break
            }
        }
        guard jobs > 1 && folders.count > 1 else {
            for sub in folders { walk(sub, into: &files, jobs: jobs) }
            return
        }
        // Sub-folders walked on several threads, their lists joined in folder order:
        // an archive of a million records in a thousand folders took a second on one.
        for list in ParallelMap.map(folders, jobs: jobs, { sub in
            var list: [String] = []
            walk(sub, into: &list)
            return list
        }) {
            files += list
        }
    }

    /// `folder/name` in a string of exactly its length: `folder + "/" + name`
    /// grew its first result and kept the spare room (5 MB at 100,000 records,
    /// 50 bytes a path), and every record holds its path to the end of the run.
    private static func joined(_ folder: String, _ name: String) -> String {
        let separator = folder == "/" ? 0 : 1
        let length = folder.utf8.count + separator + name.utf8.count
        return String(unsafeUninitializedCapacity: length) { out in
            // Copied whole from each string's own bytes (a byte at a time, this was a tenth of the walk).
            var count = out.initialize(fromContentsOf: folder.utf8)
            if separator == 1 { out[count] = UInt8(ascii: "/"); count += 1 }
            count += UnsafeMutableBufferPointer(rebasing: out[count...]).initialize(fromContentsOf: name.utf8)
            return count
        }
    }

    /// What a folder entry is, as the walk needs to know it.
    private enum EntryType {
        /// A folder: walked (never a link to one, so a link loop cannot trap the walk).
        case folder
        /// Anything to read: a regular file, a link to a file, a dangling link
        /// (read, and reported as unreadable), a device or a pipe.
        case file
        /// readdir did not say (some file systems never do): ask `entryType`.
        case other
        /// Gone, or a link to a folder: passed over.
        case none

        init(_ direntType: UInt8) {
            switch Int(direntType) {
            case Int(DT_DIR): self = .folder
            case Int(DT_UNKNOWN), Int(DT_LNK): self = .other
            default: self = .file
            }
        }
    }

    /// The entry's type from `lstat` (and `stat` for a link): a link to a
    /// folder is not followed, a link to a file or a dangling link is a file.
    private static func entryType(_ path: String) -> EntryType {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .none }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK:
            var target = stat()
            return stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR ? .none : .file
        default: return .file
        }
    }

    private static func hasRecordExtension(_ name: String) -> Bool {
        RecordLoader.recordExtensions.contains(lowercasedExtension(name))
    }

    /// The lower-cased text after the last `.` of the path's last component
    /// ("" when there is none), as `NSString.pathExtension` gives it, without
    /// bridging to NSString for every file.
    static func lowercasedExtension(_ path: String) -> String {
        // Nearly every extension is a few ASCII letters: lowered byte by byte into
        // a small string, with no `lowercased()` and no allocation (this runs twice a file).
        let fast = path.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var dot = bytes.count
            while dot > 0 && bytes[dot - 1] != UInt8(ascii: ".") && bytes[dot - 1] != UInt8(ascii: "/") { dot -= 1 }
            // No dot in the name, or the name starts with its only dot: no extension.
            guard dot > 0, bytes[dot - 1] == UInt8(ascii: "."), dot >= 2, bytes[dot - 2] != UInt8(ascii: "/") else { return "" }
            let tail = UnsafeBufferPointer(rebasing: bytes[dot...])
            guard tail.count <= 15, tail.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: tail.count) { out in
                for (index, byte) in tail.enumerated() {
                    out[index] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                }
                return tail.count
            }
        }
        if let fast = fast ?? nil { return fast }
        let bytes = path.utf8
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return "" }
        return String(decoding: bytes[bytes.index(after: dot)...], as: UTF8.self).lowercased()
    }

    /// Files larger than this are not read: no record needs it, and reading
    /// one whole would take that much memory (SECURITY.md).
    static let maximumFileBytes = 256 << 20

    /// The file's bytes, read with one `open`, `fstat` and as many `read`s as it takes.
    ///
    /// Only regular files are read (a link is followed to one). A FIFO or a
    /// device is refused without reading: a FIFO named `x.md` would block the
    /// run forever, and `/dev/zero` would fill memory. `O_NONBLOCK` makes the
    /// `open` itself return at once for a FIFO with no writer.
    static func read(_ path: String) throws(RecordError) -> [UInt8] {
        var bytes: [UInt8] = []
        try read(path, into: &bytes)
        return bytes
    }

    /// `read(_:)` into `bytes`, whose old content is dropped and whose room is
    /// reused: a loading thread reads all its files into one buffer.
    static func read(_ path: String, into bytes: inout [UInt8]) throws(RecordError) {
        bytes.removeAll(keepingCapacity: true)
        func failure(_ code: Int32) -> RecordError {
            RecordError(line: 1, message: "cannot be read: \(String(cString: strerror(code)))")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw RecordError(line: 1, message: "is a directory")
        default: throw RecordError(line: 1, message: "is not a regular file (a FIFO, socket or device): not read")
        }
        guard status.st_size <= maximumFileBytes else {
            throw RecordError(line: 1, message: "is larger than \(maximumFileBytes >> 20) MiB: not read")
        }
        var capacity = max(Int(status.st_size), 0) + 1   // +1: a file that grew is noticed and read on
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            var failed: Int32 = 0
            let filled = bytes.withUnsafeMutableBytes { buffer in
                var filled = 0
                while filled < capacity {
                    let got = Foundation.read(descriptor, buffer.baseAddress! + start + filled, capacity - filled)
                    if got < 0 { if errno == EINTR { continue }; failed = errno; break }
                    if got == 0 { break }
                    filled += got
                }
                return filled
            }
            bytes.removeLast(capacity - filled)
            if failed != 0 { throw failure(failed) }
            if filled < capacity { return }
            guard bytes.count <= maximumFileBytes else {
                throw RecordError(line: 1, message: "is larger than \(maximumFileBytes >> 20) MiB: not read")
            }
            capacity = max(capacity, 65_536)
        }
    }

    /// True when `bytes` are UTF-8 (what `String(validating:)` accepts),
    /// checked without making a `String` of them: eight ASCII bytes at a
    /// time, and each longer sequence as the Unicode Standard's table 3-7 of
    /// well-formed sequences allows (no overlong forms, no surrogates, nothing past U+10FFFF).
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        func isContinuation(_ index: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index < count && range.contains(bytes[index])
        }
        while i < count {
            if i + 8 <= count && UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            switch lead {
            case 0x00...0x7F: i += 1
            case 0xC2...0xDF:
                guard isContinuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : (lead == 0xED ? 0x80...0x9F : 0x80...0xBF)
                guard isContinuation(i + 1, second), isContinuation(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : (lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF)
                guard isContinuation(i + 1, second), isContinuation(i + 2), isContinuation(i + 3) else { return false }
                i += 4
            default: return false   // a continuation byte first, C0/C1 (overlong) or F5 and above
            }
        }
        return true
    }

    /// The file's text; a BOM is dropped.
    ///
    /// - Throws: `RecordError` at the line of the first byte that is not UTF-8.
    static func text(_ bytes: [UInt8]) throws(RecordError) -> String {
        let text = bytes.withUnsafeBufferPointer { file in
            Result { () throws(RecordError) in String(decoding: try utf8Body(file), as: UTF8.self) }
        }
        return try text.get()
    }

    /// The file's bytes after a BOM, once they are known to be UTF-8.
    ///
    /// - Throws: `RecordError` at the line of the first byte that is not UTF-8.
    static func utf8Body(_ file: UnsafeBufferPointer<UInt8>) throws(RecordError) -> UnsafeBufferPointer<UInt8> {
        let body = file.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: file[3...]) : file
        guard isUTF8(body) else {
            throw RecordError(line: firstInvalidUTF8Line(body), message: "invalid UTF-8")
        }
        return body
    }

    /// The 1-based line of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return line
            case .error: return line
            }
        }
    }

    /// Lines as YAML counts them (and as editors show them): CRLF, LF, a lone
    /// CR, NEL, LS and PS each end one; in bytes that are not UTF-8, LF and a
    /// lone CR. A finding's line is never past this (the fuzzer and
    /// LoaderPropertyTests hold the loader to it).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return 1 + bytes.indices.reduce(0) { count, i in
                count + (bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) ? 1 : 0)
            }
        }
        var count = 1
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if !previousCR { count += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            previousCR = scalar == "\r"
        }
        return count
    }
}
