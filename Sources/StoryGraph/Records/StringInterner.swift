import Foundation

/// Hands out one `String` for each text it is asked for again, so that values
/// that repeat across records (a stub's date, a provider, a topic, a type)
/// share one storage instead of each taking its own allocation.
///
/// Interning changes no value, only where equal values live. One interner
/// serves one loading thread (it is not thread-safe), and lives as long as
/// that thread's load: the strings it hands out outlive it in the records.
final class StringInterner: TextSharing {
    /// Texts this short are stored inside the `String` itself: nothing to share.
    static let smallStringBytes = 15
    /// The table stops taking new texts at this many (it still finds the ones
    /// it has), so a corpus whose values never repeat cannot grow it without bound.
    let maximumEntries: Int
    /// A text is looked for in at most this many slots, and is not shared when
    /// none of them holds it or is free: crafted colliding texts cost a bounded
    /// amount each, never a walk through the whole table.
    static let maximumProbes = 16

    /// The unknown fields of the last record that had any (`fields(_:)`).
    private var lastFields: [String: FieldValue] = [:]
    /// The lists handed out by `list(_:)`, up to `maximumLists` of them.
    private var lists: [[String]: [String]] = [:]
    static let maximumLists = 4096
    /// Open addressing, a text's hash beside it so that a probe reads one
    /// place in memory and compares bytes only when the hashes agree.
    private var slots: UnsafeMutableBufferPointer<Slot>
    private var count = 0

    private struct Slot {
        var hash: UInt64 = 0
        var text: String? = nil
    }

    /// - Parameter expectedEntries: how many texts the table should hold
    ///   without growing (it grows past that as needed, up to `maximumEntries`).
    init(maximumEntries: Int = 1 << 16, expectedEntries: Int = 512) {
        self.maximumEntries = maximumEntries
        var capacity = 1024
        while capacity < 2 * min(expectedEntries, maximumEntries) { capacity *= 2 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot())
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// Lets go of every text (the table then finds none); what the strings'
    /// holders keep is theirs. A table of millions costs a release each.
    func removeAll() {
        _ = slots.deinitialize()
        slots.deallocate()
        slots = .allocate(capacity: 1)
        slots.initialize(repeating: Slot())
        count = maximumEntries   // full: takes no new text
    }

    /// `texts`, or the equal list handed out before, which then share one
    /// array. A record's topics are a few values in a few combinations: at a
    /// million generated records, an array each took about 60 MB. The first
    /// `maximumLists` distinct lists are kept; later ones are not shared.
    func list(_ texts: [String]) -> [String] {
        guard !texts.isEmpty else { return texts }
        if let shared = lists[texts] { return shared }
        if lists.count < Self.maximumLists { lists[texts] = texts }
        return texts
    }

    /// The text of `utf8` (valid UTF-8), shared with earlier equal texts.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count > Self.smallStringBytes else { return String(decoding: utf8, as: UTF8.self) }
        return shared(utf8, hash: Self.hash(utf8)) { String(decoding: utf8, as: UTF8.self) }
    }

    /// `string(_:)` for a caller that has hashed `utf8` already (`hash(_:)`), longer than a small string.
    func string(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt64) -> String {
        shared(utf8, hash: hash) { String(decoding: utf8, as: UTF8.self) }
    }

    /// `text`, shared with earlier equal texts (for a value that is already a `String`).
    func string(_ text: String) -> String {
        var bytes = text
        return bytes.withUTF8 { utf8 in
            utf8.count > Self.smallStringBytes ? shared(utf8, hash: Self.hash(utf8)) { text } : text
        }
    }

    /// `fields`, or the equal set of unknown fields the last record had (a key
    /// every record of a corpus holds with the same value), which then share one storage.
    func fields(_ fields: [String: FieldValue]) -> [String: FieldValue] {
        if fields == lastFields { return lastFields }
        lastFields = fields
        return fields
    }

    /// The text of `utf8` from the table, or `make()` (then kept, if there is room).
    private func shared(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt64, _ make: () -> String) -> String {
        // A local copy of the pointer: reading the property again on each probe
        // would be a checked access to the object each time.
        let slots = self.slots
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 1
        while slots[slot].text != nil {
            if slots[slot].hash == hash, Self.equal(slots[slot].text.unsafelyUnwrapped, utf8) { return slots[slot].text.unsafelyUnwrapped }
            guard probes < Self.maximumProbes else { return make() }
            slot = (slot + 1) & mask
            probes += 1
        }
        let text = make()
        guard count < maximumEntries else { return text }
        slots[slot] = Slot(hash: hash, text: text)
        count += 1
        if count * 2 > slots.count { grow() }
        return text
    }

