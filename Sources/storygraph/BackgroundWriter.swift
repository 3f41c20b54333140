import Foundation

/// Runs writes on a thread of its own, in the order they were handed over,
/// so that the threads encoding a report never wait for the disk or for the
/// reader at the far end of a pipe: at a million records the report is 2 GB,
/// and writing it to its file and to stdout took longer than encoding it.
///
/// At most `maximumPending` writes wait at a time (a report chunk is about a
/// megabyte): `perform` blocks when the writer falls that far behind, so
/// memory stays bounded however slow the reader is. The first error stops the
/// writing; `finish()` waits for the rest and throws it.
final class BackgroundWriter: @unchecked Sendable {
    private let queue: DispatchQueue
    private let room: DispatchSemaphore
    private let lock = NSLock()
    private var failure: Error?

    init(label: String, maximumPending: Int = 32) {
        queue = DispatchQueue(label: "storygraph.writer.\(label)")
        room = DispatchSemaphore(value: maximumPending)
    }

    /// Hands `write` over; throws an error an earlier write met.
    func perform(_ write: @escaping @Sendable () throws -> Void) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do { try write() } catch { lock.withLock { failure = failure ?? error } }
        }
    }

    /// Waits until every write handed over is done; throws the first error.
    func finish() throws {
        queue.sync {}
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
