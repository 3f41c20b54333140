import StoryGraph
import StoryGraphExport

/// A small corpus with one case of each kind of link.
///
/// Index: record (file)
///   0 Alpha (a.md)   → 1 (mutual), → 2 (one-way), → gone.example/x (dangling),
///                    → www.example.com/b/ again (duplicate), → itself (self), → javascript: (malformed)
///   1 Beta (b.md)    → 0, → gone.example/x (dangling, the second source of that target)
///   2 Gamma (c.md)   no links
///   3 Beta copy (d.md) shares Beta's URL: a duplicate record that owns no alias
///   4 Epsilon (e.md) no URL at all
///   5 Phi (f.md)     → gone.example/y (dangling)
/// Clusters: 1 = {0, 1, 2}; singletons 2 = {4} (no alias sorts first), 3 = {3}, 4 = {5}.
enum ExportFixture {
    static let records = [
        Record(file: "a.md", title: "Alpha", publishedDateTime: "2024-01-01T10:00:00Z",
               urls: ArticleURLs(webUrl: "https://example.com/a", ampWebUrl: "https://example.com/a/amp"),
               quality: 0.5, heat: 2, published: true, provider: Provider(name: "Wire"), topics: ["AI", "Chips"],
               related: [Stub(line: 2, column: 5, urls: ArticleURLs(webUrl: "https://example.com/b")),
                         Stub(line: 3, column: 5, urls: ArticleURLs(webUrl: "https://example.com/c")),
                         Stub(line: 4, column: 5, title: "Missing", publishedDateTime: "2023-12-31",
                              urls: ArticleURLs(webUrl: "https://gone.example/x"), provider: Provider(name: "Gone")),
                         Stub(line: 5, column: 5, urls: ArticleURLs(webUrl: "https://www.example.com/b/")),
                         Stub(line: 6, column: 5, urls: ArticleURLs(webUrl: "https://example.com/a#top")),
                         Stub(line: 7, column: 5, urls: ArticleURLs(webUrl: "javascript:alert(1)"))]),
        Record(file: "b.md", title: "Beta", urls: ArticleURLs(webUrl: "https://example.com/b"),
               related: [Stub(line: 2, column: 3, urls: ArticleURLs(webUrl: "https://example.com/a")),
                         Stub(line: 3, column: 3, title: "Other title", urls: ArticleURLs(webUrl: "http://gone.example/x"))]),
        Record(file: "c.md", title: "Gamma", publishedDateTime: "2024-01-03T00:00:00Z",
               urls: ArticleURLs(webUrl: "https://example.com/c"), published: false),
        Record(file: "d.md", title: "Beta copy", urls: ArticleURLs(webUrl: "https://example.com/b")),
        Record(file: "e.md", title: "Epsilon"),
        Record(file: "f.md", title: "Phi", urls: ArticleURLs(webUrl: "https://example.com/f"),
               related: [Stub(line: 9, column: 3, urls: ArticleURLs(webUrl: "https://gone.example/y"))]),
    ]

    static var analysis: Analysis {
        Analysis(LoadedCorpus(records: records, files: records.map(\.file)))
    }

    static var model: ExportModel { ExportModel(analysis) }
}
