import ONNXModel
@testable import Surrogate
import XCTest

/// Feature extraction on hand-made graphs whose structure is known.
final class GraphFeaturesTests: XCTestCase {
    func feature(_ name: String, _ v: FeatureVector) -> Double {
        v.dense[StructuralFeatures.names.firstIndex(of: name)!]
    }

    func testNamesMatchValues() {
        XCTAssertEqual(Set(StructuralFeatures.names).count, StructuralFeatures.names.count, "duplicate feature name")
        let v = GraphFeatures.extract(TestNetwork.residual(blocks: 2))
        XCTAssertEqual(v.dense.count, StructuralFeatures.count)
        XCTAssertTrue(v.dense.allSatisfy(\.isFinite))
    }

    func testDeterministicAndSortedSparse() {
        let m = TestNetwork.residual(blocks: 3, deadBranch: true)
        let a = GraphFeatures.extract(m), b = GraphFeatures.extract(m)
        XCTAssertEqual(a, b)
        XCTAssertFalse(a.indices.isEmpty)
        XCTAssertEqual(a.indices, a.indices.sorted())
        XCTAssertEqual(Set(a.indices).count, a.indices.count)
        XCTAssertTrue(a.indices.allSatisfy { $0 >= 0 && Int($0) < FeatureConfig.default.hashedDimension })
        // A fixed value: hashing must not depend on the process (Swift's Hasher is seeded per run).
        XCTAssertEqual(StableHash.string("Conv"), StableHash.string("Conv"))
        XCTAssertEqual(StableHash.string(""), StableHash.finalize(0xCBF2_9CE4_8422_2325))
    }

    func testCountsParametersMultiplyAddsAndDepth() {
        // Stem 3->4 3x3 conv, 2 blocks of two 4->4 3x3 convs, linear 4->10; 8x8 maps.
        let v = GraphFeatures.extract(TestNetwork.residual(blocks: 2))
        let convParams = (4 * 3 * 9 + 4) + 4 * (4 * 4 * 9 + 4)
        XCTAssertEqual(v.parameterCount, Double(convParams + 10 * 4 + 10))
        let macs = 64.0 * 4 * 27 + 4 * 64 * 4 * 36 + 40
        XCTAssertEqual(v.multiplyAdds, macs)
        XCTAssertEqual(feature("conv", v), Math.logCount(5), accuracy: 1e-12)
        XCTAssertEqual(feature("conv_3x3", v), Math.logCount(5), accuracy: 1e-12)
        XCTAssertEqual(feature("linear", v), Math.logCount(1), accuracy: 1e-12)
        // Paths: each block doubles them (through the convs or the identity): 4 paths with
        // 1 + {0,2} + {0,2} + 1 weighted layers.
        XCTAssertEqual(feature("log_paths", v), Math.log(4), accuracy: 1e-9)
        XCTAssertEqual(feature("path_depth_max", v), 6)
        XCTAssertEqual(feature("path_depth_min", v), 2)
        XCTAssertEqual(feature("path_depth_mean", v), 4, accuracy: 1e-9)
        XCTAssertEqual(feature("skip_edges", v), Math.logCount(2), accuracy: 1e-12)
        XCTAssertEqual(feature("output_ignores_input", v), 0)
        XCTAssertEqual(feature("dead_nodes", v), 0)
        // Receptive field: stem + 4 convs of 3x3 at stride 1 = 1 + 5 * 2 = 11 pixels.
        XCTAssertEqual(feature("log2_rf_max", v), Math.log2(11), accuracy: 1e-12)
        XCTAssertEqual(feature("log2_rf_min", v), Math.log2(3), accuracy: 1e-12)
    }

    func testBranchesMultipliedByZeroAreDead() {
        let live = GraphFeatures.extract(TestNetwork.residual(blocks: 2))
        let dead = GraphFeatures.extract(TestNetwork.residual(blocks: 2, deadBranch: true))
        // Per block a conv, a Mul and an Add are added; Conv and Mul are dead, the Add stays
        // (it merges a live value with zero).
        XCTAssertEqual(feature("dead_nodes", dead), Math.logCount(4), accuracy: 1e-12)
        for name in ["log_paths", "path_depth_mean", "conv", "log_params", "log_macs"] {
            XCTAssertEqual(feature(name, dead), feature(name, live), accuracy: 1e-12, name)
        }
        XCTAssertGreaterThan(feature("log_params_all", dead), feature("log_params_all", live))
        // x + 0 is contracted: the compute graphs are the same, and so are the WL features.
        XCTAssertEqual(dead.indices, live.indices)
        XCTAssertEqual(dead.values, live.values)
    }

    func testWeightStrippedZeroScalarsStillMarkDeadBranches() {
        // ONNX-Bench files drop every payload, the `x * 0.0` of a "none" edge included.
        var stripped = TestNetwork.residual(blocks: 2, deadBranch: true)
        var strippedCount = 0
        for i in stripped.graph.initializers.indices where stripped.graph.initializers[i].dims.isEmpty {
            stripped.graph.initializers[i].rawData = nil
            stripped.graph.initializers[i].floatData = []
            strippedCount += 1
        }
        XCTAssertEqual(strippedCount, 2, "one zero scalar per block")
        let withValues = GraphFeatures.extract(TestNetwork.residual(blocks: 2, deadBranch: true))
        let withoutValues = GraphFeatures.extract(stripped)
        XCTAssertEqual(withoutValues.dense, withValues.dense)
        XCTAssertEqual(withoutValues.indices, withValues.indices)
        XCTAssertEqual(withoutValues.values, withValues.values)
    }

