import Foundation
import XCTest

/// A fresh folder under the system temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init(_ label: String = "StoryGraphTests") throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `text` (UTF-8) to `relative`, creating intermediate folders.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `relative`, creating intermediate folders.
    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path(relative)
        let parent = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Creates the folder `relative` (and its parents).
    @discardableResult
    func makeFolder(_ relative: String) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }
}

/// Paths of the package under test, found from this source file.
enum TestPaths {
    /// The folder holding Package.swift, found by walking up from this file.
    static func packageRoot(file: String = #filePath) -> String? {
        var folder = (file as NSString).deletingLastPathComponent
        while folder != "/" && !folder.isEmpty {
            if FileManager.default.fileExists(atPath: folder + "/Package.swift") { return folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The package root, or a failing skip when it cannot be found.
    static func requirePackageRoot() throws -> String {
        guard let root = packageRoot() else {
            throw XCTSkip("cannot find the folder holding Package.swift above \(#filePath)")
        }
        return root
    }

    /// `<root>/../shared`, or an XCTSkip naming where it was looked for.
    static func requireShared() throws -> String {
        let root = try requirePackageRoot()
        let shared = ((root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: shared, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("the shared folder (SPEC.md, bench/) is not at \(shared); skipping the reference comparison")
        }
        return shared
    }
}
