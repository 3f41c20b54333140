import Foundation
import StoryGraph

/// A progress bar on stderr while records load: shown only when loading has
/// taken more than a second and stderr is a terminal, so logs and pipes stay quiet.
final class ProgressBar: @unchecked Sendable {
    private let progress: LoadProgress
    /// Made only on a terminal: a timer source must be resumed before it is released.
    private var timer: DispatchSourceTimer?
    private let lock = NSLock()
    private var shown = false
    private var stopped = false

    init(_ progress: LoadProgress) {
        self.progress = progress
    }

    func start() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "storygraph.progress"))
        timer.schedule(deadline: .now() + 1, repeating: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.draw() }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            timer?.cancel()
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    private func draw() {
        lock.withLock {
            guard !stopped else { return }
            let (finished, total) = progress.counts
            guard total > 0 else { return }
            let width = 30
            let filled = width * finished / total
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            let line = "\rloading [\(bar)] \(finished)/\(total) files (\(100 * finished / total)%)"
            FileHandle.standardError.write(Data(line.utf8))
            shown = true
        }
    }
}
