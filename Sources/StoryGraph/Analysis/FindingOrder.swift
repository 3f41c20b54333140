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

    /// The findings of every part in report order, moved rather than copied:
    /// a copy retains each finding's strings and freeing the parts releases
    /// them again, millions of scattered memory writes on a large archive.
    /// The parts are left empty, each freed as soon as it is moved out, so
    /// that the findings are held at most twice over at any time.
    func merged(_ parts: inout [[Finding]]) -> [Finding] {
        let total = parts.reduce(0) { $0 + $1.count }
        // Every finding moved once into one buffer (the parts' order), then once
        // more into its place; the buffer is freed holding nothing.
        let all = UnsafeMutableBufferPointer<Finding>.allocate(capacity: total)
        defer { all.deallocate() }
        let empty = Finding(kind: .skipped, file: "", line: 0, message: "")
        var runs: [Range<Int>] = []
        var start = 0
        for index in parts.indices {
            let count = parts[index].count
            parts[index].withUnsafeMutableBufferPointer { part in
                guard let source = part.baseAddress else { return }
                (all.baseAddress! + start).moveInitialize(from: source, count: part.count)
                // What the array frees must own nothing.
                source.initialize(repeating: empty, count: part.count)
            }
            parts[index] = []
            runs.append(start..<start + count)
            start += count
        }
        let keys = self.keys(all)
        // Each run's positions in order (most runs are in order already), then the runs merged.
        let ordered = runs.map { run in inOrder(run, all, keys) }
        var heads = ordered.map { _ in 0 }
        return [Finding](unsafeUninitializedCapacity: total) { output, placed in
            for slot in 0..<total {
                var best = -1
                for run in ordered.indices where heads[run] < ordered[run].count {
                    if best < 0 || precedes(ordered[run][heads[run]], ordered[best][heads[best]], all, keys) { best = run }
                }
                (output.baseAddress! + slot).moveInitialize(from: all.baseAddress! + ordered[best][heads[best]], count: 1)
                heads[best] += 1
            }
            placed = total
        }
    }

    /// Each finding's key. Findings come in runs from one file (a pass walks
    /// records in path order): one look-up per run, not per finding.
    private func keys(_ all: UnsafeMutableBufferPointer<Finding>) -> [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(all.count)
        var lastFile: (name: String, rank: Int)?
        for index in all.indices {
            let file = all[index].file
            let rank: Int
            if let last = lastFile, last.name == file {
                rank = last.rank
            } else {
                rank = fileRank[file] ?? Int(Int32.max)
                lastFile = (file, rank)
            }
            keys.append(Key(file: Int32(clamping: rank), line: Int32(clamping: all[index].line),
                            column: Int32(clamping: all[index].column), kind: Int32(kindRank[all[index].kind]!)))
        }
        return keys
    }

    /// True when the finding at `a` goes before the one at `b`: by key, then
    /// target, then by where it was handed over.
    private func precedes(_ a: Int, _ b: Int, _ all: UnsafeMutableBufferPointer<Finding>, _ keys: [Key]) -> Bool {
        if keys[a] != keys[b] { return keys[a] < keys[b] }
        let (targetA, targetB) = (all[a].target ?? "", all[b].target ?? "")
        return targetA != targetB ? targetA < targetB : a < b
    }

    /// The positions of `run` in report order: the run itself when it is in
    /// order already (checked in one pass), else sorted.
    private func inOrder(_ run: Range<Int>, _ all: UnsafeMutableBufferPointer<Finding>, _ keys: [Key]) -> Positions {
        guard run.dropFirst().contains(where: { precedes($0, $0 - 1, all, keys) }) else { return .inOrder(run) }
        return .sorted(run.sorted { precedes($0, $1, all, keys) })
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
