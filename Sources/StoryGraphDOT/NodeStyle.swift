import StoryGraph

/// What a node's fill colour shows.
public enum ColorBy: String, CaseIterable, Sendable {
    /// The article's provider (`provider.name`).
    case provider
    /// The article's topic that is most common among the drawn articles.
    case topic
    /// One colour for every article.
    case none
}

/// What a node's size (its font size, so its box) shows.
public enum SizeBy: String, CaseIterable, Sendable {
    /// Related links in and out, dangling ones included: hubs stand out.
    case degree
    /// The record's `heat` (0–100; missing or negative is the smallest).
    case heat
    /// Every article the same size.
    case none
}

/// The colour key of one diagram: the most common names among the drawn
/// articles get a colour each, every other name shares "other".
struct Palette {
    /// ColorBrewer Set3 without its grey (grey marks unpublished articles):
    /// light fills on which dark text stays readable.
    static let colors = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                         "#b3de69", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f"]
    static let other = "#ffffff"
    static let plain = "#f4f6fa"

    /// Named colours, most common name first (ties by name), with how many drawn articles carry it.
    let entries: [(name: String, color: String, count: Int)]
    /// Drawn articles whose name got no colour of its own.
    let otherCount: Int
    private let colorOf: [String: String]

    /// `names[i]` is the name of the i-th drawn article (nil: none).
    init(_ names: [String?]) {
        let counts = Dictionary(names.compactMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        entries = zip(counts, Self.colors).map { (name: $0.key, color: $1, count: $0.value) }
        otherCount = names.count - entries.reduce(0) { $0 + $1.count }
        colorOf = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.color) })
    }

    func color(_ name: String?) -> String {
        name.flatMap { colorOf[$0] } ?? Self.other
    }
}

/// The name each drawn article is coloured by.
enum ColorNames {
    static func names(_ records: [Int], _ graph: ArticleGraph, by colorBy: ColorBy) -> [String?] {
        switch colorBy {
        case .none:
            return records.map { _ in nil }
        case .provider:
            return records.map { graph.records[$0].provider?.name }
        case .topic:
            // An article's colour is its topic shared by the most drawn articles (ties: its first listed).
            let counts = Dictionary(records.flatMap { Set(graph.records[$0].topics) }.map { ($0, 1) }, uniquingKeysWith: +)
            return records.map { index in
                var best: (topic: String, count: Int)?
                for topic in graph.records[index].topics where counts[topic, default: 0] > best?.count ?? 0 {
                    best = (topic, counts[topic, default: 0])
                }
                return best?.topic
            }
        }
    }
}

/// Font sizes by `SizeBy`: 10 points for an ordinary article, up to 18 for a hub or a hot story.
enum NodeSize {
    static func fontSize(_ record: Int, _ graph: ArticleGraph, by sizeBy: SizeBy, danglingOut: [Int]) -> Double? {
        switch sizeBy {
        case .none:
            return nil
        case .degree:
            let degree = graph.successors(of: record).count + graph.predecessors(of: record).count + danglingOut[record]
            return rounded(min(18, 8 + 2 * Double(degree).squareRoot()))
        case .heat:
            let heat = max(0, min(100, graph.records[record].heat ?? 0))
            return rounded(10 + 8 * heat / 100)
        }
    }

    /// To a tenth of a point, so the DOT text does not depend on float printing.
    private static func rounded(_ size: Double) -> Double {
        (size * 10).rounded() / 10
    }
}
