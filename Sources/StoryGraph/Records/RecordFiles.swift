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
    static func discover(_ paths: [String]) throws(LoadError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw LoadError(path: path)
            }
            if isDirectory.boolValue {
                walk(trimmedFolder(path), into: &files)
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

    private static func walk(_ folder: String, into files: inout [String]) {
        // readdir's d_type gives each entry's type without a stat per file; a
        // folder of a hundred thousand records otherwise spends seconds here.
        var entries: [(name: String, type: EntryType)] = []
        if let directory = opendir(folder) {
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                entries.append((name, EntryType(entry.pointee.d_type)))
            }
        }
        entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var folders: [String] = []
        for (name, listedType) in entries {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            let type = listedType == .other ? entryType(path) : listedType
            switch type {
            case .folder: folders.append(path)
            case .file where hasRecordExtension(name): files.append(path)
            case .file, .none, .other: break
            }
        }
        for sub in folders { walk(sub, into: &files) }
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
        let bytes = path.utf8
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return "" }
        return String(decoding: bytes[bytes.index(after: dot)...], as: UTF8.self).lowercased()
    }

    /// The file's bytes, read with one `open`, `fstat` and as many `read`s as it takes.
    static func read(_ path: String) throws(RecordError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RecordError(line: 1, message: "cannot be read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw RecordError(line: 1, message: "cannot be read: \(String(cString: strerror(errno)))") }
        if status.st_mode & S_IFMT == S_IFDIR { throw RecordError(line: 1, message: "is a directory") }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1   // +1: a file that grew is noticed and read on
        while true {
            let start = bytes.count
            var failed: Int32 = 0
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            let count = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                var filled = 0
                while filled < capacity {
                    let got = Foundation.read(descriptor, buffer.baseAddress! + start + filled, capacity - filled)
                    if got < 0 { if errno == EINTR { continue }; failed = errno; return filled }
                    if got == 0 { break }
                    filled += got
                }
                return filled
            }
            bytes.removeLast(capacity - count)
            if failed != 0 { throw RecordError(line: 1, message: "cannot be read: \(String(cString: strerror(failed)))") }
            if count < capacity { return bytes }
            capacity = max(capacity, 65_536)
        }
    }

    /// The file's text; a BOM is dropped.
    ///
    /// - Throws: `RecordError` at the line of the first byte that is not UTF-8.
    static func text(_ bytes: [UInt8]) throws(RecordError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw RecordError(line: firstInvalidUTF8Line(body), message: "invalid UTF-8")
        }
        return text
    }

    /// The 1-based line of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int {
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

}
