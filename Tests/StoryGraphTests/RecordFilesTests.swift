import XCTest
@testable import StoryGraph

/// Which files a folder gives, in which order, and which extension each has.
final class RecordFilesTests: XCTestCase {
    /// The extension as `NSString.pathExtension` gives it, lower-cased: the
    /// fast path (a few ASCII bytes) and the slow one (anything else) alike.
    func testLowercasedExtensionIsPathExtensionLowerCased() {
        let paths = [
            "a.md", "dir/b.MD", "c.Markdown", "x/y/z.JsonL", "noext", "dir.d/file", ".md", "dir/.hidden", "file.",
            "a..md", "a.b.TXT", "", "/", "dir/", "x.ÄBC", "x.md\u{301}", "name.abcdefghijklmnopqrstuvwxyz", "/root.md",
            "日本.MD", "a/b.c/d.E",
        ]
        for path in paths {
            XCTAssertEqual(RecordFiles.lowercasedExtension(path), (path as NSString).pathExtension.lowercased(), path)
        }
    }

    /// A folder's files first, then its sub-folders, names in code-point
    /// (UTF-8 byte) order: capitals before small letters, `é` after `z`.
    func testWalkOrderIsCodePointOrderFilesBeforeFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["", "/Beta", "/alpha", "/alpha/deep", "/é"] {
            try FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        for file in ["/b.md", "/B.md", "/é.md", "/z.md", "/a.txt", "/skip.png", "/.hidden.md", "/Beta/x.md", "/alpha/y.MD", "/alpha/deep/v.md", "/é/w.json"] {
            _ = FileManager.default.createFile(atPath: root + file, contents: Data("x".utf8))
        }
        for jobs in [1, 2, 3] {
            let relative = try RecordFiles.discover([root + "/"], jobs: jobs).map { String($0.dropFirst(root.count)) }
            XCTAssertEqual(relative, ["/B.md", "/a.txt", "/b.md", "/z.md", "/é.md", "/Beta/x.md", "/alpha/y.MD", "/alpha/deep/v.md", "/é/w.json"], "jobs \(jobs)")
        }
    }
}
