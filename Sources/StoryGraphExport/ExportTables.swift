import Foundation
import StoryGraph

/// The type of an attribute, which each format maps to its own
/// (GraphML `attr.type`, JSON value, SQLite column type).
public enum AttributeType: Sendable {
    case string, int, double, bool
    /// A list of strings: a JSON array; `;`-joined text in GraphML and CSV.
    case list
}

public enum AttributeValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([String])

    /// The value as flat text, for GraphML and CSV: numbers as Swift prints
    /// them (`74.0`), `true`/`false`, a list joined with `;`.
    public var flatText: String {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .list(let items): return items.joined(separator: ";")
        }
    }
}

public struct Column: Sendable, Equatable {
    public let name: String
    public let type: AttributeType
}

/// Rows of attributes under named, typed columns; nil is a missing value
/// (left out of JSON and GraphML, an empty CSV cell, NULL in SQLite).
public struct ExportTable: Sendable {
    public let name: String
    public let columns: [Column]
    public let rows: [[AttributeValue?]]
}

/// The tables every format draws on, with their column names and types
/// in one place so that the formats cannot drift apart.
extension ExportModel {
    /// Articles first, in path order, then dangling targets.
    public var nodeTable: ExportTable {
        let columns: [Column] = [
            Column(name: "id", type: .string), Column(name: "kind", type: .string),
            Column(name: "title", type: .string), Column(name: "url", type: .string),
            Column(name: "aliases", type: .list), Column(name: "file", type: .string),
            Column(name: "line", type: .int), Column(name: "provider", type: .string),
            Column(name: "published", type: .bool), Column(name: "date", type: .string),
            Column(name: "quality", type: .double), Column(name: "heat", type: .double),
            Column(name: "topics", type: .list), Column(name: "cluster", type: .int),
            Column(name: "story", type: .int), Column(name: "in_degree", type: .int), Column(name: "out_degree", type: .int),
            Column(name: "dangling_out", type: .int),
        ]
        let articleRows: [[AttributeValue?]] = articles.map { a in
            [.string(a.id), .string(NodeKind.article.rawValue), a.title.map(AttributeValue.string), a.url.map(AttributeValue.string),
             .list(a.aliases), .string(a.file), .int(a.line), a.provider.map(AttributeValue.string),
             a.published.map(AttributeValue.bool), a.date.map(AttributeValue.string),
             a.quality.map(AttributeValue.double), a.heat.map(AttributeValue.double), .list(a.topics),
             .int(a.cluster), a.story.map(AttributeValue.int), .int(a.inDegree), .int(a.outDegree), .int(a.danglingOut)]
        }
        let danglingRows: [[AttributeValue?]] = danglingTargets.map { d in
            [.string(d.id), .string(NodeKind.dangling.rawValue), d.title.map(AttributeValue.string), d.url.map(AttributeValue.string),
             .list([d.alias]), nil, nil, d.provider.map(AttributeValue.string),
             nil, d.date.map(AttributeValue.string), nil, nil, nil,
             nil, nil, .int(d.inDegree), .int(0), .int(0)]
        }
        return ExportTable(name: "nodes", columns: columns, rows: articleRows + danglingRows)
    }

    /// Every edge, in stub order.
    public var edgeTable: ExportTable {
        let columns: [Column] = [
            Column(name: "source", type: .string), Column(name: "target", type: .string),
            Column(name: "kind", type: .string), Column(name: "mutual", type: .bool),
            Column(name: "file", type: .string), Column(name: "line", type: .int), Column(name: "column", type: .int),
        ]
        let rows: [[AttributeValue?]] = edges.map { e in
            [.string(e.source), .string(e.target), .string(e.kind.rawValue), .bool(e.mutual),
             .string(e.file), .int(e.line), .int(e.column)]
        }
        return ExportTable(name: "edges", columns: columns, rows: rows)
    }

    /// Every cluster, singletons included, by id.
    public var clusterTable: ExportTable {
        let columns: [Column] = [
            Column(name: "id", type: .int), Column(name: "size", type: .int), Column(name: "edges", type: .int),
            Column(name: "mutual_pairs", type: .int), Column(name: "asymmetric", type: .int),
            Column(name: "dangling", type: .int), Column(name: "first_date", type: .string),
            Column(name: "last_date", type: .string), Column(name: "title", type: .string),
        ]
        let rows: [[AttributeValue?]] = clusters.map { c in
            [.int(c.id), .int(c.size), .int(c.edges), .int(c.mutualPairs), .int(c.asymmetric), .int(c.dangling),
             c.firstDate.map(AttributeValue.string), c.lastDate.map(AttributeValue.string), .string(c.title)]
        }
        return ExportTable(name: "clusters", columns: columns, rows: rows)
    }

    /// Every story, by id (no row when stories are off).
    public var storyTable: ExportTable {
        let columns: [Column] = [
            Column(name: "id", type: .int), Column(name: "cluster", type: .int), Column(name: "size", type: .int),
            Column(name: "label", type: .string), Column(name: "first_date", type: .string),
            Column(name: "last_date", type: .string),
        ]
        let rows: [[AttributeValue?]] = stories.map { s in
            [.int(s.id), .int(s.cluster), .int(s.size), .string(s.label),
             s.firstDate.map(AttributeValue.string), s.lastDate.map(AttributeValue.string)]
        }
        return ExportTable(name: "stories", columns: columns, rows: rows)
    }

    /// Every finding, in the report's order.
    public var findingTable: ExportTable {
        let columns: [Column] = [
            Column(name: "kind", type: .string), Column(name: "severity", type: .string),
            Column(name: "file", type: .string), Column(name: "line", type: .int), Column(name: "column", type: .int),
            Column(name: "source", type: .string), Column(name: "target", type: .string),
            Column(name: "message", type: .string),
        ]
        let rows: [[AttributeValue?]] = analysis.findings.map { f in
            [.string(f.kind.rawValue), .string(f.severity.rawValue), .string(f.file), .int(f.line), .int(f.column),
             f.source.map(AttributeValue.string), f.target.map(AttributeValue.string), .string(f.message)]
        }
        return ExportTable(name: "findings", columns: columns, rows: rows)
    }

    /// The summary figures (every key of the report's `summary`), sorted by key.
    public var graphAttributes: [(name: String, value: Int)] {
        // Summary's Codable keys are the report's snake_case names; encoding it keeps them in one place.
        guard let data = try? JSONEncoder().encode(analysis.summary),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int]
        else { return [] }
        return object.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}
