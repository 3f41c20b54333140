import StoryGraph

/// `index.html`: one self-contained page over an analysis — the summary
/// figures, the overview diagram, a sortable table of the clusters linking
/// to each cluster's diagram, the stories inside the clusters (when the
/// report has them), and the findings with file:line, source and target. It loads nothing from the network and works from `file://`.
///
/// Every piece of record text goes through `HTMLText.escaped`; the page's
/// only script and style are the constants of `PageAssets`, allowed by hash
/// in a Content-Security-Policy. Long lists are cut (`clusterRows`,
/// `findingRows`) and the page says so, with the totals, pointing to
/// report.json, so that an archive with tens of thousands of findings still
/// gives a page a browser opens at once.
public struct HTMLReport: Sendable {
    /// The pictures beside the page, as paths relative to it.
    public struct Diagrams: Sendable {
        /// The overview (every article, or one box per cluster), nil when none was drawn.
        public var overview: String?
        /// What the overview shows, in a sentence.
        public var overviewNote: String
        /// The diagram of each cluster that has one: cluster id → path (`clusters/3.svg`).
        public var clusters: [Int: String]
        /// Why some clusters have no diagram (e.g. a cap), or nil.
        public var clustersNote: String?

        public init(overview: String? = nil, overviewNote: String = "", clusters: [Int: String] = [:], clustersNote: String? = nil) {
            self.overview = overview
            self.overviewNote = overviewNote
            self.clusters = clusters
            self.clustersNote = clustersNote
        }
    }

    public var clusterRows: Int
    public var findingRows: Int

    public init(clusterRows: Int = 2_000, findingRows: Int = 1_000) {
        self.clusterRows = clusterRows
        self.findingRows = findingRows
    }

