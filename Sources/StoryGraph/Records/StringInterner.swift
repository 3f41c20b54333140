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
    private var slots: [String?]
    private var hashes: [UInt64]
    private var count = 0

    init(maximumEntries: Int = 1 << 16) {
        self.maximumEntries = maximumEntries
        slots = Array(repeating: nil, count: 1024)
        hashes = Array(repeating: 0, count: 1024)
    }

    /// The text of `utf8` (valid UTF-8), shared with earlier equal texts.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        shared(utf8) { String(decoding: utf8, as: UTF8.self) }
    }

    /// `text`, shared with earlier equal texts (for a value that is already a `String`).
    func string(_ text: String) -> String {
        var bytes = text
        return bytes.withUTF8 { shared($0) { text } }
    }

    /// `fields`, or the equal set of unknown fields the last record had (a key
    /// every record of a corpus holds with the same value), which then share one storage.
    func fields(_ fields: [String: FieldValue]) -> [String: FieldValue] {
        if fields == lastFields { return lastFields }
        lastFields = fields
        return fields
    }

    /// The text of `utf8` from the table, or `make()` (then kept, if there is room).
    private func shared(_ utf8: UnsafeBufferPointer<UInt8>, _ make: () -> String) -> String {
        guard utf8.count > Self.smallStringBytes else { return make() }
        let hash = Self.hash(utf8)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 1
        while let candidate = slots[slot] {
            if hashes[slot] == hash && Self.equal(candidate, utf8) { return candidate }
            guard probes < Self.maximumProbes else { return make() }
            slot = (slot + 1) & mask
            probes += 1
        }
        let text = make()
        guard count < maximumEntries else { return text }
        slots[slot] = text
        hashes[slot] = hash
        count += 1
        if count * 2 > slots.count { grow() }
        return text
    }

    private func grow() {
        let (oldSlots, oldHashes) = (slots, hashes)
        let capacity = slots.count * 2
        slots = Array(repeating: nil, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
        count = 0
        for index in oldSlots.indices {
            guard let text = oldSlots[index] else { continue }
            let hash = oldHashes[index]
            // As for a look-up, a text lies in one of the `maximumProbes` slots from its first, or is dropped (no longer shared).
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            var probes = 1
            while slots[slot] != nil && probes < Self.maximumProbes {
                slot = (slot + 1) & (capacity - 1)
                probes += 1
            }
            guard slots[slot] == nil else { continue }
            slots[slot] = text
            hashes[slot] = hash
            count += 1
        }
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

    private static func equal(_ text: String, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { $0.count == utf8.count && memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 }
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
/// the title and URLs of the article it links to, so most stub titles and URLs
/// are those of a record (or of another stub) that any thread may have read.
/// (A generated archive of a million records holds 6.6 million stub URLs,
/// each its own allocation of about 100 bytes when not shared.) Sixty-four
/// tables, each behind its own lock, so that two threads seldom wait for each other.
final class SharedCopies: TextSharing, @unchecked Sendable {
    private let shards: [(lock: NSLock, strings: StringInterner)] =
        (0..<64).map { _ in (NSLock(), StringInterner(maximumEntries: 1 << 18)) }

    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count > StringInterner.smallStringBytes else { return String(decoding: utf8, as: UTF8.self) }
        // The top bits pick the table; each table places texts by the low bits.
        let shard = shards[Int(truncatingIfNeeded: StringInterner.hash(utf8) >> 58)]
        return shard.lock.withLock { shard.strings.string(utf8) }
    }

    func string(_ text: String) -> String {
        var bytes = text
        return bytes.withUTF8 { string($0) }
    }
}

/// What one loading thread keeps from one file to the next, so that reading
/// a file allocates nothing but the record itself: the buffer the file is
/// read into, the parser's node array, and the interner of repeated values.
/// One thread's, never shared; it changes no record, only where its values live.
final class LoadingScratch {
    let strings = StringInterner()
    /// The load's titles and URLs, shared with the other threads; none shares nothing.
    let copied: SharedCopies?
    var fileBytes: [UInt8] = []
    var nodes: [FrontMatterParser.Node] = []

    init(copied: SharedCopies? = nil) {
        self.copied = copied
    }
}
