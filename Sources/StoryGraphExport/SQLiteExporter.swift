import Foundation
import GRDB
import StoryGraph

/// Writes the graph as an SQLite database (tables in `SQLiteSchema`): one
/// `articles` row per record, one `links` row per stub with how it resolved,
/// every finding, every cluster and story, the summary; indexes and foreign keys.
///
/// The file is built under a temporary name in the destination's folder, in
/// one transaction with foreign keys checked, closed, then renamed into place:
/// a reader sees the old file or the complete new one. Many SQLite clients
/// read text as a C string, which ends at U+0000, so a NUL in record text is
/// written as U+FFFD.
public struct SQLiteExporter: Sendable {
    public init() {}

    public func export(_ model: ExportModel, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            // Foreign keys are checked once, over the whole file, at the end
            // (`foreign_key_check`), not row by row as the rows go in; the
            // indexes are built after the rows, in one pass each; and the page
            // cache holds the file being built (SQLite's default 2 MB had it
            // read back pages it had just written). The rollback journal stays
            // in memory: the file is new, and a failed run deletes it.
            var configuration = Configuration()
            configuration.foreignKeysEnabled = false
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = -524288")   // KiB: up to 512 MiB, used as the file grows
                try db.execute(sql: "PRAGMA journal_mode = MEMORY")
                // No fsync: like every other output, the file is complete when
                // renamed into place, not forced to disk (the report is not either).
                try db.execute(sql: "PRAGMA synchronous = OFF")
            }
            let database = try DatabaseQueue(path: temporary, configuration: configuration)
            try database.write { db in
                for statement in SQLiteSchema.tables { try db.execute(sql: statement) }
                try insert(model, into: db)
                for statement in SQLiteSchema.indexes { try db.execute(sql: statement) }
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

        let summary = try SQLiteRows(db, "INSERT INTO summary (key, value) VALUES (?, ?)")
        for attribute in model.graphAttributes { try summary.insert(.text(attribute.name), .init(attribute.value)) }

        let clusters = try SQLiteRows(db, """
            INSERT INTO clusters (id, size, edges, mutual_pairs, asymmetric, dangling, first_date, last_date, title)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in model.clusters {
            try clusters.insert(.init(c.id), .init(c.size), .init(c.edges), .init(c.mutualPairs), .init(c.asymmetric),
                                .init(c.dangling), text(c.firstDate), text(c.lastDate), text(c.title))
        }

        let stories = try SQLiteRows(db, """
            INSERT INTO stories (id, cluster_id, size, label, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for s in model.stories {
            try stories.insert(.init(s.id), .init(s.cluster), .init(s.size), text(s.label), text(s.firstDate), text(s.lastDate))
        }

        let articles = try SQLiteRows(db, """
            INSERT INTO articles (id, node_id, title, url, file, line, provider, published, date, quality, heat,
                                  cluster_id, story_id, duplicate_of, in_degree, out_degree, dangling_out)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let aliases = try SQLiteRows(db, "INSERT INTO aliases (article_id, position, alias, owned) VALUES (?, ?, ?, ?)")
        let topics = try SQLiteRows(db, "INSERT INTO topics (article_id, position, topic) VALUES (?, ?, ?)")
        for a in model.articles {
            let id = a.record + 1
            try articles.insert(
                .init(id), text(a.id), text(a.title), text(a.url), text(a.file), .init(a.line), text(a.provider),
                .init(a.published), text(a.date), .init(a.quality), .init(a.heat), .init(a.cluster), .init(a.story),
                .init(graph.duplicateOf[a.record].map { $0.owner + 1 }), .init(a.inDegree), .init(a.outDegree),
                .init(a.danglingOut))
            for (position, alias) in a.aliases.enumerated() {
                try aliases.insert(.init(id), .init(position + 1), text(alias), .init(graph.aliases.owner(of: alias) == a.record))
            }
            for (position, topic) in a.topics.enumerated() {
                try topics.insert(.init(id), .init(position + 1), text(topic))
            }
        }

        let links = try SQLiteRows(db, """
            INSERT INTO links (id, source_id, position, resolution, target_id, target_alias, duplicate_of, mutual,
                               title, url, date, file, line, "column")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let linkIndex = Dictionary(graph.links.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, link) in graph.links.enumerated() {
            let record = graph.records[link.ref.record]
            let stub = record.related[link.ref.stub]
            let row = LinkRow(link, in: graph) { graph.links[linkIndex[$0]!].resolution }
            try links.insert(
                .init(index + 1), .init(link.ref.record + 1), .init(link.ref.stub + 1), .text(row.resolution),
                .init(row.target.map { $0 + 1 }), text(row.targetAlias), .init(row.duplicateOf.map { linkIndex[$0]! + 1 }),
                .init(row.mutual), text(stub.title), text(stub.displayURL), text(stub.publishedDateTime),
                text(record.file), .init(stub.line), .init(stub.column))
        }

        let findings = try SQLiteRows(db, """
            INSERT INTO findings (id, kind, severity, file, line, "column", source, target, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, f) in analysis.findings.enumerated() {
            try findings.insert(.init(index + 1), .text(f.kind.rawValue), .text(f.severity.rawValue), text(f.file),
                                .init(f.line), .init(f.column), text(f.source), text(f.target), text(f.message))
        }
    }

    /// Text with each NUL written as U+FFFD: many SQLite clients read text as a C string, which ends at a NUL.
    private func text(_ value: String?) -> SQLiteValue {
        guard var value else { return .null }
        guard value.withUTF8({ $0.firstIndex(of: 0) != nil }) else { return .text(value) }
        return .text(String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 })))
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