    public func render(_ report: Report, diagrams: Diagrams) -> String {
        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(PageAssets.contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>storygraph: \(report.summary.records) articles, \(report.clusters.count) story clusters</title>
        <style>\(PageAssets.style)</style>
        </head>
        <body>

        """
        page += summary(report)
        page += overview(diagrams)
        page += clusters(report, diagrams)
        page += stories(report, diagrams)
        page += findings(report)
        page += "<script>\(PageAssets.script)</script>\n</body>\n</html>\n"
        return page
    }

    private func summary(_ report: Report) -> String {
        let s = report.summary
        var out = "<h1>Story clusters</h1>\n<p class=\"lede\">\(s.records) articles, \(s.links) related links → \(s.edges) edges between articles. "
        out += "Written by <code>storygraph analyze</code>; every figure and finding is in <a href=\"report.json\">report.json</a>.</p>\n"
        let figures: [(String, Int, Bool)] = [
            ("articles", s.records, false), ("edges", s.edges, false), ("mutual pairs", s.mutualPairs, false),
            ("clusters of 2+", report.clusters.count, false), ("largest cluster", s.largestComponent, false),
            ("singletons", s.singletons, false), ("one-way links", s.asymmetric, s.asymmetric > 0),
            ("dangling links", s.dangling, s.dangling > 0), ("malformed links", s.malformed, s.malformed > 0),
            ("duplicate records", s.duplicateRecords, s.duplicateRecords > 0), ("unreadable files", s.unreadable, s.unreadable > 0),
        ]
        out += "<div class=\"figures\">\n"
        for (label, value, bad) in figures {
            out += "<div class=\"figure\(bad ? " bad" : "")\"><strong>\(value)</strong><span>\(label)</span></div>\n"
        }
        return out + "</div>\n"
    }

    private func overview(_ diagrams: Diagrams) -> String {
        guard let path = diagrams.overview else { return "" }
        let file = HTMLText.escaped(path)
        return """
        <h2 id="overview">Overview</h2>
        <p class="note">\(HTMLText.escaped(diagrams.overviewNote)) Open <a href="\(file)">the SVG</a> for tooltips and links.</p>
        <a class="overview" href="\(file)"><img src="\(file)" alt="Overview diagram of the story clusters"></a>

        """
    }

    private func clusters(_ report: Report, _ diagrams: Diagrams) -> String {
        var out = "<h2 id=\"clusters\">Clusters</h2>\n<p class=\"note\">Every cluster of two or more articles, largest first. Click a column to sort."
        if report.clusters.count > clusterRows {
            out += " The \(clusterRows) largest of \(report.clusters.count) are listed; report.json has them all."
        }
        if let note = diagrams.clustersNote { out += " " + HTMLText.escaped(note) }
        out += "</p>\n<table class=\"sortable\" id=\"cluster-table\">\n<thead><tr><th class=\"n\">#</th><th>Story</th><th class=\"n\">Articles</th>"
        out += "<th>Dates</th><th>Providers</th><th>Topics</th><th class=\"n\">Mutual</th><th class=\"n\">One-way</th><th class=\"n\">Dangling</th><th>Diagram</th></tr></thead>\n<tbody>\n"
        // A cluster is named by its largest story's label, when stories were found,
        // else by its first member's title.
        var storyLabels: [Int: (size: Int, label: String)] = [:]
        for story in report.stories ?? [] where story.size > (storyLabels[story.cluster]?.size ?? 0) {
            storyLabels[story.cluster] = (story.size, story.label)
        }
        for cluster in report.clusters.prefix(clusterRows) {
            let title = storyLabels[cluster.id]?.label
                ?? cluster.members.lazy.compactMap(\.title).first ?? cluster.members.first?.file ?? ""
            out += "<tr><td class=\"n\">\(cluster.id)</td><td>\(HTMLText.escaped(HTMLText.shortened(title, to: 140)))</td>"
            out += "<td class=\"n\">\(cluster.size)</td>" + dateCell(cluster.dateSpan)
            out += "<td>\(tallies(cluster.providers))</td><td>\(tallies(cluster.topics))</td>"
            out += "<td class=\"n\">\(cluster.mutualPairs)</td><td class=\"n\">\(cluster.asymmetric)</td><td class=\"n\">\(cluster.dangling)</td>"
            if let path = diagrams.clusters[cluster.id] {
                out += "<td><a href=\"\(HTMLText.escaped(path))\">diagram</a></td></tr>\n"
            } else {
                out += "<td></td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The stories table: one row per story of two or more articles, linking to its cluster's diagram.
    private func stories(_ report: Report, _ diagrams: Diagrams) -> String {
        guard let stories = report.stories else { return "" }
        var out = "<h2 id=\"stories\">Stories</h2>\n<p class=\"note\">\(stories.count) stor\(stories.count == 1 ? "y" : "ies") of two or more articles"
        out += " inside the clusters, found by community detection over the related links (README, \"Stories\"). Click a column to sort."
        if stories.count > clusterRows {
            out += " The first \(clusterRows) of \(stories.count) are listed; report.json has them all."
        }
        out += "</p>\n"
        guard !stories.isEmpty else { return out }
        out += "<table class=\"sortable\" id=\"story-table\">\n<thead><tr><th class=\"n\">#</th><th>Label</th><th class=\"n\">Articles</th>"
        out += "<th>Dates</th><th>Providers</th><th class=\"n\">Cluster</th></tr></thead>\n<tbody>\n"
        for story in stories.prefix(clusterRows) {
            out += "<tr><td class=\"n\">\(story.id)</td><td>\(HTMLText.escaped(HTMLText.shortened(story.label, to: 140)))</td>"
            out += "<td class=\"n\">\(story.size)</td>" + dateCell(story.dateSpan) + "<td>\(tallies(story.providers))</td>"
            if let path = diagrams.clusters[story.cluster] {
                out += "<td class=\"n\"><a href=\"\(HTMLText.escaped(path))\">\(story.cluster)</a></td></tr>\n"
            } else {
                out += "<td class=\"n\">\(story.cluster)</td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A date span as a sortable cell: the days shown, the first timestamp to sort by.
    private func dateCell(_ span: ClusterReport.DateSpan?) -> String {
        let dates = span.map { span -> (String, String) in
            let (first, last) = (String(span.first.prefix(10)), String(span.last.prefix(10)))
            return (first == last ? first : first + " – " + last, span.first)
        }
        return "<td class=\"dates\" data-sort=\"\(HTMLText.escaped(dates?.1 ?? ""))\">\(HTMLText.escaped(dates?.0 ?? ""))</td>"
    }

    /// The three most common names with their counts, and how many more.
    private func tallies(_ tallies: [ClusterReport.Tally]) -> String {
        var text = tallies.prefix(3).map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
        if tallies.count > 3 { text += ", +\(tallies.count - 3) more" }
        return HTMLText.escaped(text)
    }

    private func findings(_ report: Report) -> String {
        var out = "<h2 id=\"findings\">Findings</h2>\n<p class=\"note\">\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")"
        let counts = Dictionary(report.findings.map { ($0.kind, 1) }, uniquingKeysWith: +)
        let byKind = FindingKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
        if !byKind.isEmpty { out += ": " + byKind.joined(separator: ", ") }
        out += "."
        if report.findings.count > findingRows {
            out += " The first \(findingRows) in file order are listed; all \(report.findings.count) are in <a href=\"report.json\">report.json</a>."
        }
        out += "</p>\n"
        guard !report.findings.isEmpty else { return out }
        out += "<table class=\"sortable\" id=\"finding-table\">\n<thead><tr><th>Kind</th><th>Where</th><th>Source</th><th>Target</th><th>Message</th></tr></thead>\n<tbody>\n"
        for (order, finding) in report.findings.prefix(findingRows).enumerated() {
            out += "<tr><td class=\"kind \(finding.severity.rawValue)\">\(finding.kind.rawValue)</td>"
            out += "<td class=\"url\" data-sort=\"\(String(order + 1_000_000_000))\">\(HTMLText.escaped("\(finding.file):\(finding.line)"))</td>"
            out += "<td class=\"url\">\(link(finding.source))</td><td class=\"url\">\(link(finding.target))</td>"
            out += "<td>\(HTMLText.escaped(HTMLText.shortened(finding.message, to: 300)))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A URL as a link when it is http(s), else as text.
    private func link(_ url: String?) -> String {
        guard let url else { return "" }
        let text = HTMLText.escaped(url)
        guard let href = HTMLText.href(url) else { return text }
        return "<a href=\"\(href)\" rel=\"noopener noreferrer\">\(text)</a>"
    }
}
