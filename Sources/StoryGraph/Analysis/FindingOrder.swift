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
    /// The corpus' files in path order. No table of every file's rank is
    /// made: at a million records it took 50 MB, held while the stories'
    /// communities were found beside it, at the run's peak.
    private let files: [String]

    init(fileOrder files: [String]) {
        self.files = files
    }

    /// True when two files have the same hash (of their bytes): a path named
    /// twice, or, seldom, two whose hashes collide. Sorted hashes take 8 MB at
    /// a million files, where a set of the paths took 50.
    private var filesMayRepeat: Bool {
        var hashes = files.map { file in
            var file = file
            return file.withUTF8 { $0.isEmpty ? 0 : StringInterner.hash($0) }
        }
        hashes.sort()
        return zip(hashes, hashes.dropFirst()).contains { $0 == $1 }
    }

    /// The rank of each of `names` that `files` lists (its first place there).
    private func ranks(of names: Set<String>) -> [String: Int] {
        var rank: [String: Int] = [:]
        rank.reserveCapacity(names.count)
        for (index, file) in files.enumerated() where rank.count < names.count && names.contains(file) && rank[file] == nil {
            rank[file] = index
        }
        return rank
    }

    /// The rank of each record's file. Records come in path order, as the
    /// files do, so one walk through both finds them. Records that are not in
    /// that order (made by a caller, not loaded), or files named twice (a
    /// path given twice: its rank is its first place), are looked up instead.
    private func recordRanks(_ records: [Record]) -> [Int32] {
        func lookedUp() -> [Int32] {
            let rank = ranks(of: Set(records.map(\.file)))
            return records.map { Int32(clamping: rank[$0.file] ?? Int(Int32.max)) }
        }
        guard !filesMayRepeat else { return lookedUp() }
        var found = [Int32](repeating: 0, count: records.count)
        var next = 0
        for record in records.indices {
            var index = next
            while index < files.count && files[index] != records[record].file { index += 1 }
            guard index < files.count else { return lookedUp() }
            found[record] = Int32(clamping: index)
            next = index
        }
        return found
    }

    /// Where a finding goes, short of its target (compared only on a tie).
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
        var whole = FindingList.WholeFindings()
        var entries: [[FindingList.Entry]] = []
        for index in parts.indices {
            entries.append(whole.keep(parts[index]))
            parts[index] = []
        }
        let list = FindingList(entries: [], whole: whole.findings, graph: nil)
        return Array(list.reordered(merged(&entries, in: list)))
    }

    /// For each place in report order, where its entry is in `all` now.
    /// `runs` are the parts in the order they were handed over; findings that
    /// tie go in that order, so the earlier run wins a tie here.
    ///
    /// Keys are worked out when compared, not held for every finding (50 MB
    /// at a million records): a run in order is checked pair by pair, and the
    /// merge keeps only the key of each run's head. A run out of order holds
    /// its own keys while it is sorted.
    private func reportOrder(_ all: UnsafeMutableBufferPointer<FindingList.Entry>, _ runs: [Range<Int>], _ list: FindingList) -> [Int32] {
        let order = Order(all: all, list: list, order: self)
        // Each run's positions in order (most runs are in order already), then the runs merged.
        let ordered = runs.map { run in inOrder(run, order) }
        var heads = ordered.map { _ in 0 }
        var headKeys = ordered.map { $0.count > 0 ? order.key($0[0]) : Key(file: 0, line: 0, column: 0, kind: 0) }
        // `Int32` positions: 12 MB, not 25, for 3.1 million findings (by their size).
        precondition(all.count < Int(Int32.max), "more findings than an Int32 position holds")
        var result: [Int32] = []
        result.reserveCapacity(all.count)
        for _ in 0..<all.count {
            var best = -1
            for run in ordered.indices where heads[run] < ordered[run].count {
                if best < 0 || order.precedes((ordered[run][heads[run]], headKeys[run]), (ordered[best][heads[best]], headKeys[best]),
                                              onTie: false) { best = run }
            }
            result.append(Int32(ordered[best][heads[best]]))
            heads[best] += 1
            if heads[best] < ordered[best].count { headKeys[best] = order.key(ordered[best][heads[best]]) }
        }
        return result
    }

    /// Moves each element to its place: afterwards `all[place]` holds what
    /// `all[source[place]]` held. Each cycle of the permutation is walked once,
    /// with one element out of the buffer at a time; `source` is spent (every
    /// entry walked is set to its own place, which marks it done).
    static func permute<Element, Position: BinaryInteger>(_ all: UnsafeMutableBufferPointer<Element>, source: inout [Position]) {
        guard let base = all.baseAddress else { return }
        for start in source.indices where Int(source[start]) != start {
            let first = (base + start).move()
            var place = start
            while Int(source[place]) != start {
                let next = Int(source[place])
                (base + place).moveInitialize(from: base + next, count: 1)
                source[place] = Position(place)
                place = next
            }
            (base + place).initialize(to: first)
            source[place] = Position(place)
        }
    }

    /// What comparing two positions of `all` reads.
    private struct Order {
        let all: UnsafeMutableBufferPointer<FindingList.Entry>
        let list: FindingList
        /// The ranks of the files of the findings kept whole (a few).
        let fileRank: [String: Int]
        /// The rank of each record's file, for the entries of edges (one look-up a record, not one a finding).
        let recordRank: [Int32]

        init(all: UnsafeMutableBufferPointer<FindingList.Entry>, list: FindingList, order: FindingOrder) {
            self.all = all
            self.list = list
            fileRank = order.ranks(of: Set(all.lazy.filter { list.record(of: $0) == nil }.map { list.place(of: $0).file }))
            recordRank = order.recordRanks(list.records)
        }

        /// The key of the finding at `position`. An edge entry's file is its
        /// record's rank: its path is not read (nor retained and released).
        func key(_ position: Int) -> Key {
            let entry = all[position]
            let kind = Int32(entry.kind.index)
            if let record = list.record(of: entry) {
                let (line, column) = list.stubPlace(of: entry)
                return Key(file: recordRank[record], line: Int32(clamping: line), column: Int32(clamping: column), kind: kind)
            }
            let (file, line, column) = list.place(of: entry)
            return Key(file: Int32(clamping: fileRank[file] ?? Int(Int32.max)), line: Int32(clamping: line),
                       column: Int32(clamping: column), kind: kind)
        }

        /// True when the finding at `a` goes before the one at `b`: by key,
        /// then target; `onTie` when they tie on both.
        func precedes(_ a: (position: Int, key: Key), _ b: (position: Int, key: Key), onTie: Bool) -> Bool {
            if a.key != b.key { return a.key < b.key }
            let (targetA, targetB) = (list.target(of: all[a.position]) ?? "", list.target(of: all[b.position]) ?? "")
            return targetA != targetB ? targetA < targetB : onTie
        }
    }

    /// The positions of `run` in report order: the run itself when it is in
    /// order already (checked in one pass, each key worked out once), else
    /// sorted (with the run's keys held meanwhile).
    private func inOrder(_ run: Range<Int>, _ order: Order) -> Positions {
        guard var previous = run.first.map({ (position: $0, key: order.key($0)) }) else { return .inOrder(run) }
        var isInOrder = true
        for position in run.dropFirst() {
            let current = (position: position, key: order.key(position))
            if order.precedes(current, previous, onTie: false) {
                isInOrder = false
                break
            }
            previous = current
        }
        if isInOrder { return .inOrder(run) }
        let keys = run.map { order.key($0) }
        // Within a run, position is the order of handing over: it breaks ties.
        return .sorted(run.sorted { a, b in
            order.precedes((a, keys[a - run.lowerBound]), (b, keys[b - run.lowerBound]), onTie: a < b)
        })
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
