import Foundation

/// Term ids by text, for `TitleTerms`: a new text gets the next id, a stop
/// word id -1; each text keeps the spelling it was first met in.
///
/// Two texts are one term when they are equal as Swift `String`s (canonical
/// equivalence), as they were when the table was a `[String: Int]`: that
/// dictionary is still the authority, and every distinct text is looked up in
/// it once. Texts repeat (a title word is met thousands of times), and an
/// ASCII text equals no other spelling of its bytes, so the ASCII texts also go
/// in an open-addressing table keyed by their bytes, hashed once with
/// `StringInterner.hash`: a repeat costs a hash and a `memcmp`, no `String`.
struct TermTable {
    /// Every text met (stop words first), with its id: the authority on which texts are one.
    private var idOf: [String: Int]
    /// Each term's text, by id.
    private(set) var texts: [String] = []

    /// The ASCII cache: slots of (hash, where the bytes are in `arena`, id).
    private var slots: [Slot]
    private var arena: [UInt8] = []
    private var used = 0
    /// A text is looked for in at most this many slots before the dictionary
    /// answers instead (and the text is not cached): texts crafted to collide
    /// cost a bounded amount each, never a walk through the whole table.
    private static let maximumProbes = 32

    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = 0   // 0: a free slot (no text is empty)
        var id: Int32 = 0
    }

    init(stopWords: Set<String>) {
        idOf = Dictionary(uniqueKeysWithValues: stopWords.map { ($0, -1) })
        slots = [Slot](repeating: Slot(), count: 4096)
        arena.reserveCapacity(1 << 16)
    }

    /// The id of the text `utf8` (valid UTF-8, not empty); `isASCII` says every byte is below 0x80.
    mutating func id(of utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Int {
        guard isASCII, utf8.count < Int(Int32.max) else { return dictionaryID(of: utf8) }
        let hash = StringInterner.hash(utf8)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 1
        while slots[slot].count != 0 {
            if slots[slot].hash == hash && Int(slots[slot].count) == utf8.count && equal(slots[slot], utf8) {
                return Int(slots[slot].id)
            }
            guard probes < Self.maximumProbes else { return dictionaryID(of: utf8) }
            slot = (slot + 1) & mask
            probes += 1
        }
        let id = dictionaryID(of: utf8)
        guard arena.count + utf8.count < Int(Int32.max) else { return id }
        slots[slot] = Slot(hash: hash, start: Int32(arena.count), count: Int32(utf8.count), id: Int32(id))
        arena.append(contentsOf: utf8)
        used += 1
        if used * 2 > slots.count { grow() }
        return id
    }

    /// The id the dictionary gives the text, a new one if it has none.
    private mutating func dictionaryID(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let text = String(decoding: utf8, as: UTF8.self)
        if let known = idOf[text] { return known }
        let id = texts.count
        idOf[text] = id
        texts.append(text)
        return id
    }

    private func equal(_ slot: Slot, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(slot.start), utf8.baseAddress!, utf8.count) == 0 }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        used = 0
        for entry in old where entry.count != 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            var probes = 1
            while slots[slot].count != 0 && probes < Self.maximumProbes {
                slot = (slot + 1) & mask
                probes += 1
            }
            // Too far from its place to be found: dropped from the cache (the dictionary still has it).
            guard slots[slot].count == 0 else { continue }
            slots[slot] = entry
            used += 1
        }
    }
}
