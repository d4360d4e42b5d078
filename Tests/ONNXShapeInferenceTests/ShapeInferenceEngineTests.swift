import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ShapeInferenceEngineTests: XCTestCase {
    func testUnknownOperatorLeavesOutputsUnknownAndInferenceGoesOn() {
        var g = TestGraph()
        g.input("x", .float, [1, 4])
        g.node("FancyCustomOp", ["x"], ["c"], domain: "com.example")
        g.node("Relu", ["c"], ["d"])
        g.node("Relu", ["x"], ["e"])
        let r = g.infer()
        assertUntyped(r, "c")
        assertUntyped(r, "d")
        assertType(r, "e", .float, [1, 4])
        XCTAssertTrue(r.warnings.contains { $0.contains("FancyCustomOp") })
        let imported = ShapeInference.infer(graph: g.graph, opset: 17, otherOpsets: ["com.example": 1])
        assertUntyped(imported, "d")
        XCTAssertTrue(imported.warnings.contains { $0.contains("no shape rule for operator com.example.FancyCustomOp") })
    }

    func testOperatorNewerThanTheOpsetIsUnsupported() {
        var g = TestGraph(opset: 17)
        g.input("x", .float, [2])
        g.node("Gelu", ["x"], ["y"])
        assertUntyped(g.infer(), "y")
        g.opset = 20
        assertType(g.infer(), "y", .float, [2])
    }

    func testGeneratedSymbolsSkipNamesAlreadyInTheGraph() {
        var g = TestGraph(opset: 14)
        g.input("x", .float, ["unk__0", 4])
        g.input("s", .int64, [2])
        g.node("Reshape", ["x", "s"], ["y"])
        assertType(g.infer(), "y", .float, ["unk__1", "unk__2"])
    }

    /// GreaterOrEqual is defined by a function body that ONNX infers node by node: its
    /// intermediate results take symbols too, which shows in the numbering.
    func testFunctionBodiesConsumeSymbolsLikeOnnx() {
        var g = TestGraph(opset: 16)
        g.input("a", .float, [nil, 4])
        g.input("b", .float, [nil, 4])
        g.node("GreaterOrEqual", ["a", "b"], ["ge"])
        g.node("Relu", ["a"], ["r"])
        let r = g.infer()
        assertType(r, "ge", .bool, ["unk__2", 4])
        assertType(r, "r", .float, ["unk__3", 4])
    }

    func testSequenceValuesFlowToTheTensorsTakenOutOfThem() {
        var g = TestGraph(opset: 12)
        g.input("x", .float, [2, 3])
        g.input("y", .float, [5, 3])
        g.initializer("pos", int64: [0], dims: [])
        g.node("SequenceConstruct", ["x", "y"], ["seq"])
        g.node("SequenceAt", ["seq", "pos"], ["item"])
        g.node("SequenceLength", ["seq"], ["len"])
        g.node("ConcatFromSequence", ["seq"], ["cat"], [.int("axis", 0)])
        let r = g.infer()
        assertType(r, "item", .float, ["unk__0", 3])
        assertType(r, "len", .int64, [])
        assertType(r, "cat", .float, ["unk__1", 3])
        assertUntyped(r, "seq")
    }

    func testDeclaredTypesMergeWithInferredOnes() {
        var g = TestGraph()
        g.input("x", .float, ["N", 3])
        g.node("Relu", ["x"], ["y"])
        g.node("Relu", ["x"], ["z"])
        g.node("Relu", ["y"], ["w"])
        g.graph.valueInfo = [ValueInfo(name: "y", type: .tensor(.float, [8, 3]))]
        g.graph.outputs = [ValueInfo(name: "z", type: TypeProto(.tensor(elementType: .float, shape: TensorShape([ONNXModel.Dimension(.param("B")), .unknown]))))]
        let r = g.infer()
        // A declared value wins over an inferred symbol, a declared symbol is kept, an unknown
        // declared dim takes the inferred one; later nodes see the merged type.
        assertType(r, "y", .float, [8, 3])
        assertType(r, "z", .float, ["B", 3])
        assertType(r, "w", .float, [8, 3])
    }

    func testContradictingDeclaredTypeKeepsTheDeclaration() {
        var g = TestGraph()
        g.input("x", .float, [2, 3])
        g.node("Relu", ["x"], ["y"])
        g.graph.valueInfo = [ValueInfo(name: "y", type: .tensor(.float, [5, 3]))]
        let r = g.infer()
        assertType(r, "y", .float, [5, 3])
        XCTAssertFalse(r.warnings.isEmpty)
    }

    func testAnnotateFillsValueInfoAndUntypedOutputsLikeOnnx() {
        var g = TestGraph()
        g.input("x", .float, [1, 2])
        g.node("Relu", ["x"], ["a"])
        g.node("Neg", ["a"], ["b"])
        g.output("b")
        let model = ShapeInference.annotate(Model(graph: g.graph, opset: 17))
        XCTAssertEqual(model.graph.valueInfo.map(\.name), ["a", "b"])
        XCTAssertEqual(model.graph.valueInfo[0].type, .tensor(.float, [1, 2]))
        XCTAssertEqual(model.graph.outputs[0].type, .tensor(.float, [1, 2]))
    }

    func testJSONText() {
        var g = TestGraph()
        g.input("x", .float, ["N", nil, 3])
        g.node("Relu", ["x"], ["y\"q"])
        let json = g.infer().jsonText
        XCTAssertEqual(json, #"{"types":{"x":{"elem":1,"shape":["N",null,3]},"y\"q":{"elem":1,"shape":["N","unk__0",3]}},"warnings":[]}"#)
    }

    func testShapeOfLookup() {
        var g = TestGraph()
        g.input("x", .float, [2, 2])
        g.node("Relu", ["x"], ["y"])
        let r = g.infer()
        XCTAssertEqual(r.shape(of: "y"), TensorShape(fixed: [2, 2]))
        XCTAssertNil(r.shape(of: "nope"))
    }

    func testInitializersAreTyped() {
        var g = TestGraph()
        g.initializer("w", float: [1, 2, 3, 4, 5, 6], dims: [2, 3])
        assertType(g.infer(), "w", .float, [2, 3])
    }

    /// Bad models: wrong ranks, missing attributes, negative dims, bad constants, cycles of
    /// names, nothing crashes and the rest of the graph is still inferred.
    func testBadModelsDoNotCrash() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [-3, 4])
        g.input("v", .float, [])
        g.initializer("badshape", float: [1, 2])
        g.initializer("huge", int64: [Int64.max, Int64.min])
        g.node("Reshape", ["x", "badshape"], ["r1"])
        g.node("Reshape", ["x", "huge"], ["r2"])
        g.node("Conv", ["v", "v"], ["c"])
        g.node("MaxPool", ["x"], ["p"], [.ints("kernel_shape", [3]), .ints("strides", [0])])
        g.node("Concat", ["x", "v"], ["cat"])
        g.node("Transpose", ["x"], ["t"], [.ints("perm", [5, 0])])
        g.node("Split", ["x"], ["s1", "s2"], [.ints("split", [Int64.max, 2])])
        g.node("Slice", ["x", "huge", "huge", "", "huge"], ["sl"])
        g.node("Gather", ["v", "x"], ["ga"])
        g.node("Relu", ["loop"], ["loop"])
        g.node("Relu", [], [])
        g.node("Add", ["x", "x", "x"], ["sum3"])
        g.node("Einsum", ["x"], ["e"], [.string("equation", "...,...->...")])
        g.node("Pad", ["x", "huge"], ["pd"])
        g.node("Resize", ["x", "", "badshape"], ["rs"])
        g.node("Relu", ["x"], ["ok"])
        let r = g.infer()
        assertType(r, "ok", .float, [-3, 4])
        for name in ["r1", "c", "p", "cat", "t", "s1"] { assertUntyped(r, name) }
        _ = ShapeInference.annotate(Model(graph: g.graph, opset: 13))
        _ = g.infer(dataPropagation: true)
    }

    func testDeeplyNestedSubgraphsAreBounded() {
        var inner = Graph()
        inner.nodes = [Node(opType: "Identity", inputs: ["x"], outputs: ["o"])]
        inner.outputs = [ValueInfo(name: "o", type: nil)]
        for _ in 0..<40 {
            var wrapper = Graph()
            var attr = Attribute(); attr.name = "then_branch"; attr.type = .graph; attr.g = inner
            var attr2 = attr; attr2.name = "else_branch"
            wrapper.nodes = [Node(opType: "If", inputs: ["c"], outputs: ["o"], attributes: [attr, attr2])]
            wrapper.outputs = [ValueInfo(name: "o", type: nil)]
            inner = wrapper
        }
        var g = TestGraph(opset: 13)
        g.input("c", .bool, [])
        g.input("x", .float, [3])
        g.graph.nodes = inner.nodes
        let r = g.infer()
        assertUntyped(r, "o")
    }

    func testRegistryCoversTheIssueOperators() {
        let required = ["Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
                        "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization", "LRN",
                        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Gelu",
                        "Erf", "Clip", "Softmax", "LogSoftmax", "Dropout", "Identity", "Add", "Sub", "Mul", "Div", "Pow",
                        "Sqrt", "Max", "Min", "Sum", "Mean", "Concat", "Split", "Slice", "Gather", "Flatten", "Reshape",
                        "Transpose", "Squeeze", "Unsqueeze", "Pad", "Gemm", "MatMul", "ReduceMean", "ReduceSum", "ReduceMax",
                        "Resize", "Upsample", "Shape", "Size", "Constant", "ConstantOfShape", "Cast", "Expand", "Where",
                        "Tile", "Equal", "Less", "Greater", "Not", "Range", "TopK", "ArgMax", "Einsum"]
        let supported = Set(OperatorRegistry.supportedOperators)
        XCTAssertEqual(required.filter { !supported.contains($0) }, [])
        XCTAssertGreaterThan(supported.count, 170)
    }
}
