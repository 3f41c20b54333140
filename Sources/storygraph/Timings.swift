import Foundation
import StoryGraph

/// Wall-clock seconds per phase of a run, printed on stderr with `--timings`.
///
/// Loading reads and parses files on several threads at once; its wall time
/// is split into read and parse in proportion to the time the threads spent
/// on each.
final class Timings {
    private(set) var phases: [(name: String, seconds: Double, residentMB: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Ends the current phase, naming it.
    func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - last) / 1e9, Self.residentMB()))
        last = now
    }

    /// Ends the loading phase, split into read and parse.
    func lapLoad(_ statistics: LoadStatistics) {
        let now = DispatchTime.now().uptimeNanoseconds
        let wall = Double(now - last) / 1e9
        let threads = statistics.readSeconds + statistics.parseSeconds
        let readShare = threads > 0 ? statistics.readSeconds / threads : 0
        let resident = Self.residentMB()
        phases.append(("read", wall * readShare, resident))
        phases.append(("parse", wall * (1 - readShare), resident))
        last = now
    }

    func report(bytes: Int) -> String {
        let total = phases.reduce(0) { $0 + $1.seconds }
        func name(_ text: String) -> String { text.padding(toLength: 8, withPad: " ", startingAt: 0) }
        var lines = phases.map { String(format: "timing: %@ %8.3f s   resident %7.1f MB", name($0.name), $0.seconds, $0.residentMB) }
        lines.append(String(format: "timing: %@ %8.3f s   %.1f MB of records, %.1f MB/s", name("total"), total,
                            Double(bytes) / 1e6, total > 0 ? Double(bytes) / 1e6 / total : 0))
        lines.append("timing: allocator \(Allocator.description)")
        return lines.joined(separator: "\n")
    }

    /// The process's resident memory now, from /proc (0 where there is none).
    static func residentMB() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    }
}
