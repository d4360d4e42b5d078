import XCTest
import ONNXModel
@testable import SearchSpaces

final class DARTSNetworkTests: XCTestCase {
    /// Every node reads only the graph input, initializers or earlier outputs; every value is
    /// produced once; every initializer is read.
    func assertWellFormed(_ graph: Graph, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        var known = Set(graph.inputs.map(\.name))
        let initializers = Set(graph.initializers.map(\.name))
        known.formUnion(initializers)
        var read = Set<String>()
        for node in graph.nodes {
            for input in node.inputs {
                XCTAssertTrue(known.contains(input), "\(label): \(node.name) reads \(input) before it exists", file: file, line: line)
                read.insert(input)
            }
            for output in node.outputs {
                XCTAssertTrue(known.insert(output).inserted, "\(label): \(output) produced twice", file: file, line: line)
            }
        }
        XCTAssertEqual(initializers.subtracting(read), [], "\(label): unused initializers", file: file, line: line)
        XCTAssertEqual(graph.outputs.map(\.name), ["output"], label, file: file, line: line)
        XCTAssertEqual(graph.nodes.last?.opType, "Gemm", label, file: file, line: line)
    }

    func testSampledNetworksAreWellFormed() throws {
        let space = NB301Space()
        for arch in try space.sample(count: 20, seed: 3) {
            let model = try space.build(arch, weights: .shapesOnly)
            assertWellFormed(model.graph, arch)
            XCTAssertEqual(try space.info(arch).nodeCount, model.graph.nodes.count)
        }
    }

    func testRandomWeightsAreSeededAndFilled() throws {
        let arch = try NB301Space().sample(count: 1, seed: 1)[0]
        let a = try NB301Space().build(arch, weights: .random(seed: 5))
        XCTAssertEqual(a, try NB301Space().build(arch, weights: .random(seed: 5)))
        XCTAssertNotEqual(a, try NB301Space().build(arch, weights: .random(seed: 6)))
        for t in a.graph.initializers {
            XCTAssertEqual(t.payloadByteCount, (t.elementCount ?? -1) * (t.dataType == .int64 ? 8 : 4), t.name)
        }
    }

    /// Repeated parameter-free work is computed once, as the export's common-subexpression
    /// pass leaves it: here every normal node adds the same two cell inputs, and the
    /// reduction cell applies FactorizedReduce to input 0 four times and max-pools input 1 twice.
    func testRepeatedParameterFreeWorkIsMerged() throws {
        let arch = "[[(0, 2), (1, 2), (0, 2), (1, 2), (0, 2), (1, 2), (0, 2), (1, 2)], "
            + "[(0, 2), (1, 0), (0, 2), (2, 1), (0, 2), (1, 1), (0, 2), (1, 0)]]"
        let graph = try NB301Space().build(arch, weights: .shapesOnly).graph
        assertWellFormed(graph, arch)
        func nodes(_ cell: Int, _ op: String) -> [Node] { graph.nodes.filter { $0.name.hasPrefix("/net/cells.\(cell)/") && $0.opType == op } }
        for cell in [0, 1, 3, 4, 6, 7] {
            XCTAssertEqual(nodes(cell, "Add").count, 1, "cell \(cell)")
            let concat = nodes(cell, "Concat").filter { $0.inputs.count == 4 }
            XCTAssertEqual(concat.count, 1)
            XCTAssertEqual(Set(concat.first?.inputs ?? []).count, 1, "the four nodes are one value")
        }
        for cell in [2, 5] {
            // One ReLU and one Slice shared by the four FactorizedReduce; their convolutions stay apart.
            XCTAssertEqual(nodes(cell, "Slice").count, 1, "cell \(cell)")
            XCTAssertEqual(nodes(cell, "BatchNormalization").count, 4)
            XCTAssertEqual(nodes(cell, "Conv").filter { $0.name.contains("conv_") }.count, 8)
            XCTAssertEqual(nodes(cell, "MaxPool").count, 1)
            XCTAssertEqual(nodes(cell, "AveragePool").count, 2, "on node 2 and on input 1")
        }
        // Preprocessing FactorizedReduce after each reduction cell brings the two others.
        XCTAssertEqual(graph.nodes.filter { $0.opType == "Slice" }.count, 4)
    }

    func testCountsOfTheFirstNASLibCell() throws {
        let network = DARTSNetwork(genotype: try DARTSNotation.parse(
            "[[(0, 0), (1, 5), (1, 1), (0, 1), (1, 3), (0, 3), (1, 3), (3, 2)], [(1, 0), (0, 2), (1, 3), (0, 3), (3, 0), (0, 1), (2, 0), (3, 6)]]"))
        // NASLib `params` 0.856298 M; the golden export's torch count 864,874 (with the 8,576
        // BatchNorm parameters inside operations).
        XCTAssertEqual(network.trainableParameters(), 856_298)
        XCTAssertEqual(network.trainableParameters(operationBatchNormAffine: true), 864_874)
        // Multiply-adds, checked by an independent count (NASLib's tensorwatch figure: 153.5 M).
        XCTAssertEqual(network.multiplyAdds(), 144_552_960)
        let plans = network.cellPlans()
        XCTAssertEqual(plans.map(\.channels), [32, 32, 64, 64, 64, 128, 128, 128])
        XCTAssertEqual(plans.map(\.reduction), [false, false, true, false, false, true, false, false])
        XCTAssertEqual(plans.map(\.inputSize.1), [32, 32, 32, 16, 16, 16, 8, 8])
        XCTAssertEqual(network.finalChannels, 512)
    }
}
