/// The readable summary `storygraph analyze` prints by default.
public enum TextReport {
    /// How many clusters and findings the text lists before it says "and N more".
    public static let listLimit = 10

    public static func render(_ report: Report) -> String {
        let s = report.summary
        let rows: [(String, String)] = [
            ("mutual pairs", "\(s.mutualPairs)"),
            ("asymmetric links", "\(s.asymmetric)"),
            ("dangling refs", "\(s.dangling)"),
            ("self links", "\(s.selfLinks)"),
            ("duplicate links", "\(s.duplicateLinks)"),
            ("malformed links", "\(s.malformed)"),
            ("duplicate records", "\(s.duplicateRecords)"),
            ("stale stubs", "\(s.staleTitles) titles, \(s.staleDates) dates"),
            ("unpublished targets", "\(s.unpublishedTargets)"),
            ("unreadable files", "\(s.unreadable)"),
            ("skipped files", "\(s.skipped)"),
            ("components", "\(s.components) (largest \(s.largestComponent), \(s.singletons) singletons)"),
        ]
        let width = rows.map(\.0.count).max()! + 2
        var out = "storygraph: \(s.records) records, \(s.links) related links → \(s.edges) edges\n"
        for (label, value) in rows {
            out += "  " + label + String(repeating: " ", count: width - label.count) + value + "\n"
        }
        if !report.clusters.isEmpty {
            out += "\nClusters of two or more:\n"
            for cluster in report.clusters.prefix(listLimit) {
                let title = cluster.members.first?.title ?? cluster.members.first?.file ?? ""
                let span = cluster.dateSpan.map { " \(day($0.first))…\(day($0.last))" } ?? ""
                out += "  #\(cluster.id)  \(cluster.size) articles, \(cluster.edges) edges\(span)  \(shortened(title))\n"
            }
            if report.clusters.count > listLimit { out += "  … and \(report.clusters.count - listLimit) more\n" }
        }
        if let stories = report.stories, !stories.isEmpty {
            let clusterCount = Set(stories.map(\.cluster)).count
            out += "\nStories of two or more: \(stories.count) in \(clusterCount) cluster\(clusterCount == 1 ? "" : "s")\n"
            for story in stories.prefix(listLimit) {
                let span = story.dateSpan.map { " \(day($0.first))…\(day($0.last))" } ?? ""
                out += "  #\(story.id)  cluster #\(story.cluster), \(story.size) articles\(span)  \(shortened(story.label))\n"
            }
            if stories.count > listLimit { out += "  … and \(stories.count - listLimit) more\n" }
        }
        let counts = Dictionary(report.findings.map { ($0.kind, 1) }, uniquingKeysWith: +)
        if !counts.isEmpty {
            out += "\nFindings:\n"
            for kind in FindingKind.allCases {
                guard let count = counts[kind] else { continue }
                out += "  \(kind.rawValue) (\(kind.defaultSeverity.rawValue)): \(count)\n"
            }
        }
        return out
    }

    private static func day(_ date: String) -> Substring { date.prefix(10) }

    private static func shortened(_ text: String) -> String {
        text.count > 70 ? String(text.prefix(69)) + "…" : text
    }
}
