/// The order findings are reported in: by file (in the corpus' path order;
/// files it does not list last), line, column, kind (in `FindingKind` order),
/// then target URL; findings that tie on all of these keep the order they
/// were handed over in (part by part, each part in its own order).
///
/// Each pass walks the records in path order, so its findings arrive nearly
/// or wholly in report order already. They are merged, not sorted: a part
/// found out of order is sorted first, then one pass over the heads of the
/// parts takes the least each time. At a million records (3.1 million
/// findings) sorting them whole, then moving each to its place, took 3.3 s.
struct FindingOrder {
    private let fileRank: [String: Int]
    private let kindRank: [FindingKind: Int]

    init(fileOrder files: [String]) {
        fileRank = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        kindRank = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })
    }

    /// Where a finding goes, short of its target (compared only on a tie).
    /// 16 bytes, not 32: at 3.1 million findings the keys take 50 MB.
    private struct Key: Comparable {
        var file: Int32, line: Int32, column: Int32, kind: Int32

        static func < (a: Key, b: Key) -> Bool {
            (a.file, a.line, a.column, a.kind) < (b.file, b.line, b.column, b.kind)
        }
    }

    /// The entries of every part, in the report order of the findings they
    /// stand for in `list`. The parts are left empty.
    ///
    /// The entries are held once, not twice: the others are appended to the
    /// part with the most room, and then put in report order inside it by
    /// following the cycles of the order (`permute`).
    func merged(_ parts: inout [[FindingList.Entry]], in list: FindingList) -> [FindingList.Entry] {
        let total = parts.reduce(0) { $0 + $1.count }
        guard let host = parts.indices.max(by: { parts[$0].capacity < parts[$1].capacity }) else { return [] }
        var all = parts[host]
        parts[host] = []
        all.reserveCapacity(total)
        // Where each part lies in `all`, in the parts' order: the host first, the others after it.
        var runs = [Range<Int>](repeating: 0..<0, count: parts.count)
        runs[host] = 0..<all.count
        for index in parts.indices where index != host {
            let start = all.count
            all += parts[index]
            parts[index] = []
            runs[index] = start..<all.count
        }
        all.withUnsafeMutableBufferPointer { all in
            var source = reportOrder(all, runs, list)
            Self.permute(all, source: &source)
        }
        return all
    }

    /// Whole findings merged the same way (the order `merged(_:in:)` gives a
    /// `FindingList` of them); the parts are left empty.
    func merged(_ parts: inout [[Finding]]) -> [Finding] {
        var whole: [Finding] = []
        var entries: [[FindingList.Entry]] = []
        for index in parts.indices {
            entries.append(FindingList.wholeEntries(for: parts[index], after: whole.count))
            whole += parts[index]
            parts[index] = []
        }
        let list = FindingList(entries: [], whole: whole, graph: nil)
        return Array(list.reordered(merged(&entries, in: list)))
    }

    /// For each place in report order, where its entry is in `all` now.
    /// `runs` are the parts in the order they were handed over; findings that
    /// tie go in that order, so the earlier run wins a tie here.
    private func reportOrder(_ all: UnsafeMutableBufferPointer<FindingList.Entry>, _ runs: [Range<Int>], _ list: FindingList) -> [Int] {
        let order = Order(all: all, keys: keys(all, list), list: list)
        // Each run's positions in order (most runs are in order already), then the runs merged.
        let ordered = runs.map { run in inOrder(run, order) }
        var heads = ordered.map { _ in 0 }
        return (0..<all.count).map { _ in
            var best = -1
            for run in ordered.indices where heads[run] < ordered[run].count {
                if best < 0 || order.precedes(ordered[run][heads[run]], ordered[best][heads[best]], onTie: false) { best = run }
            }
            defer { heads[best] += 1 }
            return ordered[best][heads[best]]
        }
    }

    /// Moves each element to its place: afterwards `all[place]` holds what
    /// `all[source[place]]` held. Each cycle of the permutation is walked once,
    /// with one element out of the buffer at a time; `source` is spent (every
    /// entry walked is set to its own place, which marks it done).
    static func permute<Element>(_ all: UnsafeMutableBufferPointer<Element>, source: inout [Int]) {
        guard let base = all.baseAddress else { return }
        for start in source.indices where source[start] != start {
            let first = (base + start).move()
            var place = start
            while source[place] != start {
                let next = source[place]
                (base + place).moveInitialize(from: base + next, count: 1)
                source[place] = place
                place = next
            }
            (base + place).initialize(to: first)
            source[place] = place
        }
    }

    /// Each entry's key. Findings come in runs from one file (a pass walks
    /// records in path order): one look-up per run, not per finding.
    private func keys(_ all: UnsafeMutableBufferPointer<FindingList.Entry>, _ list: FindingList) -> [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(all.count)
        var lastFile: (name: String, rank: Int)?
        for entry in all {
            let (file, line, column) = list.place(of: entry)
            let rank: Int
            if let last = lastFile, last.name == file {
                rank = last.rank
            } else {
                rank = fileRank[file] ?? Int(Int32.max)
                lastFile = (file, rank)
            }
            keys.append(Key(file: Int32(clamping: rank), line: Int32(clamping: line),
                            column: Int32(clamping: column), kind: Int32(kindRank[entry.kind]!)))
        }
        return keys
    }

    /// What comparing two positions of `all` reads.
    private struct Order {
        let all: UnsafeMutableBufferPointer<FindingList.Entry>
        let keys: [Key]
        let list: FindingList

        /// True when the finding at `a` goes before the one at `b`: by key,
        /// then target; `onTie` when they tie on both.
        func precedes(_ a: Int, _ b: Int, onTie: Bool) -> Bool {
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            let (targetA, targetB) = (list.target(of: all[a]) ?? "", list.target(of: all[b]) ?? "")
            return targetA != targetB ? targetA < targetB : onTie
        }
    }

    /// The positions of `run` in report order: the run itself when it is in
    /// order already (checked in one pass), else sorted.
    private func inOrder(_ run: Range<Int>, _ order: Order) -> Positions {
        // Within a run, position is the order of handing over: it breaks ties.
        guard run.dropFirst().contains(where: { order.precedes($0, $0 - 1, onTie: false) }) else { return .inOrder(run) }
        return .sorted(run.sorted { order.precedes($0, $1, onTie: $0 < $1) })
    }

    /// A run's positions in report order: a run already in order is kept as
    /// its range, not spelt out (the stale dates of a million records are 2.2
    /// million findings in order, 18 MB of positions).
    private enum Positions {
        case inOrder(Range<Int>)
        case sorted([Int])

        var count: Int {
            switch self {
            case .inOrder(let range): return range.count
            case .sorted(let positions): return positions.count
            }
        }

        /// The position of the `index`th finding in report order.
        subscript(index: Int) -> Int {
            switch self {
            case .inOrder(let range): return range.lowerBound + index
            case .sorted(let positions): return positions[index]
            }
        }
    }
}
