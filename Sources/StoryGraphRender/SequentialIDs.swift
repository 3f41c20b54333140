@preconcurrency import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads DOT the way `agmemread` does, but with cgraph object ids that depend
/// only on the text: the n-th distinct name gets id 2n, anonymous objects
/// (the unnamed root, edges) the odd ids 3, 5, 7, ... of their graph.
///
/// Why: cgraph's default id discipline makes a named object's id the address
/// of its interned name, and keeps subgraphs ordered by id. Layouts walk the
/// subgraphs in that order, so the overview's cluster boxes were placed in an
/// order that depended on where malloc happened to put their names: on what
/// the process had freed before, and with `--jobs 2`, on which thread freed it
/// first. The same records then gave a different graph.svg now and then.
///
/// Only ever used on the Graphviz queue (see `GraphvizRenderer`), one graph at
/// a time: the discipline's state is process-wide, made by `open` and dropped by
/// `close`, which cgraph calls from `agread` and `agclose` of that graph.
enum SequentialIDs {
    /// The graph in `dot`, or nil when it does not parse (cgraph reported why).
    static func read(_ dot: String) -> UnsafeMutablePointer<Agraph_t>? {
        input = Array(dot.utf8)
        inputOffset = 0
        defer { input = [] }
        agreadline(1)   // error messages count lines from the start of this text
        return agread(channel, discipline)
    }

    // MARK: The discipline: cgraph's own memory and output, our ids and input.

    nonisolated(unsafe) private static let discipline: UnsafeMutablePointer<Agdisc_t> = {
        let memory = UnsafeMutablePointer<Agmemdisc_t>.allocate(capacity: 1)
        memory.initialize(to: AgMemDisc)
        let ids = UnsafeMutablePointer<Agiddisc_t>.allocate(capacity: 1)
        ids.initialize(to: Agiddisc_t(
            open: { graph, _ in
                resetNames()
                return UnsafeMutableRawPointer(graph)
            },
            map: { state, _, name, id, create in
                guard let id else { return 0 }
                guard let name else {
                    id.pointee = nextAnonymous
                    nextAnonymous += 2
                    return 1
                }
                // The name is interned in the graph's string dictionary, as by default:
                // cgraph reads flags (HTML-like or not) from the interned string's header.
                let graph = state?.assumingMemoryBound(to: Agraph_t.self)
                guard let interned = create != 0 ? agstrdup(graph, name) : agstrbind(graph, name) else {
                    id.pointee = 0   // a name never made: no object has id 0
                    return 1
                }
                if let known = idOfName[interned] {
                    id.pointee = known
                } else if create != 0 {
                    names.append(interned)
                    id.pointee = IDTYPE(names.count) * 2
                    idOfName[interned] = id.pointee
                } else {
                    id.pointee = 0
                }
                return 1
            },
            alloc: { _, _, _ in 0 },   // ids are never chosen by the caller (as by default)
            free: { _, _, _ in },      // names live in the graph's string dictionary until it is closed
            print: { _, _, id in
                guard id % 2 == 0, id > 0, Int(id / 2) <= names.count else { return nil }
                return names[Int(id / 2) - 1]
            },
            close: { _ in resetNames() },
            idregister: { _, _, _ in }))
        let io = UnsafeMutablePointer<Agiodisc_t>.allocate(capacity: 1)
        io.initialize(to: Agiodisc_t(
            afread: { _, buffer, size in
                // One line at a time, as agmemread's reader hands the lexer its text.
                guard let buffer, size > 0, inputOffset < input.count else { return 0 }
                var count = 0
                while count < Int(size) && inputOffset < input.count {
                    let byte = input[inputOffset]
                    buffer[count] = CChar(bitPattern: byte)
                    count += 1
                    inputOffset += 1
                    if byte == UInt8(ascii: "\n") { break }
                }
                return Int32(count)
            },
            putstr: AgIoDisc.putstr,
            flush: AgIoDisc.flush))
        let discipline = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
        discipline.initialize(to: Agdisc_t(mem: memory, id: ids, io: io))
        return discipline
    }()

    /// `agread` wants a channel; the text is `input`, so any pointer will do.
    nonisolated(unsafe) private static let channel = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    nonisolated(unsafe) private static var input: [UInt8] = []
    nonisolated(unsafe) private static var inputOffset = 0
    /// The interned names by id (id 2n is `names[n - 1]`), and the other way round.
    nonisolated(unsafe) private static var names: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) private static var idOfName: [UnsafeMutablePointer<CChar>: IDTYPE] = [:]
    /// 3 first: the root, made first, is then `%3` when it has no name, as `dot`
    /// names it, whatever was rendered before (cgraph's own counter is process-wide).
    nonisolated(unsafe) private static var nextAnonymous: IDTYPE = 3

    /// The names themselves belong to the graph's string dictionary, which
    /// `agclose` frees after calling `close`.
    private static func resetNames() {
        names = []
        idOfName = [:]
        nextAnonymous = 3
    }
}
