import Foundation

/// Writes chunks on a thread of its own, in the order they were handed over,
/// so that the threads encoding a report never wait for the disk or for the
/// reader at the far end of a pipe: at a million records the report is 2 GB,
/// and writing it to its file and to stdout took longer than encoding it.
///
/// At most `maximumPending` chunks wait at a time (a chunk is about a
/// megabyte): `write` blocks when the writer falls that far behind, so memory
/// stays bounded however slow the reader is. The first error stops the
/// writing; `finish()` waits for the rest and throws it.
final class BackgroundWriter: @unchecked Sendable {
    private let sink: ([UInt8]) throws -> Void
    private let queue: DispatchQueue
    private let room: DispatchSemaphore
    private let lock = NSLock()
    private var failure: Error?

    init(label: String, maximumPending: Int = 32, _ sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        queue = DispatchQueue(label: "storygraph.writer.\(label)")
        room = DispatchSemaphore(value: maximumPending)
    }

    /// Hands `chunk` over; throws an error an earlier chunk met.
    func write(_ chunk: [UInt8]) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do { try sink(chunk) } catch { lock.withLock { failure = failure ?? error } }
        }
    }

    /// Waits until every chunk handed over is written; throws the first error.
    func finish() throws {
        queue.sync {}
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
