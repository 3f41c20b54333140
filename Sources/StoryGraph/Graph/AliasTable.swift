import Foundation

/// Every record's canonical aliases (SPEC.md, "Identity"), and the record that
/// owns each distinct alias: the first in path order that has it.
///
/// The aliases lie end to end in one byte buffer and are found through an
/// open-addressing table of alias numbers, not held as a `[[String]]` with a
/// `[AliasKey: Int]` owner table: at 100,000 records those took 40 MB in a
/// heap profile (a heap string per alias, an array per record, a dictionary
/// entry per alias). This holds each alias's bytes once, plus 8 bytes of
/// bounds, 5 of owner and ownership and 11 to 21 of slots per alias.
/// Aliases are compared by their UTF-8 bytes, that is code point by code
/// point, as the reference compares them, never by Swift's canonical
/// equivalence.
///
/// As a collection it holds one element per record: its aliases, in alias order.
public struct AliasTable: Sendable, RandomAccessCollection {
    /// The aliases' bytes, record by record, each record's in alias order.
    private let bytes: [UInt8]
    /// Alias number `a` is `bytes[bounds[a]..<bounds[a + 1]]`.
    private let bounds: [Int]
    /// Record `r`'s aliases are numbers `firstAlias[r]..<firstAlias[r + 1]`.
    private let firstAlias: [Int]
    /// The record each alias number belongs to.
    private let recordOfAlias: [Int32]
    /// Whether the record of each alias number owns it (no earlier record has it).
    private let owned: [Bool]
    /// Linear probing: 0 is an empty slot; otherwise the top 32 bits of the
    /// alias's hash, then its owning alias number + 1 in the low 32 bits.
    private let slots: [UInt64]

    /// The number of distinct aliases (each owned by one record).
    public let distinctCount: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { firstAlias.count - 1 }

    /// The aliases of `record`, in alias order.
    public subscript(record: Int) -> [String] {
        aliasNumbers(of: record).map(text(ofAlias:))
    }

    /// The numbers of `record`'s aliases, in alias order.
    public func aliasNumbers(of record: Int) -> Range<Int> {
        firstAlias[record]..<firstAlias[record + 1]
    }

    /// The first of `record`'s aliases (`self[record].first`, without the array).
    public func firstAlias(of record: Int) -> String? {
        let numbers = aliasNumbers(of: record)
        return numbers.isEmpty ? nil : text(ofAlias: numbers.lowerBound)
    }

    /// The aliases that `record` owns, in alias order.
    public func ownedAliases(of record: Int) -> [String] {
        aliasNumbers(of: record).filter { owned[$0] }.map(text(ofAlias:))
    }

