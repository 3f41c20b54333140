import Dispatch

/// Maps over an array on several threads, keeping the input's order, so the
/// result (and everything built from it) is the same whatever the thread count.
public enum ParallelMap {
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        map(inputs, jobs: jobs, state: {}) { _, input in transform(input) }
    }

    /// `map`, with a value each thread makes once (`makeState`) and hands to
    /// every call of `transform` it runs: a cache or a scratch buffer that needs
    /// no lock because no other thread sees it. The result must not depend on
    /// the state, or the output would depend on the thread count.
    public static func map<Input: Sendable, Output: Sendable, State>(
        _ inputs: [Input], jobs: Int, state makeState: @Sendable () -> State,
        _ transform: @Sendable (inout State, Input) -> Output
    ) -> [Output] {
        guard jobs > 1, inputs.count > 1 else {
            var state = makeState()
            return inputs.map { transform(&state, $0) }
        }
        let slots = Slots<Output>(count: inputs.count)
        // Interleaved strides keep the threads' shares even when files differ in size.
        let workers = min(jobs, inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = makeState()
            var index = worker
            while index < inputs.count {
                slots.store(transform(&state, inputs[index]), at: index)
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
