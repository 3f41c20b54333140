import Dispatch
import Synchronization

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
        // Each thread takes the next input not yet taken, so that one costly
        // input (the largest cluster of an archive holds a quarter of its
        // records) keeps one thread busy while the others share the rest; fixed
        // strides left the others idle at the end. Results go to their inputs'
        // slots, so the order, and the output, is the same whoever took which.
        let next = Atomic<Int>(0)
        let workers = min(jobs, inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < inputs.count else { break }
                slots.store(transform(&state, inputs[index]), at: index)
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
