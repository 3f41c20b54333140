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
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var folders: [String] = []
        for name in names {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            guard let type = fileType(path) else { continue }
            if type == .typeDirectory {
                folders.append(path)
            } else if RecordLoader.recordExtensions.contains((name as NSString).pathExtension.lowercased()) {
                files.append(path)
            }
        }
        for sub in folders { walk(sub, into: &files) }
    }

    /// The entry's type without following a link to a folder; a link to a
    /// file counts as a file (so it is read), a dangling link is read and
    /// reported as unreadable.
    private static func fileType(_ path: String) -> FileAttributeType? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let type = attributes[.type] as? FileAttributeType else { return nil }
        if type == .typeSymbolicLink {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? nil : .typeRegular
        }
        return type
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