    /// Appends the bytes of `record`'s first alias to `out` (`firstAlias(of:)`
    /// without a `String`); false, appending nothing, when it has none.
    func appendFirstAlias(of record: Int, to out: inout [UInt8]) -> Bool {
        let numbers = aliasNumbers(of: record)
        guard let first = numbers.first else { return false }
        // Through a buffer pointer: appending the `ArraySlice` went element by element.
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[bounds[first]..<bounds[first + 1]])) }
        return true
    }

    /// Calls `body` with the bytes of each alias `record` owns, in alias order:
    /// `ownedAliases(of:)` without a `String` for each.
    func forEachOwnedAlias(of record: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            for alias in aliasNumbers(of: record) where owned[alias] {
                body(UnsafeBufferPointer(rebasing: bytes[bounds[alias]..<bounds[alias + 1]]))
            }
        }
    }

    public func text(ofAlias alias: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[bounds[alias]..<bounds[alias + 1]]), as: UTF8.self) }
    }

    /// The record that owns `alias`, or nil when no record has it.
    public func owner(of alias: String) -> Int? {
        var alias = alias
        return alias.withUTF8 { owner(ofBytes: $0) }
    }

    /// The alias number among `records`' aliases that comes first in
    /// code-point order (byte order of UTF-8); nil when they have none.
    func smallestAlias(among records: [Int]) -> Int? {
        var best: Int?
        for record in records {
            for alias in aliasNumbers(of: record) where best.map({ codePointOrder(alias, $0) < 0 }) ?? true {
                best = alias
            }
        }
        return best
    }

    /// Negative, zero or positive as alias `a` comes before, is equal to, or
    /// comes after alias `b` in code-point order.
    func codePointOrder(_ a: Int, _ b: Int) -> Int {
        let (lengthA, lengthB) = (bounds[a + 1] - bounds[a], bounds[b + 1] - bounds[b])
        let common = Swift.min(lengthA, lengthB)
        let order = common == 0 ? 0 : bytes.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + bounds[a], $0.baseAddress! + bounds[b], common)
        }
        return order != 0 ? Int(order) : lengthA - lengthB
    }

    private func owner(ofBytes alias: UnsafeBufferPointer<UInt8>) -> Int? {
        // No alias is empty (a path is at least `/`), and the hash reads a base address.
        guard !alias.isEmpty else { return nil }
        let found = bytes.withUnsafeBufferPointer {
            Self.probe(alias, hash: StringInterner.hash(alias), in: slots, bytes: $0, bounds: bounds).found
        }
        return found.map { Int(recordOfAlias[$0]) }
    }

    /// Where `alias` sits in `slots`, or the empty slot it would take: the
    /// slot, and the number of the alias found there (nil for an empty slot).
    /// Linear probing; a slot's tag (the hash's top 32 bits) is compared
    /// before the bytes, which lie elsewhere in memory.
    private static func probe(_ alias: UnsafeBufferPointer<UInt8>, hash: UInt64, in slots: [UInt64],
                              bytes: UnsafeBufferPointer<UInt8>, bounds: [Int]) -> (slot: Int, found: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let number = Int(entry & 0xFFFF_FFFF) - 1
            if entry >> 32 == hash >> 32, bounds[number + 1] - bounds[number] == alias.count,
               memcmp(bytes.baseAddress! + bounds[number], alias.baseAddress!, alias.count) == 0 {
                return (slot, number)
            }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// The table of `records`' aliases, and each record that shares an alias
    /// with an earlier one: the first such alias and its owner.
    /// - Parameter jobs: threads that canonicalise URLs; the table is the same whatever their number.
    static func build(_ records: [Record], jobs: Int) -> (table: AliasTable, duplicateOf: [Int: (alias: String, owner: Int)]) {
        // Canonicalised in runs, each run's aliases end to end in bytes of its own.
        let runLength = 4096
        let runs = ParallelMap.map(Array(stride(from: 0, to: records.count, by: runLength)), jobs: jobs) { start in
            var run = Run()
            for record in start..<Swift.min(start + runLength, records.count) {
                for alias in URLCanonicalizer.aliases(records[record].urls) {
                    var alias = alias
                    alias.withUTF8 { run.bytes.append(contentsOf: $0); run.hashes.append(StringInterner.hash($0)) }
                    run.bounds.append(run.bytes.count)
                }
                run.counts.append(run.hashes.count)
            }
            return run
        }
        let aliasCount = runs.reduce(0) { $0 + $1.hashes.count }
        var bytes: [UInt8] = [], bounds = [0], firstAlias = [0], hashes: [UInt64] = []
        var recordOfAlias: [Int32] = []
        bytes.reserveCapacity(runs.reduce(0) { $0 + $1.bytes.count })
        bounds.reserveCapacity(aliasCount + 1)
        firstAlias.reserveCapacity(records.count + 1)
        hashes.reserveCapacity(aliasCount)
        recordOfAlias.reserveCapacity(aliasCount)
        for run in runs {
            let (byteBase, aliasBase) = (bytes.count, hashes.count)
            bytes += run.bytes
            bounds += run.bounds.lazy.map { $0 + byteBase }
            hashes += run.hashes
            var previous = 0
            for count in run.counts {
                for _ in previous..<count { recordOfAlias.append(Int32(firstAlias.count - 1)) }
                firstAlias.append(aliasBase + count)
                previous = count
            }
        }

        // Owners in path order: an alias goes to the first record that has it.
        var capacity = 16
        while capacity * 3 < aliasCount * 4 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var owned = [Bool](repeating: false, count: aliasCount)
        var duplicateOf: [Int: (alias: String, owner: Int)] = [:]
        var distinct = 0
        bytes.withUnsafeBufferPointer { stored in
            for alias in 0..<aliasCount {
                let text = UnsafeBufferPointer(rebasing: stored[bounds[alias]..<bounds[alias + 1]])
                let (slot, found) = probe(text, hash: hashes[alias], in: slots, bytes: stored, bounds: bounds)
                let record = Int(recordOfAlias[alias])
                if let found {
                    if duplicateOf[record] == nil {
                        duplicateOf[record] = (String(decoding: text, as: UTF8.self), Int(recordOfAlias[found]))
                    }
                } else {
                    slots[slot] = (hashes[alias] & 0xFFFF_FFFF_0000_0000) | UInt64(alias + 1)
                    owned[alias] = true
                    distinct += 1
                }
            }
        }
        let table = AliasTable(bytes: bytes, bounds: bounds, firstAlias: firstAlias, recordOfAlias: recordOfAlias,
                               owned: owned, slots: slots, distinctCount: distinct)
        return (table, duplicateOf)
    }

    private init(bytes: [UInt8], bounds: [Int], firstAlias: [Int], recordOfAlias: [Int32], owned: [Bool],
                 slots: [UInt64], distinctCount: Int) {
        self.bytes = bytes
        self.bounds = bounds
        self.firstAlias = firstAlias
        self.recordOfAlias = recordOfAlias
        self.owned = owned
        self.slots = slots
        self.distinctCount = distinctCount
    }

    /// One run of records' aliases, as a thread canonicalised them.
    private struct Run: Sendable {
        var bytes: [UInt8] = []
        /// The end of each alias in `bytes`.
        var bounds: [Int] = []
        /// Each alias's `StringInterner.hash` (a fixed hash: the table's layout is the same in every run).
        var hashes: [UInt64] = []
        /// After each record of the run: the number of aliases so far.
        var counts: [Int] = []
    }
}
