import XCTest
import ONNXModel
@testable import ONNXSimplify

/// Hostile or broken graphs: simplification must finish, never trap, never grow the model.
final class RobustnessTests: XCTestCase {
    func check(_ m: Model, file: StaticString = #filePath, line: UInt = #line) throws {
        let (s, report) = try Simplifier.simplifyWithReport(m)
        XCTAssertLessThanOrEqual(s.graph.nodes.count, m.graph.nodes.count, file: file, line: line)
        XCTAssertLessThanOrEqual(s.serialized().count, m.serialized().count, file: file, line: line)
        XCTAssertEqual(report.nodesAfter, s.graph.nodes.count, file: file, line: line)
    }

    func testExtremeShapeArguments() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.ints("huge", [3], [Int64.max, Int64.max, 2])
        b.ints("neg", [2], [-5, -7])
        b.ints("zeroHuge", [2], [0, 1 << 40])
        b.ints("i", [1], [Int64.min])
        b.ints("st", [1], [Int64.max])
        b.node("ConstantOfShape", ["huge"], ["c1"])
        b.node("ConstantOfShape", ["neg"], ["c2"])
        b.node("ConstantOfShape", ["zeroHuge"], ["c3"])
        b.node("Reshape", ["zeroHuge", "zeroHuge"], ["r"], [.int("allowzero", 1)])
        b.node("Gather", ["huge", "i"], ["g"])
        b.node("Slice", ["huge", "i", "st", "i", "st"], ["s1"])
        b.node("Slice", ["huge", "st", "i", "i", "i"], ["s2"])
        b.node("Range", ["i", "st", "st"], ["rg"])
        b.node("Expand", ["x", "huge"], ["e"])
        b.node("Tile", ["x", "huge"], ["t"])
        b.node("Unsqueeze", ["x", "huge"], ["u"])
        b.node("Squeeze", ["x", "i"], ["q"])
        b.node("Concat", ["c1", "c2", "c3", "r", "g", "s1", "s2", "rg", "e", "t", "u", "q"], ["y"], [.int("axis", 0)])
        b.output("y")
        try check(b.model)
    }

    func testMissingProducersDuplicateNamesAndEmptyGraph() throws {
        var b = GraphBuilder()
        b.node("Relu", ["nowhere"], ["a"])
        b.node("Relu", ["a"], ["a"])
        b.node("Identity", ["a"], ["y"])
        b.node("Identity", [], [])
        b.node("BatchNormalization", ["a"], ["bn"])
        b.node("Conv", [], ["cv"])
        b.output("y")
        try check(b.model)
        try check(Model())
    }

    func testMalformedTensorsAreNotFolded() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        var bad = Tensor(name: "bad", dataType: .int64, dims: [4], rawData: [1, 2, 3])
        bad.dims = [4]
        b.graph.initializers.append(bad)
        var external = Tensor.int64(name: "ext", dims: [1], values: [1])
        external.dataLocation = Tensor.externalLocation
        b.graph.initializers.append(external)
        b.node("Concat", ["bad", "ext"], ["c"], [.int("axis", 0)])
        b.node("Reshape", ["x", "c"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Concat", "Reshape"])
    }

    func testSubgraphReferencesKeepTheirProducers() throws {
        var body = Graph()
        body.nodes = [Node(opType: "Identity", inputs: ["outer"], outputs: ["o"])]
        body.outputs = [ValueInfo(name: "o", type: TypeProto.tensor(.float, [1]))]
        var b = GraphBuilder()
        b.input("x", [1])
        b.input("cond", [], .bool)
        b.node("Identity", ["x"], ["outer"])
        var ifNode = Node(opType: "If", inputs: ["cond"], outputs: ["y"])
        var thenA = Attribute(); thenA.name = "then_branch"; thenA.type = .graph; thenA.g = body
        var elseA = Attribute(); elseA.name = "else_branch"; elseA.type = .graph; elseA.g = body
        ifNode.attributes = [thenA, elseA]
        b.graph.nodes.append(ifNode)
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertTrue(s.graph.nodes.contains { $0.outputs == ["outer"] })
    }

    func testInvalidOptionsThrow() {
        var o = SimplifyOptions()
        o.maxIterations = 0
        XCTAssertThrowsError(try Simplifier.simplify(Model(), options: o))
        var p = SimplifyOptions()
        p.inputShapes = ["missing": [1]]
        XCTAssertThrowsError(try Simplifier.simplify(Model(), options: p))
    }

    func testIterationBoundIsReported() throws {
        var o = SimplifyOptions()
        o.maxIterations = 1
        let (_, report) = try Simplifier.simplifyWithReport(try TestPaths.fixture("mini_v3.onnx"), options: o)
        XCTAssertEqual(report.iterations, 1)
        XCTAssertFalse(report.reachedFixedPoint)
        XCTAssertFalse(report.warnings.isEmpty)
    }
}
