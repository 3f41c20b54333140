/// A Graphviz layout engine: the `-K` name passed to `gvLayout`.
public enum Layout: String, CaseIterable, Sendable {
    /// Hierarchical layout for directed graphs (the `dot` program).
    case dot
    /// Spring model ("energy minimisation") layout.
    case neato
    /// Force-directed placement.
    case fdp
    /// Scalable force-directed placement, for large graphs.
    case sfdp
    /// Circular layout.
    case circo
    /// Radial layout.
    case twopi
}

/// An output format: the raw value is the Graphviz `-T` device name passed
/// to `gvRenderData`.
public enum RenderFormat: String, CaseIterable, Sendable {
    /// Scalable Vector Graphics (text).
    case svg
    /// PNG raster image (binary; needs the cairo or gd plugin).
    case png
    /// PDF document (binary; needs the cairo plugin).
    case pdf
    /// DOT with layout attributes (`pos`, `bb`, ...) added (text).
    case dot
    /// Canonical DOT: the input graph, normalised, without positions (text).
    case canon

    /// Whether the output is UTF-8 text, so `renderString` may decode it.
    public var isText: Bool {
        switch self {
        case .svg, .dot, .canon: true
        case .png, .pdf: false
        }
    }
}

/// Why `GraphvizRenderer` could not produce output. Messages are the text
/// Graphviz reported through its error handler, trimmed; never empty.
public enum RenderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `gvContext()` returned NULL (out of memory, or broken installation).
    case contextCreationFailed
    /// `agmemread` returned NULL: the input is not valid DOT.
    case parse(message: String)
    /// `gvLayout` failed for this engine.
    case layout(Layout, message: String)
    /// No installed Graphviz plugin provides this output device
    /// (e.g. `png`/`pdf` without the cairo plugin).
    case unsupportedFormat(RenderFormat)
    /// `gvRenderData` failed although the device is installed.
    case render(RenderFormat, message: String)
    /// `renderString` was asked for a binary format.
    case notText(RenderFormat)

    public var description: String {
        switch self {
        case .contextCreationFailed:
            "Graphviz: could not create a context (gvContext returned NULL)"
        case .parse(let message):
            "Graphviz could not parse the DOT input: \(message)"
        case .layout(let layout, let message):
            "Graphviz layout '\(layout.rawValue)' failed: \(message)"
        case .unsupportedFormat(let format):
            "Graphviz format '\(format.rawValue)' is not supported by the installed plugins"
        case .render(let format, let message):
            "Graphviz could not render '\(format.rawValue)': \(message)"
        case .notText(let format):
            "format '\(format.rawValue)' is binary; use render(dot:layout:format:) for bytes"
        }
    }
}
