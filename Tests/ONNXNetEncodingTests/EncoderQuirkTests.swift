import XCTest
import ONNXModel
@testable import ONNXNetEncoding

/// The reference's quirks, on hand-built graphs (no ../shared needed).
final class EncoderQuirkTests: XCTestCase {
    func graph(_ nodes: [Node], initializers: [Tensor] = [], outputs: [String] = ["y"]) -> Graph {
        var g = Graph()
        g.inputs = [ValueInfo(name: "x", type: .tensor(.float, [1, 4]))]
        g.initializers = initializers
        g.nodes = nodes
        g.outputs = outputs.map { ValueInfo(name: $0, type: .tensor(.float, [1, 4])) }
        return g
    }

    func shapes(_ names: [String]) -> ShapeTable {
        var g = Graph()
        g.valueInfo = names.map { ValueInfo(name: $0, type: .tensor(.float, [1, 4])) }
        return ShapeTable(valueInfoOf: g)
    }

    func testChainContinuesAndEndsInOut() {
        let g = graph([
            Node(opType: "Relu", inputs: ["x"], outputs: ["a"]),   // data = [] (x is an input): other node
            Node(opType: "Sigmoid", inputs: ["a"], outputs: ["b"]),
            Node(opType: "Tanh", inputs: ["b"], outputs: ["y"]),
        ])
        let e = ChainSlimEncoder(variant: .chainSlim).encode(g, shapes: shapes(["a", "b"]))
        XCTAssertEqual(e.text, "Relu(1x4) --> Value1:1x4\nSigmoid(Value1) --> Tanh(prev) --> Out")
        XCTAssertTrue(e.warnings.isEmpty)
    }

    func testRestartedChainDropsItsInputAndScalarsAreHidden() {
        let w = Tensor.float32(name: "w", dims: [4], values: [1, 2, 3, 4])
        let g = graph([
            Node(opType: "Relu", inputs: ["x"], outputs: ["a"]),
            Node(opType: "Sigmoid", inputs: ["a"], outputs: ["b"]),
            Node(opType: "Elu", inputs: ["a"], outputs: ["c"], attributes: [.float("alpha", 0.5)]),
            Node(opType: "Mul", inputs: ["c", "w"], outputs: ["d"], attributes: [.ints("k", [3, 3]), .ints("p", [0, 1])]),
            Node(opType: "Add", inputs: ["b", "d"], outputs: ["y"]),
        ], initializers: [w])
        let e = ChainSlimEncoder(variant: .chainSlim).encode(g, shapes: shapes(["a", "b", "c", "d"]))
        XCTAssertEqual(e.text, """
        Relu(1x4) --> Value1:1x4
        Sigmoid(Value1) --> Value2:1x4
        Elu() --> Mul(prev, Param[4])(k=3,p=[0,1]) --> Value3:1x4
        Add(Value2, Value3) --> Out

        """)
    }

    func testNodeWithoutInputsEatsALetter() {
        let g = graph([
            Node(opType: "Constant", inputs: [], outputs: ["c"], attributes: [.tensor("value", Tensor())]),
            Node(opType: "Add", inputs: ["x", "c"], outputs: ["y"]),
        ])
        let e = ChainSlimEncoder(variant: .chainSlim).encode(g, shapes: shapes(["c"]))
        // Add has one data input (x is a graph input), so it starts a chain.
        XCTAssertEqual(e.text, "Constan)(value=<BLOB>) --> Value1:1x4\nAdd(Value1, 1x4) --> Out")
    }

    func testMissingShapeWarnsInsteadOfFailing() {
        let g = graph([
            Node(opType: "Split", inputs: ["x"], outputs: ["a", "b"]),
            Node(opType: "Add", inputs: ["a", "b"], outputs: ["y"]),
        ])
        let e = ChainSlimEncoder(variant: .chainSlim).encode(g, shapes: ShapeTable())
        XCTAssertEqual(e.text, "Split(1x4) --> Value1, Value2\nAdd(Value1, Value2) --> Out\n")
        XCTAssertEqual(e.warnings.count, 2)
    }

    func testAttributeRenderingMatchesPythonRepr() {
        XCTAssertEqual(PythonRepr.double(Double(Float(0.1))), "0.10000000149011612")
        XCTAssertEqual(PythonRepr.double(1e-05), "1e-05")
        XCTAssertEqual(PythonRepr.double(1.0), "1.0")
        XCTAssertEqual(PythonRepr.double(1e16), "1e+16")
        XCTAssertEqual(PythonRepr.double(123456789012345.0), "123456789012345.0")
        XCTAssertEqual(PythonRepr.double(-0.0001), "-0.0001")
        XCTAssertEqual(PythonRepr.double(Double(Float(9.999999747378752e-06))), "9.999999747378752e-06")
        XCTAssertEqual(PythonRepr.bytes(Array("a'b".utf8)), "b\"a'b\"")
        XCTAssertEqual(PythonRepr.bytes([0x00, 0x41, 0x0A]), "b'\\x00A\\n'")
        XCTAssertEqual(AttributeText.render([.floats("f", [1, 0.1]), .int("g", 1), .ints("e", []), .string("s", "x")]),
                       "f=[1.0,0.10000000149011612]")
    }

    func testVariantsShareTheWalk() {
        let g = graph([
            Node(opType: "Relu", inputs: ["x"], outputs: ["a"]),
            Node(opType: "Sigmoid", inputs: ["a"], outputs: ["y"], attributes: [.ints("k", [2])]),
        ])
        let s = shapes(["a"])
        XCTAssertEqual(ChainSlimEncoder(variant: .chainSlimBase).encode(g, shapes: s).text, "Relu --> Value\nSigmoid --> Out")
        XCTAssertEqual(ChainSlimEncoder(variant: .chainSlimParam).encode(g, shapes: s).text, "Relu --> Value\nSigmoid(k=2) --> Out")
        XCTAssertEqual(ChainSlimEncoder(variant: .chainSlimInput).encode(g, shapes: s).text, "Relu(1x4) --> Value1\nSigmoid(Value1) --> Out")
        XCTAssertEqual(ChainSlimEncoder(variant: .chainSlimOutshape).encode(g, shapes: s).text, "Relu) --> Value:1x4\nSigmoid --> Out")
    }
}
