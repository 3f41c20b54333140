import Foundation
import StoryGraphTestSupport
import XCTest

/// index.html and a cluster diagram in a real browser: headless Chromium
/// (scripts/screenshot.sh) draws them, and the screenshots must not be blank;
/// Chromium's DOM shows that the page's script ran under its own
/// Content-Security-Policy (so the policy's hashes are right).
final class BrowserTests: XCTestCase {
    private func chromium() throws -> URL {
        let path = "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("Chromium is missing: run scripts/install-deps.sh --test (Debian package chromium)")
            throw XCTSkip("no chromium")
        }
        return URL(fileURLWithPath: path)
    }

    /// width, height, distinct colours and inked share of a PNG (Tests/Consumers/png_stats.py, PIL).
    private func stats(_ png: URL) throws -> [String: Any] {
        let result = try CLI.python([CLI.packageRoot.appendingPathComponent("Tests/Consumers/png_stats.py").path, png.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try result.json()
    }

    func testSeedsReportAndClusterDiagramRenderInChromium() throws {
        _ = try chromium()
        let output = try CLI.temporaryFolder(self)
        XCTAssertEqual(try CLI.storygraph(["analyze", "seeds", "--output", output.path]).status, 0)
        let screenshot = CLI.packageRoot.appendingPathComponent("scripts/screenshot.sh")
        for (page, size) in [("index.html", "1280,960"), ("clusters/1.svg", "800,600")] {
            let png = output.appendingPathComponent(page.replacingOccurrences(of: "/", with: "-") + ".png")
            let shot = try Subprocess.run(screenshot, [output.appendingPathComponent(page).path, png.path, size])
            XCTAssertEqual(shot.status, 0, shot.stderr)
            let figures = try stats(png)
            XCTAssertEqual(figures["width"] as? Int, Int(size.split(separator: ",")[0]), page)
            // A blank page has one colour and no ink; text, boxes and fills give hundreds of colours.
            XCTAssertGreaterThan(figures["colours"] as? Int ?? 0, 50, "\(page) looks blank: \(figures)")
            XCTAssertGreaterThan(figures["inked"] as? Double ?? 0, 0.01, "\(page) looks blank: \(figures)")
        }
    }

    func testPageScriptRunsUnderItsPolicy() throws {
        let browser = try chromium()
        let output = try CLI.temporaryFolder(self)
        XCTAssertEqual(try CLI.storygraph(["analyze", "seeds", "--output", output.path]).status, 0)
        let dom = try Subprocess.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                               "file://" + output.appendingPathComponent("index.html").path])
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertTrue(dom.text.contains("<html lang=\"en\" class=\"js\">"), "the script did not run: \(dom.text.prefix(300))")
        XCTAssertTrue(dom.text.contains("<th class=\"n\" tabindex=\"0\">#</th>"), "headers made sortable")
    }
}
