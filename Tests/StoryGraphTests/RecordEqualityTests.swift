import XCTest
@testable import StoryGraph

/// `Record ==` compares what a file says, not how it lays it out: the indent
/// of its `related` list (`relatedIndent`, `NotCompared`) is left out, and
/// every other field counts.
final class RecordEqualityTests: XCTestCase {
    private let record = Record(file: "a.md", line: 1, title: "A", excerpt: "E", publishedDateTime: "2025-01-02T03:04:05Z",
                                urls: ArticleURLs(webUrl: "https://a.example/1"), type: "article", category: "news",
                                quality: 1, heat: 2, published: true, provider: Provider(name: "P", domain: "p.example"),
                                topics: ["T"], related: [Stub(line: 3, title: "B")], otherFields: ["k": .scalar("v")])

    func testTheIndentOfTheRelatedListIsLeftOut() {
        var indented = record
        indented.relatedIndent = RelatedIndent(dash: 2, key: 4)
        var other = record
        other.relatedIndent = RelatedIndent(dash: 0, key: 2)
        XCTAssertEqual(indented, record)
        XCTAssertEqual(indented, other)
        // Left out of `==`, still kept.
        XCTAssertEqual(indented.relatedIndent, RelatedIndent(dash: 2, key: 4))
        XCTAssertNil(record.relatedIndent)
    }

    func testEveryOtherFieldCounts() {
        let changes: [(String, (inout Record) -> Void)] = [
            ("file", { $0.file = "b.md" }), ("line", { $0.line = 2 }), ("title", { $0.title = nil }),
            ("excerpt", { $0.excerpt = "F" }), ("publishedDateTime", { $0.publishedDateTime = "2025-01-02" }),
            ("urls", { $0.urls.originalUrl = "https://a.example/1" }), ("type", { $0.type = "video" }),
            ("category", { $0.category = nil }), ("quality", { $0.quality = 3 }), ("heat", { $0.heat = nil }),
            ("published", { $0.published = false }), ("provider", { $0.provider?.domain = nil }),
            ("topics", { $0.topics = [] }), ("related", { $0.related[0].title = "C" }),
            ("otherFields", { $0.otherFields["k"] = .null }),
        ]
        for (field, change) in changes {
            var changed = record
            change(&changed)
            XCTAssertNotEqual(changed, record, field)
        }
    }
}