    func testOutputIgnoringInputIsFlagged() {
        var t = TestNetwork()
        let x = t.conv("input", inChannels: 3, outChannels: 4)
        let z = t.timesZero(x, dims: [1, 4, 8, 8])
        let r = t.unary("Relu", z, dims: [1, 4, 8, 8])
        t.head(r, channels: 4)
        let v = GraphFeatures.extract(t.model())
        XCTAssertEqual(feature("output_ignores_input", v), 1)
        XCTAssertEqual(feature("vertices", v), 0)
        XCTAssertEqual(feature("log_paths", v), 0)
    }

    func testMalformedGraphsDoNotTrap() {
        // A cycle, a node fed by an unknown value, an empty graph, a node without outputs.
        var g = Graph()
        g.inputs = [ValueInfo(name: "input", type: .tensor(.float, [1, 3, 8, 8]))]
        g.outputs = [ValueInfo(name: "b", type: nil)]
        g.nodes = [Node(opType: "Relu", inputs: ["b"], outputs: ["a"]), Node(opType: "Relu", inputs: ["a"], outputs: ["b"]),
                   Node(opType: "Add", inputs: ["nowhere", "input"], outputs: ["c"]), Node(opType: "Conv", inputs: ["input"], outputs: [])]
        let v = GraphFeatures.extract(Model(graph: g, opset: 17))
        XCTAssertTrue(v.dense.allSatisfy(\.isFinite))
        XCTAssertEqual(GraphFeatures.extract(Model()).dense.count, StructuralFeatures.count)

        // Hostile sizes (found by `fuzz --pipeline`): weights whose element count overflows an
        // Int, a computed weight with huge dims, kernels and dilations at the Int64 limits.
        var h = Graph()
        h.inputs = [ValueInfo(name: "input", type: .tensor(.float, [1, 3, 8, 8]))]
        h.outputs = [ValueInfo(name: "y", type: nil)]
        var w = Tensor()
        w.name = "w"
        w.dataType = .float
        w.dims = [.max, .max, 3, 3]
        h.initializers = [w]
        h.valueInfo = [ValueInfo(name: "cw", type: .tensor(.float, [.max, .max, .max])),
                       ValueInfo(name: "x", type: .tensor(.float, [.max, .max, .max, .max]))]
        let huge = [Int64.max]
        h.nodes = [Node(opType: "ConstantOfShape", inputs: ["input"], outputs: ["cw"]),
                   Node(opType: "Conv", inputs: ["input", "w"], outputs: ["x"],
                        attributes: [.ints("kernel_shape", huge), .ints("dilations", huge), .ints("strides", [Int64.min])]),
                   Node(opType: "ReduceMean", inputs: ["x"], outputs: ["r"], attributes: [.ints("axes", [Int64.max, Int64.min])]),
                   Node(opType: "Conv", inputs: ["r", "cw"], outputs: ["y"], attributes: [.ints("kernel_shape", [Int64.min])])]
        let hostile = GraphFeatures.extract(Model(graph: h, opset: 17))
        XCTAssertEqual(hostile.dense.count, StructuralFeatures.count)
    }

    func testContractedLayoutNodesDoNotChangeFeatures() {
        // An Identity in the middle of a chain is invisible to the structural and WL features.
        var t = TestNetwork()
        let a = t.conv("input", inChannels: 3, outChannels: 4)
        t.head(t.unary("Relu", a, dims: [1, 4, 8, 8]), channels: 4)
        var u = TestNetwork()
        let b = u.conv("input", inChannels: 3, outChannels: 4)
        let i = u.unary("Identity", b, dims: [1, 4, 8, 8])
        u.head(u.unary("Relu", i, dims: [1, 4, 8, 8]), channels: 4)
        let x = GraphFeatures.extract(t.model()), y = GraphFeatures.extract(u.model())
        XCTAssertEqual(x.indices, y.indices)
        XCTAssertEqual(x.values, y.values)
        XCTAssertNotEqual(feature("nodes", x), feature("nodes", y))
    }

    func testTokenNGrams() {
        let t = TokenNGrams.tokens("Conv(1x3, Param[16,3,3,3])(k=3) --> Value12:1x16\nRelu() --> Value3")
        // Conv, 1x3, Param[16,3,3,3], k=3, -->, Value:1x16, \n, Relu, -->, Value
        XCTAssertEqual(t.count, 10)
        XCTAssertEqual(t[2], StableHash.string("Param[16,3,3,3]"))
        XCTAssertEqual(t[5], StableHash.string("Value:1x16"))
        XCTAssertEqual(t[9], StableHash.string("Value"))
        XCTAssertEqual(t[6], TokenNGrams.newline)
    }
}
