/// The keys `DidYouMean` indexes records under (normalised titles, URL
/// folders, dateless URLs), as only its dangling stubs want them.
///
/// Every record's keys are tested, and few are wanted: at a million records
/// a `String` made for each key of each record only to be looked up was most
/// of `DidYouMean`'s time. So each key is first worked out as a hash of its
/// bytes (`KeyHash`), and made a `String` only when that hash is one of the
/// wanted keys'. The hash only lets a key through: the `String` is still
/// looked up in `keys`, so a collision costs a look-up, never a wrong answer.
struct WantedKeys: Sendable {
    private(set) var keys: Set<String> = []
    private var hashes: Set<UInt64> = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func insert(_ key: String) {
        keys.insert(key)
        hashes.insert(KeyHash.of(key))
    }

    /// False when no wanted key has this hash: the key is not wanted.
    func mayContain(hash: UInt64) -> Bool { hashes.contains(hash) }

    func contains(_ key: String) -> Bool { keys.contains(key) }
}

/// Where a key's bytes are written as they are worked out: into an array,
/// which becomes the key, or into a `KeyHash`, to test it first. One
/// function writes each kind of key for both, so the two cannot differ.
protocol KeyBytes {
    mutating func add(_ byte: UInt8)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: KeyBytes where Element == UInt8 {
    mutating func add(_ byte: UInt8) { append(byte) }
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// 64-bit FNV-1a over a key's bytes: the test of `WantedKeys`, and the
/// baseline key's fingerprint (`FindingIdentity.fingerprint`).
struct KeyHash: KeyBytes {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }

    static func of(_ key: String) -> UInt64 {
        var hash = KeyHash()
        var key = key
        key.withUTF8 { hash.add($0) }
        return hash.value
    }
}
