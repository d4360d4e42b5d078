import XCTest
import ONNXModel
@testable import ONNXSimplify

final class OpsetNormalisationTests: XCTestCase {
    func testUnsqueezeAxesBecomeAnInput() throws {
        var b = GraphBuilder(opset: 11)
        b.input("x", [2, 3])
        b.node("Unsqueeze", ["x"], ["y"], [.ints("axes", [0])])
        b.output("y")
        let s = try simplified(b.model) { $0.neverGrow = false }
        XCTAssertEqual(s.defaultOpsetVersion, 17)
        XCTAssertEqual(s.irVersion, 8)
        let n = s.graph.nodes[0]
        XCTAssertTrue(n.attributes.isEmpty)
        XCTAssertEqual(try s.initializer(n.inputs[1])?.int64Values(), [0])
        // A model with nothing else to simplify would grow: by default it keeps its opset.
        let kept = try Simplifier.simplifyWithReport(b.model)
        XCTAssertEqual(kept.model.defaultOpsetVersion, 11)
        XCTAssertTrue(kept.report.warnings.contains { $0.contains("opset left unchanged") })
    }

    func testPyTorchDefaultsAreWrittenOnUpgrade() throws {
        var b = GraphBuilder(opset: 11)
        b.input("x", [1, 2, 1, 1])
        for n in ["g", "bt", "m", "v"] { b.floats(n, [2], [1, 1]) }
        b.ints("shape", [2], [1, -1])
        b.node("Relu", ["x"], ["r"])
        b.node("BatchNormalization", ["r", "g", "bt", "m", "v"], ["n"], [.float("epsilon", 1e-5), .float("momentum", 0.9)])
        b.node("Reshape", ["n", "shape"], ["y"])
        b.output("y")
        let s = try simplified(b.model) { $0.neverGrow = false }
        XCTAssertEqual(s.graph.nodes[1].attributes.map(\.name), ["epsilon", "momentum", "training_mode"])
        XCTAssertEqual(s.graph.nodes[2].attributes.map(\.name), ["allowzero"])
    }

    func testClipPadSliceAndUpsampleUpgrades() throws {
        var b = GraphBuilder(opset: 9)
        b.input("x", [1, 1, 2, 2])
        b.node("Clip", ["x"], ["c"], [.float("min", 0), .float("max", 6)])
        b.node("Pad", ["c"], ["p"], [.ints("pads", [0, 0, 1, 1, 0, 0, 1, 1]), .float("value", 0)])
        b.node("Slice", ["p"], ["s"], [.ints("starts", [1]), .ints("ends", [3]), .ints("axes", [2])])
        b.node("Upsample", ["s", "scales"], ["y"], [.string("mode", "nearest")])
        b.floats("scales", [4], [1, 1, 2, 2])
        b.output("y")
        let s = try simplified(b.model) { $0.neverGrow = false }
        XCTAssertEqual(s.defaultOpsetVersion, 17)
        XCTAssertEqual(s.opTypes, ["Clip", "Pad", "Slice", "Resize"])
        XCTAssertEqual(s.graph.nodes[0].inputs.count, 3)
        XCTAssertEqual(try s.initializer(s.graph.nodes[1].inputs[1])?.int64Values(), [0, 0, 1, 1, 0, 0, 1, 1])
        XCTAssertEqual(s.graph.nodes[2].inputs.count, 4)
        let resize = s.graph.nodes[3]
        XCTAssertEqual(resize.inputs, ["s", "", "scales"])
        XCTAssertEqual(resize.attribute("nearest_mode")?.stringValue, "floor")
        XCTAssertEqual(resize.attribute("coordinate_transformation_mode")?.stringValue, "asymmetric")
    }

    func testUnknownOrChangedOperatorKeepsTheOpset() throws {
        // Softmax before 13 flattens [axis:]; over a 3-d input that is not the 13 form.
        var b = GraphBuilder(opset: 11)
        b.input("x", [1, 2, 3])
        b.node("Softmax", ["x"], ["y"], [.int("axis", 1)])
        b.output("y")
        let (s, report) = try Simplifier.simplifyWithReport(b.model, options: { var o = SimplifyOptions(); o.neverGrow = false; return o }())
        XCTAssertEqual(s.defaultOpsetVersion, 11)
        XCTAssertTrue(report.passes.contains { $0.notes.contains { $0.contains("Softmax over several dimensions") } })

        var c = GraphBuilder(opset: 11)
        c.input("x", [1, 2])
        c.graph.nodes.append(Node(opType: "MysteryOp", inputs: ["x"], outputs: ["y"]))
        c.output("y")
        XCTAssertEqual(try simplified(c.model) { $0.neverGrow = false }.defaultOpsetVersion, 11)
    }

    func testNewerModelsAreLeftAlone() throws {
        var b = GraphBuilder(opset: 18)
        b.input("x", [1, 2])
        b.node("Relu", ["x"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).defaultOpsetVersion, 18)
    }
}
