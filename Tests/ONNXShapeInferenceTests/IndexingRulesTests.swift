import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class IndexingRulesTests: XCTestCase {
    func testGatherInsertsIndexDims() {
        var g = TestGraph()
        g.input("data", .float, [5, 4, 3])
        g.input("idx", .int64, [2, 6])
        g.initializer("scalar", int64: [1], dims: [])
        g.node("Gather", ["data", "idx"], ["a"], [.int("axis", 1)])
        g.node("Gather", ["data", "scalar"], ["b"])
        g.node("GatherElements", ["data", "data"], ["c"])
        let r = g.infer()
        assertType(r, "a", .float, [5, 2, 6, 3])
        assertType(r, "b", .float, [4, 3])
        assertType(r, "c", .float, [5, 4, 3])
    }

    func testTopKWithConstantKAndWithout() {
        var g = TestGraph(opset: 11)
        g.input("x", .float, [3, 10])
        g.initializer("k", int64: [4])
        g.node("TopK", ["x", "k"], ["v", "i"])
        g.input("dynk", .int64, [1])
        g.node("TopK", ["x", "dynk"], ["v2", "i2"])
        let r = g.infer()
        assertType(r, "v", .float, [3, 4])
        assertType(r, "i", .int64, [3, 4])
        assertType(r, "v2", .float, ["unk__0", "unk__1"])
    }

    func testNonZeroOneHotAndCompress() {
        var g = TestGraph(opset: 11)
        g.input("x", .float, [2, 3])
        g.input("idx", .int64, [4])
        g.initializer("depth", int64: [10], dims: [])
        g.input("values", .float, [2])
        g.input("cond", .bool, [3])
        g.node("NonZero", ["x"], ["nz"])
        g.node("OneHot", ["idx", "depth", "values"], ["oh"])
        g.node("Compress", ["x", "cond"], ["cp"], [.int("axis", 1)])
        let r = g.infer()
        assertType(r, "nz", .int64, [2, "unk__0"])
        assertType(r, "oh", .float, [4, 10])
        assertType(r, "cp", .float, [2, "unk__1"])
    }
}
