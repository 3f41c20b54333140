import XCTest
@testable import StoryGraph

/// Louvain and Leiden on small graphs whose best partition is known.
final class CommunityDetectionTests: XCTestCase {
    /// Two 4-cliques {0..3} and {4..7} joined by the bridge 3–4.
    private let twoCliques: [(Int, Int, Double)] = {
        var edges: [(Int, Int, Double)] = []
        for offset in [0, 4] {
            for a in 0..<4 { for b in (a + 1)..<4 { edges.append((offset + a, offset + b, 1)) } }
        }
        edges.append((3, 4, 1))
        return edges
    }()

    func testTwoCliquesJoinedByABridgeAreTwoCommunities() {
        let graph = WeightedGraph(nodeCount: 8, edges: twoCliques)
        for method in CommunityDetection.Method.allCases {
            XCTAssertEqual(CommunityDetection(method: method).communities(of: graph), [0, 0, 0, 0, 1, 1, 1, 1], "\(method)")
        }
    }

    /// A node with no edge stays alone; labels are numbered by first node.
    func testIsolatedNodesAreCommunitiesOfTheirOwn() {
        let edges = twoCliques.map { ($0.0 + 1, $0.1 + 1, $0.2) }
        let graph = WeightedGraph(nodeCount: 10, edges: edges)
        XCTAssertEqual(CommunityDetection(method: .louvain).communities(of: graph), [0, 1, 1, 1, 1, 2, 2, 2, 2, 3])
    }

    /// Two triangles joined by one edge: m = 7, each side holds 3 inner edges and strength 7,
    /// so Q = 2 (3/7 − (7/14)²) = 5/14, and with γ = 2, 6/7 − 1 = −1/7.
    func testModularityOfAKnownPartitionIsExact() {
        let graph = WeightedGraph(nodeCount: 6, edges: [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, 1)])
        XCTAssertEqual(graph.totalWeight, 7)
        XCTAssertEqual(graph.modularity([0, 0, 0, 1, 1, 1]), 5.0 / 14.0, accuracy: 1e-15)
        XCTAssertEqual(graph.modularity([0, 0, 0, 1, 1, 1], resolution: 2), -1.0 / 7.0, accuracy: 1e-15)
        // All in one community: in = m, tot = 2m → 1 − 1 = 0.
        XCTAssertEqual(graph.modularity([0, 0, 0, 0, 0, 0]), 0, accuracy: 1e-15)
        for method in CommunityDetection.Method.allCases {
            let found = CommunityDetection(method: method).communities(of: graph)
            XCTAssertEqual(found, [0, 0, 0, 1, 1, 1], "\(method)")
        }
    }

    /// Merging each group into one node (its inner weight a self loop) keeps modularity.
    /// Edges listed twice (either way round) add up, an edge (a, a) is a self
    /// loop, and each node's neighbours come sorted with their summed weights.
    func testRepeatedEdgesAddUpAndSelfLoopsStandApart() {
        let graph = WeightedGraph(nodeCount: 4, edges: [(2, 0, 1), (0, 1, 2), (0, 2, 0.5), (3, 3, 4), (1, 0, 0.25)])
        func list(_ node: Int) -> [[Double]] { graph.edgeRange(of: node).map { [Double(graph.neighbours[$0]), graph.weights[$0]] } }
        XCTAssertEqual(list(0), [[1, 2.25], [2, 1.5]])
        XCTAssertEqual(list(1), [[0, 2.25]])
        XCTAssertEqual(list(2), [[0, 1.5]])
        XCTAssertEqual(list(3), [])
        XCTAssertEqual(graph.selfLoops, [0, 0, 0, 4])
        XCTAssertEqual(graph.strengths, [3.75, 2.25, 1.5, 8])
        XCTAssertEqual(graph.totalWeight, 7.75)
    }

    func testAggregationKeepsModularity() {
        let graph = WeightedGraph(nodeCount: 8, edges: twoCliques + [(0, 5, 2.5), (1, 1, 0.5)])
        let partition = [0, 0, 1, 1, 2, 2, 2, 1]
        let aggregated = graph.aggregated(by: partition, groupCount: 3)
        XCTAssertEqual(aggregated.nodeCount, 3)
        XCTAssertEqual(aggregated.totalWeight, graph.totalWeight, accuracy: 1e-12)
        XCTAssertEqual(aggregated.modularity([0, 1, 2]), graph.modularity(partition), accuracy: 1e-12)
        XCTAssertEqual(aggregated.modularity([0, 0, 1]), graph.modularity([0, 0, 0, 0, 1, 1, 1, 0]), accuracy: 1e-12)
    }

    /// The same edges in another order, or listed from the other end, give the same communities.
    func testSameGraphSameCommunitiesWhateverTheEdgeOrder() {
        var edges: [(Int, Int, Double)] = []
        // Four 5-cycles with chords, joined in a ring by single edges: several near-equal partitions.
        for ring in 0..<4 {
            let base = ring * 5
            for k in 0..<5 { edges.append((base + k, base + (k + 1) % 5, 1)) }
            edges.append((base, base + 2, 1))
            edges.append((base + 4, (base + 6) % 20, 1))
        }
        let reference = CommunityDetection(method: .leiden).communities(of: WeightedGraph(nodeCount: 20, edges: edges))
        let reversed = edges.reversed().map { ($0.1, $0.0, $0.2) }
        for method in CommunityDetection.Method.allCases {
            let forward = CommunityDetection(method: method).communities(of: WeightedGraph(nodeCount: 20, edges: edges))
            XCTAssertEqual(forward, CommunityDetection(method: method).communities(of: WeightedGraph(nodeCount: 20, edges: reversed)))
            XCTAssertEqual(forward, CommunityDetection(method: method).communities(of: WeightedGraph(nodeCount: 20, edges: edges)))
        }
        XCTAssertEqual(reference, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3])
    }

    /// A higher resolution splits what a lower one keeps together.
    func testResolutionChangesTheScale() {
        let graph = WeightedGraph(nodeCount: 8, edges: twoCliques)
        XCTAssertEqual(CommunityDetection(method: .leiden, resolution: 0.05).communities(of: graph), [0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Set(CommunityDetection(method: .leiden, resolution: 8).communities(of: graph)).count, 8)
    }
}
