import XCTest
import NetworkBuilder
import ONNXModel

/// The builder's share of the exporter's clean-ups: merging at emission (no name used up),
/// reserved names, constants shared by value, merging after naming and dead code in `finish`.
final class NetworkBuilderCleanupTests: XCTestCase {
    func testMergedNodesTakeNoNameSoLaterNamesCountOn() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly, mergesIdenticalNodes: true)
        let x = b.input
        let r1 = b.relu(x)
        let r2 = b.relu(x)
        XCTAssertEqual(r1, r2)
        let p = b.maxPool(r1, kernel: 2, stride: 2, padding: 0)
        let q = b.relu(p)
        let y = b.add(q, q)
        let model = b.finish(output: y)
        XCTAssertEqual(model.graph.nodes.map(\.name), ["/Relu", "/MaxPool", "/Relu_1", "/Add"])
    }

    func testNodesReadingParametersNeverMerge() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly, mergesIdenticalNodes: true)
        let x = b.input
        let a = b.conv(x, out: 4, kernel: 1, bias: false)
        let c = b.conv(x, out: 4, kernel: 1, bias: false)
        XCTAssertNotEqual(a, c)
    }

    func testPerCallMergeComparesSmallInt64ConstantsByValue() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly)
        let x = b.input
        func slice(_ b: inout NetworkBuilder) -> String {
            let starts = b.int64Constant([1]), ends = b.int64Constant([Int64.max]), axes = b.int64Constant([2])
            return b.node("Slice", [x.name, starts, ends, axes], merge: true)[0]
        }
        let s1 = slice(&b)
        let s2 = slice(&b)
        XCTAssertEqual(s1, s2)
        // Without `merge`, the builder's default (off) applies.
        XCTAssertNotEqual(b.relu(x), b.relu(x))
        let y = b.add(BuiltValue(name: s1, channels: 4), BuiltValue(name: s2, channels: 4))
        let model = b.finish(output: y)
        // The second slice's constants are read by nothing and dropped.
        XCTAssertEqual(model.graph.initializers.count, 3)
        XCTAssertEqual(model.graph.nodes.map(\.opType), ["Slice", "Add"])
    }

    func testReservedNameIsSkipped() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly)
        let x = b.input
        b.reserveNodeName("Add")
        let y = b.add(x, x)
        let model = b.finish(output: y)
        XCTAssertEqual(model.graph.nodes.map(\.name), ["/Add_1"])
    }

    func testSharedConstantsAreOnePerValueNamedAfterTheFirstUse() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly)
        XCTAssertEqual(b.floatScalar(0, name: "first", shared: true), "first")
        XCTAssertEqual(b.floatScalar(0, name: "second", shared: true), "first")
        XCTAssertEqual(b.floatScalar(1, name: "one", shared: true), "one")
        XCTAssertEqual(b.floatScalar(0, name: "own"), "own")
        XCTAssertEqual(b.int64Constant([3], name: "i3", shared: true), "i3")
        XCTAssertEqual(b.int64Constant([3], name: "j3", shared: true), "i3")
        XCTAssertEqual(b.initializers.map(\.name), ["first", "one", "own", "i3"])
    }

    func testMergingAfterNamingKeepsTheGapAndDeadNodesGo() {
        var b = NetworkBuilder(inputChannels: 4, inputSize: 8, weights: .shapesOnly)
        let x = b.input
        let r1 = b.relu(x)
        let r2 = b.relu(x)
        _ = b.globalAveragePool(x)  // read by nothing
        let y = b.relu(b.add(r1, r2))
        let model = b.finish(output: y, mergeIdenticalNodes: true, outputShape: [1, 4, 8, 8])
        XCTAssertEqual(model.graph.nodes.map(\.name), ["/Relu", "/Add", "/Relu_2"])
        XCTAssertEqual(model.graph.nodes[1].inputs, ["/Relu_output_0", "/Relu_output_0"])
        XCTAssertEqual(model.graph.outputs.map(\.name), ["output"])
        XCTAssertNotNil(model.graph.outputs[0].type)
    }
}