    private func grow() {
        let old = slots
        let capacity = old.count * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot())
        count = 0
        // Every old slot is moved out once (placed, or dropped here), so the old
        // buffer is left holding nothing and is freed without deinitializing.
        for index in old.indices {
            let entry = (old.baseAddress! + index).move()
            guard entry.text != nil else { continue }
            // As for a look-up, a text lies in one of the `maximumProbes` slots from its first, or is dropped (no longer shared).
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            var probes = 1
            while slots[slot].text != nil && probes < Self.maximumProbes {
                slot = (slot + 1) & (capacity - 1)
                probes += 1
            }
            guard slots[slot].text == nil else { continue }
            slots[slot] = entry
            count += 1
        }
        old.deallocate()
    }

    /// Eight bytes at a time, each word multiplied in and the product's high
    /// half folded back (no keyed hash needed: the table's size and probes are bounded).
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(utf8.count) &* multiplier
        func mix(_ word: UInt64) {
            let product = (hash ^ word).multipliedFullWidth(by: multiplier)
            hash = product.high ^ product.low
        }
        let base = UnsafeRawPointer(utf8.baseAddress!)
        var i = 0
        while i + 8 <= utf8.count {
            mix(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < utf8.count {
            var tail: UInt64 = 0
            for k in i..<utf8.count { tail |= UInt64(utf8[k]) << (8 * UInt64(k - i)) }
            mix(tail)
        }
        return hash
    }

    /// The table's texts are native strings, whose bytes are contiguous; read
    /// in place, with no copy of the `String` (a copy retains it, and a title
    /// shared by both loading threads has its count on a contended cache line).
    private static func equal(_ text: borrowing String, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let equal = text.utf8.withContiguousStorageIfAvailable {
            $0.count == utf8.count && memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0
        }
        return equal ?? text.utf8.elementsEqual(utf8)
    }
}

/// Where a document's reader gets the `String` of a text that may have been met before.
protocol TextSharing: AnyObject {
    /// The text of `utf8` (valid UTF-8), shared with earlier equal texts.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String
    /// `text`, shared with earlier equal texts.
    func string(_ text: String) -> String
}

/// The titles and URLs of one load, shared by all its threads: a stub copies
/// the title and the URL of the article it links to, so most stub titles and
/// many stub URLs are those of a record (or of another stub) that any thread
/// may have read, and a record often gives one URL under two keys
/// (`webUrl` and `originalUrl`). Sixty-four tables, each behind its own lock,
/// so that two threads seldom wait for each other.
///
/// Sharing URLs too costs time for memory: at 100k generated records, about
/// 6% more CPU time (5.5-6.0 s against 5.9-6.3 s user, three turns each) for
/// 22 MB less resident after resolving; at a million, 238 MB less after
/// loading (2,305 -> 2,067 MB) and a peak 239 MB lower, for about 3 s more
/// parsing on two threads (15.9 -> 19.1 s, one pair of turns; BENCHMARKS.md).
/// In a profile at a million, that time is in probing the table
/// (`shared`) and in comparing the texts of hits (`memcmp`). (63% of those stubs' URLs are spelt as their targets
/// write them; the others are not.)
final class LinkedTexts: TextSharing, @unchecked Sendable {
    private let shards: [(lock: NSLock, strings: StringInterner)]

    /// - Parameter expectedEntries: how many distinct texts to make room for
    ///   at the start (four a record, say), so that the
    ///   tables seldom grow: growing rehashes every text, under the lock.
    init(expectedEntries: Int = 0) {
        shards = (0..<64).map { _ in
            (NSLock(), StringInterner(maximumEntries: 1 << 18, expectedEntries: expectedEntries / 64))
        }
    }

    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count > StringInterner.smallStringBytes else { return String(decoding: utf8, as: UTF8.self) }
        // The top bits pick the table; each table places texts by the low bits.
        let hash = StringInterner.hash(utf8)
        let shard = shards[Int(truncatingIfNeeded: hash >> 58)]
        return shard.lock.withLock { shard.strings.string(utf8, hash: hash) }
    }

    func string(_ text: String) -> String {
        var bytes = text
        return bytes.withUTF8 { string($0) }
    }

    /// Lets go of the tables' texts on up to `jobs` threads, a shard each at a
    /// time. At a million records they hold about four million strings, and
    /// letting go of them one by one when the load ended took a second on one
    /// thread. The table shares nothing afterwards.
    func removeAll(jobs: Int) {
        _ = ParallelMap.map(Array(shards.indices), jobs: jobs) { index in
            shards[index].lock.withLock { shards[index].strings.removeAll() }
        }
    }
}

/// What one loading thread keeps from one file to the next, so that reading
/// a file allocates nothing but the record itself: the buffer the file is
/// read into, the parser's node array, and the interner of repeated values.
/// One thread's, never shared; it changes no record, only where its values live.
final class LoadingScratch {
    let strings = StringInterner()
    /// The load's titles and URLs, shared with the other threads; none shares nothing.
    let linked: LinkedTexts?
    var fileBytes: [UInt8] = []
    var nodes: [FrontMatterParser.Node] = []

    init(linked: LinkedTexts? = nil) {
        self.linked = linked
    }
}
