import Foundation
import StoryGraph
import StoryGraphDOT
import StoryGraphRender

/// Writes `clusters/ID.dot` and `clusters/ID.svg` for each cluster of two or
/// more articles, largest first, up to `limit` of them, leaving out clusters
/// of more than `maxSize` articles: a drawing of thousands of articles takes
/// minutes to lay out (16,731 articles: 129 s with sfdp) and shows nobody
/// anything; `render --cluster ID` still draws one on demand.
///
/// Graphviz runs on one serial queue (it is not thread-safe), so the SVGs
/// are laid out one after another; the DOT texts are made on every core
/// beforehand. Files `N.dot`/`N.svg` left in the folder by an earlier run and
/// not written by this one are removed, so no stale story lingers.
struct ClusterDiagrams {
    let options: DiagramOptions
    let limit: Int
    let maxSize: Int
    let jobs: Int

    /// The clusters that get a diagram.
    func drawn(_ index: DiagramIndex) -> [Clustering.Cluster] {
        Array(index.analysis.clustering.clusters.lazy.filter { $0.size > 1 && $0.size <= maxSize }.prefix(limit))
    }

    /// Cluster id → the SVG's path relative to the output folder (`clusters/3.svg`), as `write` makes them.
    func files(_ index: DiagramIndex) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: drawn(index).map { ($0.id, "clusters/\($0.id).svg") })
    }

    /// Writes the diagrams; returns `files(index)`.
    func write(_ index: DiagramIndex, into folder: String) throws -> [Int: String] {
        let stories = drawn(index)
        let sub = folder + "/clusters"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        try removeStaleFiles(in: sub, keeping: Set(stories.map(\.id)))

        var paths: [Int: String] = [:]
        let renderer = GraphvizRenderer()
        // In batches, so that the DOT of thousands of clusters is never held at once.
        for start in stride(from: 0, to: stories.count, by: 256) {
            let batch = stories[start..<min(start + 256, stories.count)].map { cluster in
                (cluster, options.layout(cluster.members, index))
            }
            let encoders = batch.map { options.encoder($0.1, cluster: $0.0.id) }
            let dots = ParallelMap.map(Array(encoders), jobs: jobs) { $0.encode(index) }
            for ((cluster, layout), dot) in zip(batch, dots) {
                try writeAtomically(Data(dot.utf8), to: "\(sub)/\(cluster.id).dot")
                let svg = try renderer.render(dot: dot, layout: layout, format: .svg)
                try writeAtomically(Data(svg), to: "\(sub)/\(cluster.id).svg")
                paths[cluster.id] = "clusters/\(cluster.id).svg"
            }
        }
        return paths
    }

    private func removeStaleFiles(in folder: String, keeping ids: Set<Int>) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let parts = name.split(separator: ".")
            guard parts.count == 2, parts[1] == "svg" || parts[1] == "dot", let id = Int(parts[0]), !ids.contains(id) else { continue }
            try FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

/// What the page says about clusters left without a diagram, if any.
struct DiagramNotes {
    let text: String?

    init(_ clusters: [ClusterReport], drawn: Int, maxDiagrams: Int, maxSize: Int) {
        let tooLarge = clusters.filter { $0.size > maxSize }
        var parts: [String] = []
        if !tooLarge.isEmpty {
            let ids = tooLarge.prefix(5).map { "#\($0.id)" }.joined(separator: ", ") + (tooLarge.count > 5 ? ", …" : "")
            parts.append("\(tooLarge.count) cluster\(tooLarge.count == 1 ? "" : "s") of more than \(maxSize) articles (\(ids)) "
                + "\(tooLarge.count == 1 ? "has" : "have") no diagram (--max-diagram-size); `storygraph render --cluster ID` draws one.")
        }
        if drawn + tooLarge.count < clusters.count {
            let others = tooLarge.isEmpty ? "\(clusters.count)" : "the \(clusters.count - tooLarge.count) other"
            parts.append("The \(drawn) largest of \(others) clusters have a diagram (--max-diagrams).")
        }
        text = parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
