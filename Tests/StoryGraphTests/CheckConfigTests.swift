import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraph

/// `.storygraph.yml`, the policy it makes with the command line, and path globs.
final class CheckConfigTests: XCTestCase {
    func testEverySettingIsRead() throws {
        let config = try CheckConfig.parse("""
        fail-on: [dangling, unreadable]
        ignore: stale-date, stale-title
        strict: yes
        severity:
          unpublished-target: error
          self-link: notice
          duplicate-link: off
        paths: ["news/**"]
        exclude:
          - drafts/
          - "*.json"
        baseline: accepted.json
        """, file: "x.yml")
        XCTAssertEqual(config.failOn, [.dangling, .unreadable])
        XCTAssertEqual(config.ignore, [.staleDate, .staleTitle, .duplicateLink])
        XCTAssertEqual(config.strict, true)
        XCTAssertEqual(config.severities, [.unpublishedTarget: .error, .selfLink: .notice])
        XCTAssertEqual(config.paths, ["news/**"])
        XCTAssertEqual(config.exclude, ["drafts/", "*.json"])
        XCTAssertEqual(config.baseline, "accepted.json")
        XCTAssertEqual(try CheckConfig.parse("", file: "x.yml"), CheckConfig())
    }

    func testBadConfigsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("- dangling\n", "x.yml: is not a mapping of settings"),
            ("ignore: [dangling, typo]\n", "x.yml: ignore: unknown rule 'typo' (rules: unreadable, duplicate-record, malformed, dangling, asymmetric, self-link, duplicate-link, stale-title, stale-date, unpublished-target, skipped)"),
            ("strict: sometimes\n", "x.yml: strict: expected true or false"),
            ("severity: [dangling]\n", "x.yml: severity: expected a mapping of rule: level"),
            ("severity:\n  dangling: loud\n", "x.yml: severity: dangling: unknown level 'loud' (levels: error, warning, notice, off)"),
            ("paths: {a: b}\n", "x.yml: paths: expected a list or a comma-separated string"),
            ("failon: [dangling]\n", "x.yml: unknown setting 'failon' (settings: fail-on, ignore, strict, severity, paths, exclude, baseline)"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try CheckConfig.parse(text, file: "x.yml"), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try CheckConfig.parse("fail-on: [\n", file: "x.yml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.yml: YAML does not parse: "), "\(error)")
        }
    }

    func testConfigIsFoundInTheFirstFolderThenTheWorkingDirectory() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("content")
        try folder.write("content/a.md", "---\ntitle: A\n---\n")
        XCTAssertNil(CheckConfig.find(paths: [folder.path("content")], workingDirectory: folder.path))
        try folder.write(".storygraph.yml", "strict: true\n")
        XCTAssertEqual(CheckConfig.find(paths: [folder.path("content")], workingDirectory: folder.path), folder.path(".storygraph.yml"))
        try folder.write("content/.storygraph.yml", "baseline: base.json\n")
        let found = try XCTUnwrap(CheckConfig.find(paths: [folder.path("content")], workingDirectory: folder.path))
        XCTAssertEqual(found, folder.path("content/.storygraph.yml"))
        // A relative baseline is relative to the config file.
        XCTAssertEqual(try CheckConfig.load(found).baseline, folder.path("content/base.json"))
        // A file argument looks in the working directory only.
        XCTAssertEqual(CheckConfig.find(paths: [folder.path("content/a.md")], workingDirectory: folder.path), folder.path(".storygraph.yml"))
    }

    func testPolicyDefaultsStrictFailOnAndIgnore() {
        let errors: Set<FindingKind> = [.unreadable, .duplicateRecord, .malformed, .dangling, .asymmetric]
        let warnings: Set<FindingKind> = [.selfLink, .duplicateLink, .staleTitle, .staleDate, .unpublishedTarget]
        XCTAssertEqual(CheckPolicy().failing, errors)
        XCTAssertEqual(CheckPolicy(strict: true).failing, errors.union(warnings))
        XCTAssertEqual(CheckPolicy(failOn: [.dangling]).failing, [.dangling])
        XCTAssertEqual(CheckPolicy(failOn: [.dangling], strict: true).failing, warnings.union([.dangling]))
        XCTAssertEqual(CheckPolicy(ignore: [.dangling, .selfLink], strict: true).failing, errors.union(warnings).subtracting([.dangling, .selfLink]))

        var config = CheckConfig()
        config.severities = [.unpublishedTarget: .error, .asymmetric: .warning]
        config.ignore = [.staleDate]
        config.failOn = nil
        let policy = CheckPolicy(config: config, ignore: [.staleTitle])
        XCTAssertEqual(policy.failing, errors.subtracting([.asymmetric]).union([.unpublishedTarget]))
        XCTAssertEqual(policy.ignored, [.staleDate, .staleTitle])
        XCTAssertEqual(policy.severity(of: .asymmetric), .warning)
        // The command line's --fail-on replaces the config's.
        config.failOn = [.malformed]
        XCTAssertEqual(CheckPolicy(config: config).failing, [.malformed])
        XCTAssertEqual(CheckPolicy(config: config, failOn: [.dangling]).failing, [.dangling])
        // skipped is a notice: it never fails, not even when strict.
        XCTAssertFalse(CheckPolicy(strict: true).failing.contains(.skipped))
    }

    func testGlobs() {
        let cases: [(String, String, Bool)] = [
            ("*.json", "a.json", true),
            ("*.json", "deep/er/a.json", true),
            ("*.json", "a.jsonl", false),
            ("news/*.md", "news/a.md", true),
            ("news/*.md", "news/sub/a.md", false),
            ("news/**", "news/sub/a.md", true),
            ("news/**/*.md", "news/a.md", true),
            ("news/**/*.md", "news/x/y/a.md", true),
            ("drafts/", "drafts/2024/a.md", true),
            ("drafts/", "news/drafts.md", false),
            ("./news/?.md", "news/a.md", true),
            ("./news/?.md", "news/ab.md", false),
            ("**/0*_*.md", "00000/0000001_565416.md", true),
        ]
        for (pattern, path, expected) in cases {
            XCTAssertEqual(PathGlob(pattern).matches(path), expected, "\(pattern) ~ \(path)")
        }
    }

    func testFilesAreRelativeToTheirRootAndFilteredByGlobs() throws {
        let folder = try TemporaryFolder()
        for name in ["news/a.md", "news/b.json", "drafts/c.md", "d.md"] { try folder.write(name, "---\ntitle: x\n---\n") }
        let files = CheckFiles([folder.path + "/"])
        XCTAssertEqual(try files.discover().map(files.relative), ["d.md", "drafts/c.md", "news/a.md", "news/b.json"])
        XCTAssertEqual(try files.discover(exclude: [PathGlob("drafts/"), PathGlob("*.json")]).map(files.relative), ["d.md", "news/a.md"])
        XCTAssertEqual(try files.discover(include: [PathGlob("news/**")]).map(files.relative), ["news/a.md", "news/b.json"])
        XCTAssertEqual(CheckFiles([folder.path("d.md")]).relative(folder.path("d.md")), "d.md")
    }

    func testArtifactPathsAreRelativeToTheWorkingDirectory() {
        let paths = ArtifactPaths(workingDirectory: "/repo/")
        XCTAssertEqual(paths.relative("/repo/content/a.md"), "content/a.md")
        XCTAssertEqual(paths.relative("./content/a.md"), "content/a.md")
        XCTAssertNil(paths.relative("/elsewhere/a.md"))
        XCTAssertNil(paths.relative("../a.md"))
        XCTAssertEqual(paths.display("/elsewhere/a.md"), "/elsewhere/a.md")
        XCTAssertEqual(paths.absolute("content/a.md"), "/repo/content/a.md")
    }
}
