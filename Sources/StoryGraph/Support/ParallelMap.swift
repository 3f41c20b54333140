import Dispatch

/// Maps over an array on several threads, keeping the input's order, so the
/// result (and everything built from it) is the same whatever the thread count.
public enum ParallelMap {
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        guard jobs > 1, inputs.count > 1 else { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        // Interleaved strides keep the threads' shares even when files differ in size.
        let workers = min(jobs, inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < inputs.count {
                slots.store(transform(inputs[index]), at: index)
                index += workers
            }
        }
        return slots.values()
    }

    /// One slot per input; each index is written by exactly one thread, once.
    /// A raw buffer, not an array: concurrent writes to distinct elements of a
    /// class's array property would trip Swift's exclusivity checks.
    private final class Slots<Value>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Value?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }

        func store(_ value: Value, at index: Int) { buffer[index] = value }

        func values() -> [Value] { buffer.map { $0! } }
    }
}
