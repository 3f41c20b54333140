import CGraphviz
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders DOT source to SVG, PNG, PDF or DOT through libgvc, in process.
///
/// The pipeline (after SwiftDocOrg/GraphViz's renderer) is
/// `agread` (as `agmemread`, with the ids of `SequentialIDs`) → `gvLayout` → `gvRenderData` → copy the bytes →
/// `gvFreeRenderData` → `gvFreeLayout` → `agclose`, in one `gvContext` that
/// lives as long as the process (see `processContext`).
///
/// Thread safety: libgvc and libcgraph keep process-wide state (the parser's
/// globals, the error level and handler, string dictionaries), so no two
/// Graphviz calls may run at once. Every call therefore runs on one
/// process-wide serial queue; a `GraphvizRenderer` holds no state and may be
/// used from any number of threads. Renders are serialised, not parallel.
///
/// Errors: while a render runs, Graphviz's warnings are silenced
/// (`agseterr(AGERR)`) and its error text is captured by an `agseterrf`
/// handler instead of going to stderr; the text ends up in the thrown
/// `RenderError`. The previous level and handler are restored afterwards.
public struct GraphvizRenderer: Sendable {
    public init() {}

    /// Lays out `dot` with `layout` and returns the `format` output bytes.
    /// - Throws: `RenderError`.
    public func render(
        dot: String, layout: Layout = .dot, format: RenderFormat = .svg
    ) throws -> [UInt8] {
        try graphvizQueue.sync {
            try withCapturedErrors { try renderOnQueue(dot: dot, layout: layout, format: format) }
        }
    }

    /// As `render`, decoded as UTF-8; for the text formats svg, dot and canon.
    /// - Throws: `RenderError.notText` for png and pdf, else as `render`.
    public func renderString(
        dot: String, layout: Layout = .dot, format: RenderFormat = .svg
    ) throws -> String {
        guard format.isText else { throw RenderError.notText(format) }
        return String(decoding: try render(dot: dot, layout: layout, format: format), as: UTF8.self)
    }
}

// MARK: - Serialised Graphviz access

/// The one queue on which every Graphviz call in this process runs.
private let graphvizQueue = DispatchQueue(label: "StoryGraphRender.graphviz")

/// Error text Graphviz reported during the current render. Only touched on
/// `graphvizQueue` (the handler is called synchronously from Graphviz calls
/// made there), which is what makes `nonisolated(unsafe)` sound.
nonisolated(unsafe) private var capturedErrorText = ""

/// Installs the capturing error handler around `body`, then restores
/// Graphviz's previous handler and level. Call only on `graphvizQueue`.
private func withCapturedErrors<T>(_ body: () throws -> T) rethrows -> T {
    dispatchPrecondition(condition: .onQueue(graphvizQueue))
    capturedErrorText = ""
    _ = agreseterrors()
    // Graphviz sends each message in pieces ("Error", ": ", text) to the handler.
    let previousHandler = agseterrf { piece in
        if let piece { capturedErrorText += String(cString: piece) }
        return 0
    }
    let previousLevel = agseterr(AGERR)
    defer {
        _ = agseterr(previousLevel)
        _ = agseterrf(previousHandler)
        capturedErrorText = ""
    }
    return try body()
}

/// The captured error text, one "; "-joined line per message without its
/// "Error: " prefix, or `fallback` if Graphviz said nothing.
private func errorMessage(or fallback: String) -> String {
    let text = capturedErrorText.split(whereSeparator: \.isNewline)
        .map { line in
            let trimmed = line.trimmingSpaces()
            return trimmed.hasPrefix("Error: ") ? String(trimmed.dropFirst(7)) : trimmed
        }
        .filter { !$0.isEmpty }
        .joined(separator: "; ")
    return text.isEmpty ? fallback : text
}

/// The one Graphviz context, made on first use and never freed, as Graphviz's
/// own `dot` keeps one for all its graphs. Freeing a context after each render
/// is unsafe: the pango text-layout plugin keeps a static pointer to the last
/// font name, which lives in the context's font dictionary, so the next render
/// read freed memory (AddressSanitizer caught it in GraphvizRendererTests).
/// Only touched on `graphvizQueue`.
nonisolated(unsafe) private var processContext: OpaquePointer?

private func graphvizContext() throws -> OpaquePointer {
    dispatchPrecondition(condition: .onQueue(graphvizQueue))
    if let processContext { return processContext }
    guard let context = gvContext() else { throw RenderError.contextCreationFailed }
    processContext = context
    return context
}

/// The body of `render`. Each C resource is released by a `defer` right
/// after it is acquired, in reverse order of acquisition.
private func renderOnQueue(dot: String, layout: Layout, format: RenderFormat) throws -> [UInt8] {
    let context = try graphvizContext()

    guard let graph = SequentialIDs.read(dot) else {
        throw RenderError.parse(message: errorMessage(or: "no graph found in the input"))
    }
    defer { _ = agclose(graph) }

    guard gvLayout(context, graph, layout.rawValue) == 0 else {
        throw RenderError.layout(layout, message: errorMessage(or: "gvLayout returned an error"))
    }
    // Frees the layout's per-node and per-edge data; must precede agclose.
    defer { _ = gvFreeLayout(context, graph) }
    if format == .canon { clearBoundingBox(graph) }

    var buffer: UnsafeMutablePointer<CChar>?
    var length: UInt32 = 0
    let status = gvRenderData(context, graph, format.rawValue, &buffer, &length)
    // Graphviz owns `buffer` until gvFreeRenderData; copy before freeing.
    defer { if let buffer { gvFreeRenderData(buffer) } }
    guard status == 0, let buffer else {
        if !deviceIsInstalled(format, context: context) {
            throw RenderError.unsupportedFormat(format)
        }
        throw RenderError.render(format, message: errorMessage(or: "gvRenderData returned an error"))
    }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        Array(UnsafeBufferPointer(start: $0, count: Int(length)))
    }
}

/// gvLayout, unlike the `dot` command, stores the layout's bounding box in
/// the graph's `bb` attribute, which canon output would then include. Reset it
/// to its default so canon is the input graph only, as `dot -Tcanon` prints.
/// agsafeset copies both strings, so temporary buffers suffice.
private func clearBoundingBox(_ graph: UnsafeMutablePointer<Agraph_t>) {
    var name = Array("bb".utf8CString)
    var empty = Array("".utf8CString)
    name.withUnsafeMutableBufferPointer { name in
        empty.withUnsafeMutableBufferPointer { empty in
            _ = agsafeset(graph, name.baseAddress, empty.baseAddress, empty.baseAddress)
        }
    }
}

/// Whether a loaded plugin provides the `format` device. The list and its
/// strings are malloc'd by Graphviz and freed here.
private func deviceIsInstalled(_ format: RenderFormat, context: OpaquePointer) -> Bool {
    var count: Int32 = 0
    guard let list = gvPluginList(context, "device", &count, nil) else { return false }
    defer { free(list) }
    var found = false
    for index in 0..<Int(count) {
        guard let name = list[index] else { continue }
        if String(cString: name) == format.rawValue { found = true }
        free(name)
    }
    return found
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
