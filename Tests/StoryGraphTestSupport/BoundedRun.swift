import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with a time limit and reports its peak memory, for
/// asserting that hostile input cannot make the tool hang or blow up.
///
/// The child is started with `posix_spawn` and reaped with `wait4`, so its own
/// peak resident set size (`ru_maxrss`) is known, not the maximum over every
/// child this test process ever ran. stdout and stderr go to files, so no pipe
/// can fill up and block the child.
public enum BoundedRun {
    public struct Result: Sendable {
        /// The exit status, or nil when the child was killed (by the time limit or a signal).
        public let status: Int32?
        /// The signal that ended the child, if one did (SIGKILL when the time limit ran out).
        public let signal: Int32?
        public let timedOut: Bool
        public let seconds: Double
        /// Peak resident set size of the child, in bytes.
        public let peakBytes: Int
        public let stdout: Data
        public let stderr: String
    }

    /// Runs `executable` in this process's working directory: give it absolute paths.
    public static func run(_ executable: URL, _ arguments: [String], timeout: Double) throws -> Result {
        let scratch = try TemporaryFolder("storygraph-bounded")
        let outPath = scratch.path("stdout"), errPath = scratch.path("stderr")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable.path): \(String(cString: strerror(spawned)))"])
        }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw CocoaError(.executableLoad) }
            if Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let signalled = status & 0x7F
        #if os(Linux)
        let peak = usage.ru_maxrss * 1024   // kilobytes on Linux
        #else
        let peak = usage.ru_maxrss          // bytes on macOS
        #endif
        return Result(
            status: signalled == 0 ? (status >> 8) & 0xFF : nil,
            signal: signalled == 0 ? nil : signalled,
            timedOut: timedOut, seconds: seconds, peakBytes: Int(peak),
            stdout: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
            stderr: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self))
    }
}
