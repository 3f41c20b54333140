/// Writes a long run of items as bytes without ever holding them all: the
/// items are encoded a block at a time, the blocks of a batch on up to `jobs`
/// threads, and each block is handed to `write` in item order as soon as its
/// batch is done. The bytes are the same whatever `jobs` is.
///
/// The reports of a large archive (`analyze`'s report.json, every format of
/// `check`) are gigabytes at a million records; built whole, as a `String` or
/// by `JSONEncoder`, they took as much memory again as the analysis.
enum BlockStream {
    /// Items a block holds: big enough that a thread's hand-over costs nothing
    /// beside its work, small enough that a batch of blocks is a few megabytes.
    static let blockSize = 1024

    /// Encodes items `0..<count` in order, `encode(index, &bytes)` appending
    /// item `index`'s bytes, and hands the bytes to `write` a block at a time.
    /// `pending` (bytes the caller wrote before the items) goes out first, and
    /// is left empty for what follows the items.
    static func write(count: Int, jobs: Int, pending: inout [UInt8], bytesPerItem: Int = 512,
                             encode: @Sendable (_ index: Int, _ out: inout [UInt8]) -> Void,
                             _ write: ([UInt8]) throws -> Void) rethrows {
        try self.write(count: count, jobs: jobs, pending: &pending, bytesPerItem: bytesPerItem,
                       state: {}, encode: { _, index, out in encode(index, &out) }, write)
    }

    /// `write`, with a value each thread makes once and hands to every `encode`
    /// it runs (a cache of what neighbouring items share, such as their file).
    /// The bytes must not depend on it, or they would depend on `jobs`.
    static func write<State>(count: Int, jobs: Int, pending: inout [UInt8], bytesPerItem: Int = 512,
                                    state makeState: @Sendable () -> State,
                                    encode: @Sendable (_ state: inout State, _ index: Int, _ out: inout [UInt8]) -> Void,
                                    _ write: ([UInt8]) throws -> Void) rethrows {
        let blocks = stride(from: 0, to: count, by: blockSize).map { $0..<min($0 + blockSize, count) }
        let batchSize = 4 * max(1, jobs)
        for batchStart in stride(from: 0, to: blocks.count, by: batchSize) {
            let batch = Array(blocks[batchStart..<min(batchStart + batchSize, blocks.count)])
            let encoded = ParallelMap.map(batch, jobs: jobs, state: makeState) { state, block -> [UInt8] in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(block.count * bytesPerItem)
                for index in block { encode(&state, index, &bytes) }
                return bytes
            }
            // Each block goes out as it is, not copied into `pending` first.
            for bytes in encoded {
                if !pending.isEmpty { try write(pending); pending.removeAll(keepingCapacity: true) }
                try write(bytes)
            }
        }
    }

    /// Collects what `body` writes into one array (for callers and tests that
    /// want the whole output in memory).
    static func collect(_ body: (([UInt8]) -> Void) throws -> Void) rethrows -> [UInt8] {
        var all: [UInt8] = []
        try body { all.append(contentsOf: $0) }
        return all
    }
}
