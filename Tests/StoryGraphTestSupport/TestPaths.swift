import Foundation
import XCTest

/// Paths of the package under test, found from this source file.
public enum TestPaths {
    /// The folder holding Package.swift, found by walking up from this file.
    public static func packageRoot(file: String = #filePath) -> String? {
        var folder = (file as NSString).deletingLastPathComponent
        while folder != "/" && !folder.isEmpty {
            if FileManager.default.fileExists(atPath: folder + "/Package.swift") { return folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The package root, or a failing skip when it cannot be found.
    public static func requirePackageRoot() throws -> String {
        guard let root = packageRoot() else {
            throw XCTSkip("cannot find the folder holding Package.swift above \(#filePath)")
        }
        return root
    }

    /// `<root>/../shared`, or an XCTSkip naming where it was looked for.
    public static func requireShared() throws -> String {
        let root = try requirePackageRoot()
        let shared = ((root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: shared, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("the shared folder (SPEC.md, bench/) is not at \(shared); skipping the reference comparison")
        }
        return shared
    }
}
