import XCTest
import NetworkBuilder
import ONNXModel
@testable import SearchSpaces

/// NB101 through the project's `SearchSpace` protocol (no whole-space enumeration here).
final class NB101SpaceTests: XCTestCase {
    let space = NB101Space()

    func testCanonicalizeAcceptsNotationUnprunedCellsAndNASLibKeys() throws {
        XCTAssertEqual(space.id, "nb101")
        XCTAssertEqual(space.architectureCount, 423_624)
        XCTAssertEqual(try space.canonicalize(" 11111.0001.001.10.1:mm33\n"), "11111.0001.001.10.1:mm33")
        XCTAssertEqual(try space.canonicalize("11.0:3"), "1:", "pruned")
        let key = "(0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, "
            + "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 4, 4, 4, 1)"
        XCTAssertEqual(try space.canonicalize(key), "11111.0001.001.10.1:mm33")
        for bad in ["", "10.1", "00.1:3", "(0, 1)", "zz", String(repeating: "(", count: 5000)] {
            XCTAssertThrowsError(try space.canonicalize(bad), bad) { error in
                XCTAssertTrue(error is SearchSpaceError, "\(bad): \(error)")
            }
        }
    }

    func testEnumerateStopsWhenAsked() throws {
        var seen: [String] = []
        try space.enumerate { notation in
            seen.append(notation)
            return seen.count < 3
        }
        XCTAssertEqual(seen, ["1:", "10.1:3", "10.1:1"])
    }

    func testBuildInfoAndWeights() throws {
        let notation = "11111.0001.001.10.1:mm33"
        let model = try space.build(notation, weights: .random(seed: 3))
        XCTAssertEqual(model.graph.inputs.map(\.name), ["input"])
        XCTAssertEqual(model.graph.outputs.map(\.name), ["output"])
        // Every node input is the graph input, an initializer or an earlier node's output (the
        // reference's vanishing Adds are not emitted, so nothing reads a phantom zero).
        var known = Set(model.graph.inputs.map(\.name) + model.graph.initializers.map(\.name))
        for node in model.graph.nodes {
            for input in node.inputs { XCTAssertTrue(known.contains(input), "\(node.name) reads \(input)") }
            known.formUnion(node.outputs)
        }
        let info = try space.info(notation)
        XCTAssertEqual(info.trainableParameters, 4_095_778)
        XCTAssertEqual(info.nodeCount, 177)
        XCTAssertEqual(info.flops, NB101Network.flops(try space.cell(notation)))
        XCTAssertEqual(try space.build(notation, weights: .random(seed: 3)), model, "seeded weights are reproducible")
    }

    func testSmallestCellNetwork() throws {
        let model = try space.build("1:", weights: .shapesOnly)
        // Stem, nine projections, two pools, the classifier.
        XCTAssertEqual(model.graph.nodes.map(\.opType).filter { $0 == "Conv" }.count, 10)
        XCTAssertEqual(model.graph.nodes.map(\.opType).filter { $0 == "MaxPool" }.count, 2)
        XCTAssertEqual(model.graph.nodes.last?.opType, "Gemm")
    }
}
