// swift-tools-version:6.0
import PackageDescription

// Data flows one way: records → graph → analysis (StoryGraph) → DOT (StoryGraphDOT)
// → SVG through libgvc (StoryGraphRender) → command line (storygraph).
// Only StoryGraphRender links the Graphviz C libraries, through CGraphviz.
// StoryGraphHTML writes the index.html report (no Graphviz, no network).
// StoryGraphExport writes the graph for notebooks (node-link JSON, GraphML, CSV,
// SQLite); only it depends on GRDB (and so on the system's SQLite).
// StoryGraphAllocator links the command line to jemalloc on Linux, through CJemalloc,
// and configures it (Sources/StoryGraphAllocator/allocator.c says why);
// STORYGRAPH_SYSTEM_MALLOC=1 builds without it (the sanitizer builds do).
let usesJemalloc = Context.environment["STORYGRAPH_SYSTEM_MALLOC"] == nil

let package = Package(
    name: "StoryGraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "storygraph", targets: ["storygraph"]),
        .library(name: "StoryGraph", targets: ["StoryGraph"]),
        .library(name: "StoryGraphDOT", targets: ["StoryGraphDOT"]),
        .library(name: "StoryGraphRender", targets: ["StoryGraphRender"]),
        .library(name: "StoryGraphExport", targets: ["StoryGraphExport"]),
        .library(name: "StoryGraphHTML", targets: ["StoryGraphHTML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]   // linked on Linux only
        ),
        .target(
            name: "StoryGraphAllocator",
            dependencies: usesJemalloc ? [.target(name: "CJemalloc", condition: .when(platforms: [.linux]))] : [],
            cSettings: usesJemalloc ? [.define("STORYGRAPH_JEMALLOC", .when(platforms: [.linux]))] : []
        ),
        .target(name: "StoryGraph", dependencies: ["Yams"]),
        .target(name: "StoryGraphDOT", dependencies: ["StoryGraph"]),
        .target(name: "StoryGraphRender", dependencies: ["CGraphviz"]),
        .target(name: "StoryGraphHTML", dependencies: ["StoryGraph"]),
        .target(name: "StoryGraphExport", dependencies: [
            "StoryGraph", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .executableTarget(
            name: "storygraph",
            dependencies: [
                "StoryGraph", "StoryGraphDOT", "StoryGraphRender", "StoryGraphExport", "StoryGraphHTML", "StoryGraphAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the test targets: temporary folders, package paths, running programs, XML checks.
        .target(name: "StoryGraphTestSupport", path: "Tests/StoryGraphTestSupport"),
        .testTarget(name: "StoryGraphTests", dependencies: ["StoryGraph", "StoryGraphTestSupport"]),
        .testTarget(name: "StoryGraphDOTTests", dependencies: ["StoryGraphDOT", "StoryGraph", "StoryGraphTestSupport"]),
        .testTarget(name: "StoryGraphHTMLTests", dependencies: ["StoryGraphHTML", "StoryGraph", "StoryGraphTestSupport"]),
        .testTarget(name: "StoryGraphRenderTests", dependencies: ["StoryGraphRender", "StoryGraphTestSupport"]),
        .testTarget(name: "StoryGraphExportTests", dependencies: [
            "StoryGraphExport", "StoryGraph", "StoryGraphTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "StoryGraphCLITests", dependencies: ["StoryGraphTestSupport"]),
    ]
)

// The libFuzzer target (SECURITY.md, "Fuzzing"): only when asked for, because it
// links only with -sanitize=fuzzer:
//   STORYGRAPH_FUZZ=1 swift build -c debug --scratch-path .build-fuzz --product FuzzStoryGraph \
//     -Xswiftc -sanitize=fuzzer,address
if Context.environment["STORYGRAPH_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .executableTarget(name: "FuzzStoryGraph", dependencies: ["StoryGraph", "CFuzzerDriver"], path: "Fuzz/FuzzStoryGraph"),
    ]
    package.products.append(.executable(name: "FuzzStoryGraph", targets: ["FuzzStoryGraph"]))
}
