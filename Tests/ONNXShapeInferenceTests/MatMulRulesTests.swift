import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class MatMulRulesTests: XCTestCase {
    func testGemmTransposes() {
        var g = TestGraph()
        g.input("a", .float, ["N", 64])
        g.input("b", .float, [10, 64])
        g.input("c", .float, [10])
        g.node("Gemm", ["a", "b", "c"], ["y"], [.int("transB", 1)])
        g.input("at", .float, [64, 3])
        g.input("bb", .float, [64, 7])
        g.node("Gemm", ["at", "bb"], ["z"], [.int("transA", 1)])
        let r = g.infer()
        assertType(r, "y", .float, ["N", 10])
        assertType(r, "z", .float, [3, 7])
    }

    func testGemmNeedsRank2() {
        var g = TestGraph()
        g.input("a", .float, [2, 3, 4])
        g.input("b", .float, [4, 5])
        g.node("Gemm", ["a", "b"], ["y"])
        assertUntyped(g.infer(), "y")
    }

    func testMatMulBatchBroadcastAndVectors() {
        var g = TestGraph()
        g.input("a", .float, ["B", 1, 3, 4])
        g.input("b", .float, [5, 4, 6])
        g.input("v", .float, [4])
        g.node("MatMul", ["a", "b"], ["ab"])
        g.node("MatMul", ["a", "v"], ["av"])
        g.node("MatMul", ["v", "b"], ["vb"])
        let r = g.infer()
        assertType(r, "ab", .float, ["B", 5, 3, 6])
        assertType(r, "av", .float, ["B", 1, 3])
        assertType(r, "vb", .float, [5, 6])
    }

    func testMatMulInnerDimensionMismatchFails() {
        var g = TestGraph()
        g.input("a", .float, [2, 3])
        g.input("b", .float, [4, 5])
        g.node("MatMul", ["a", "b"], ["y"])
        assertUntyped(g.infer(), "y")
    }

    func testEinsum() {
        var g = TestGraph()
        g.input("a", .float, [2, 3, 4])
        g.input("b", .float, [2, 4, 5])
        g.node("Einsum", ["a", "b"], ["explicit"], [.string("equation", "bij,bjk->bik")])
        g.node("Einsum", ["a"], ["transpose"], [.string("equation", "ijk->kji")])
        g.node("Einsum", ["a", "b"], ["implicit"], [.string("equation", "bij,bjk")])
        g.node("Einsum", ["a"], ["ellipsis"], [.string("equation", "...k->...")])
        let r = g.infer()
        assertType(r, "explicit", .float, [2, 3, 5])
        assertType(r, "transpose", .float, [4, 3, 2])
        assertType(r, "implicit", .float, [3, 5])
        assertType(r, "ellipsis", .float, [2, 3])
    }
}
