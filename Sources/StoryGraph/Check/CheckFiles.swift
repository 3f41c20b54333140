import Foundation

/// The files a check reads: those under the path arguments that the config's
/// `paths` and `exclude` globs let through, and each file's path relative to
/// the argument it was found under (what globs and baseline keys see).
public struct CheckFiles: Sendable {
    /// Path arguments, folders without a trailing `/`.
    public let roots: [String]

    public init(_ paths: [String]) {
        roots = paths.map { path in
            var folder = path
            while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
            return folder
        }
    }

    /// The record files under the roots, in load order, filtered by the globs.
    /// Without `include` globs every file is included. Folders are walked on up to `jobs` threads.
    public func discover(include: [PathGlob] = [], exclude: [PathGlob] = [], jobs: Int = 1) throws(LoadError) -> [String] {
        let files = try RecordFiles.discover(roots, jobs: jobs)
        guard !include.isEmpty || !exclude.isEmpty else { return files }
        return files.filter { file in
            let path = relative(file)
            return (include.isEmpty || include.contains { $0.matches(path) }) && !exclude.contains { $0.matches(path) }
        }
    }

    /// `file` relative to the first root folder that holds it; a file named
    /// on its own is its file name.
    public func relative(_ file: String) -> String {
        for root in roots {
            if root == file { return (file as NSString).lastPathComponent }
            let prefix = root == "/" ? "/" : root + "/"
            if file.hasPrefix(prefix) { return String(file.dropFirst(prefix.count)) }
        }
        var path = file
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}

/// How SARIF and GitHub name a file: relative to the working directory (the
/// repository checkout in CI) when it lies inside it, else absolute.
public struct ArtifactPaths: Sendable {
    public let workingDirectory: String

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        var folder = workingDirectory
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        self.workingDirectory = folder
    }

    /// The path relative to the working directory, or nil when the file is outside it.
    public func relative(_ file: String) -> String? {
        var path = file
        if !path.hasPrefix("/") {
            while path.hasPrefix("./") { path.removeFirst(2) }
            return path.hasPrefix("../") ? nil : path
        }
        let prefix = workingDirectory == "/" ? "/" : workingDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// Relative when inside the working directory, else the absolute path.
    public func display(_ file: String) -> String {
        relative(file) ?? absolute(file)
    }

    public func absolute(_ file: String) -> String {
        file.hasPrefix("/") ? file : (workingDirectory as NSString).appendingPathComponent(file)
    }
}
