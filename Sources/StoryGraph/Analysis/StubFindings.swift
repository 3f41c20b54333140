/// Dangling references: stubs with at least one valid URL, none of which is an
/// alias of a record. Counted distinct per (source record, the stub's first
/// alias): a second stub of the same record to the same URL is a duplicate
/// link, not a second dangling reference.
public struct DanglingReferences: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.dangling] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.links.compactMap { link in
            guard case .dangling(let alias) = link.resolution else { return nil }
            let title = graph.records[link.ref.record].related[link.ref.stub].title
            return graph.finding(.dangling, at: link.ref, .dangling(alias: alias, title: title))
        }
    }
}

/// Malformed links: stubs with no valid `http(s)` URL with a host (including
/// entries of `related` that are not mappings at all).
public struct MalformedLinks: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.malformed] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.links.compactMap { link in
            guard case .malformed = link.resolution else { return nil }
            let stub = graph.records[link.ref.record].related[link.ref.stub]
            let message = stub.isMapping
                ? "related entry \(link.ref.stub + 1) has no valid http(s) URL"
                : "related entry \(link.ref.stub + 1) is not a mapping with a URL"
            return graph.finding(.malformed, at: link.ref, .text(message))
        }
    }
}

/// Self links: stubs of a record that resolve to the record itself (each
/// such stub once; a repeat is a duplicate link).
public struct SelfLinks: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.selfLink] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.links.compactMap { link in
            guard case .selfLink = link.resolution else { return nil }
            return graph.finding(.selfLink, at: link.ref, target: link.ref.record, .text("related link points at the record itself"))
        }
    }
}

/// Duplicate links: stubs whose target (a record, or the first alias when
/// dangling) the same record already listed in an earlier stub.
public struct DuplicateLinks: AnalysisPass {
    public init() {}
    public var kinds: [FindingKind] { [.duplicateLink] }

    public func findings(in graph: ArticleGraph) -> [Finding] {
        graph.links.compactMap { link in
            guard case .duplicate(let first) = link.resolution else { return nil }
            let firstLine = graph.records[first.record].related[first.stub].line
            return graph.finding(.duplicateLink, at: link.ref, .text("lists the same target again (first at line \(firstLine))"))
        }
    }
}
