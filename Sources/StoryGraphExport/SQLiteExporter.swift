import Foundation
import GRDB
import StoryGraph

/// Writes the graph as an SQLite database (tables in `SQLiteSchema`): one
/// `articles` row per record, one `links` row per stub with how it resolved,
/// every finding, every cluster, the summary; indexes and foreign keys.
///
/// The file is built under a temporary name in the destination's folder, in
/// one transaction with foreign keys checked, closed, then renamed into place:
/// a reader sees the old file or the complete new one. SQLite text ends at
/// U+0000 as GRDB binds it, so a NUL in record text is written as U+FFFD.
public struct SQLiteExporter: Sendable {
    public init() {}

    public func export(_ model: ExportModel, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            let database = try DatabaseQueue(path: temporary, configuration: configuration)
            try database.write { db in
                for statement in SQLiteSchema.statements { try db.execute(sql: statement) }
                try insert(model, into: db)
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw ExportError("the SQLite export breaks a foreign key (a bug in storygraph)")
                }
            }
            try database.close()
            guard rename(temporary, path) == 0 else {
                throw ExportError("cannot move the SQLite file into place at \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func insert(_ model: ExportModel, into db: Database) throws {
        let analysis = model.analysis, graph = analysis.graph

        let summary = try db.makeStatement(sql: "INSERT INTO summary (key, value) VALUES (?, ?)")
        for attribute in model.graphAttributes { try summary.execute(arguments: [attribute.name, attribute.value]) }

        let clusters = try db.makeStatement(sql: """
            INSERT INTO clusters (id, size, edges, mutual_pairs, asymmetric, dangling, first_date, last_date, title)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in model.clusters {
            try clusters.execute(arguments: [c.id, c.size, c.edges, c.mutualPairs, c.asymmetric, c.dangling,
                                             text(c.firstDate), text(c.lastDate), text(c.title)])
        }

        let articles = try db.makeStatement(sql: """
            INSERT INTO articles (id, node_id, title, url, file, line, provider, published, date, quality, heat,
                                  cluster_id, duplicate_of, in_degree, out_degree, dangling_out)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let aliases = try db.makeStatement(sql: "INSERT INTO aliases (article_id, position, alias, owned) VALUES (?, ?, ?, ?)")
        let topics = try db.makeStatement(sql: "INSERT INTO topics (article_id, position, topic) VALUES (?, ?, ?)")
        for a in model.articles {
            let id = a.record + 1
            try articles.execute(arguments: [
                id, text(a.id), text(a.title), text(a.url), text(a.file), a.line, text(a.provider), a.published,
                text(a.date), a.quality, a.heat, a.cluster, graph.duplicateOf[a.record].map { $0.owner + 1 },
                a.inDegree, a.outDegree, a.danglingOut,
            ])
            for (position, alias) in a.aliases.enumerated() {
                try aliases.execute(arguments: [id, position + 1, text(alias), graph.aliasOwner[AliasKey(alias)] == a.record])
            }
            for (position, topic) in a.topics.enumerated() {
                try topics.execute(arguments: [id, position + 1, text(topic)])
            }
        }

        let links = try db.makeStatement(sql: """
            INSERT INTO links (id, source_id, position, resolution, target_id, target_alias, duplicate_of, mutual,
                               title, url, date, file, line, "column")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let linkIndex = Dictionary(graph.links.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, link) in graph.links.enumerated() {
            let record = graph.records[link.ref.record]
            let stub = record.related[link.ref.stub]
            let row = LinkRow(link, in: graph) { graph.links[linkIndex[$0]!].resolution }
            try links.execute(arguments: [
                index + 1, link.ref.record + 1, link.ref.stub + 1, row.resolution, row.target.map { $0 + 1 },
                text(row.targetAlias), row.duplicateOf.map { linkIndex[$0]! + 1 }, row.mutual,
                text(stub.title), text(stub.urls.display), text(stub.publishedDateTime),
                text(record.file), stub.line, stub.column,
            ])
        }

        let findings = try db.makeStatement(sql: """
            INSERT INTO findings (id, kind, severity, file, line, "column", source, target, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, f) in analysis.findings.enumerated() {
            try findings.execute(arguments: [index + 1, f.kind.rawValue, f.severity.rawValue, text(f.file), f.line, f.column,
                                             text(f.source), text(f.target), text(f.message)])
        }
    }

    /// Text as SQLite gets it whole: GRDB binds a C string, which would end at a NUL.
    private func text(_ value: String?) -> String? {
        guard let value, value.unicodeScalars.contains("\u{0}") else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}

/// One stub as a `links` row: its resolution's name, the record or the
/// dangling URL it names, and for a duplicate the stub it repeats.
struct LinkRow {
    let resolution: String
    /// Record index of the target: for `record` and `self` links, and for a
    /// duplicate whose first stub named a record.
    let target: Int?
    /// The canonical URL of a dangling target (also for a duplicate of a dangling stub).
    let targetAlias: String?
    var duplicateOf: LinkRef?
    /// For a `record` link only.
    var mutual: Bool?

    init(_ link: Link, in graph: ArticleGraph, resolutionOf: (LinkRef) -> Resolution) {
        resolution = Self.name(link.resolution)
        mutual = nil
        duplicateOf = nil
        var named = link.resolution
        switch link.resolution {
        case .record(let other):
            mutual = graph.hasEdge(from: other, to: link.ref.record)
        case .duplicate(let first):
            duplicateOf = first
            // The first stub is a record, self or dangling link, never itself a duplicate.
            named = resolutionOf(first)
        case .selfLink, .dangling, .malformed:
            break
        }
        switch named {
        case .record(let other), .selfLink(let other): (target, targetAlias) = (other, nil)
        case .dangling(let alias): (target, targetAlias) = (nil, alias)
        case .malformed, .duplicate: (target, targetAlias) = (nil, nil)
        }
    }

    /// The `links.resolution` value.
    static func name(_ resolution: Resolution) -> String {
        switch resolution {
        case .record: return "record"
        case .selfLink: return "self"
        case .dangling: return "dangling"
        case .malformed: return "malformed"
        case .duplicate: return "duplicate"
        }
    }
}

public struct ExportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
