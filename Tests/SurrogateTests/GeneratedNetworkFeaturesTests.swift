import ONNXModel
import SearchSpaces
@testable import Surrogate
import XCTest

/// Features of networks from the project's own generators: what the canonicalisation of
/// the compute graph promises on real search-space cells.
final class GeneratedNetworkFeaturesTests: XCTestCase {
    func nb201(_ cell: String) throws -> FeatureVector {
        GraphFeatures.extract(try NB201Space().build(cell, weights: .shapesOnly))
    }

    func value(_ name: String, _ v: FeatureVector) -> Double {
        v.dense[StructuralFeatures.names.firstIndex(of: name)!]
    }

    func testCellWithoutAnyPathIgnoresItsInput() throws {
        let v = try nb201("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        XCTAssertEqual(value("output_ignores_input", v), 1)
        XCTAssertEqual(value("log_paths", v), 0)
        XCTAssertGreaterThan(v.parameterCount, 0, "the dead convolutions still count for the baseline")
    }

    func testFunctionallyEqualCellsGetEqualFeatures() throws {
        // Node 3 only reads node 0 (skip): whatever nodes 1 and 2 compute is dead.
        let a = try nb201("|nor_conv_3x3~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|skip_connect~0|none~1|none~2|")
        let b = try nb201("|nor_conv_1x1~0|+|skip_connect~0|none~1|+|skip_connect~0|none~1|none~2|")
        XCTAssertEqual(a.indices, b.indices)
        XCTAssertEqual(a.values, b.values)
        for name in ["vertices", "log_paths", "path_depth_mean", "conv", "log_params", "log_macs", "skip_edges"] {
            XCTAssertEqual(value(name, a), value(name, b), accuracy: 1e-12, name)
        }
        XCTAssertNotEqual(a.parameterCount, b.parameterCount, "the raw baseline counts dead weights")
        // And a cell that computes something else differs.
        let c = try nb201("|nor_conv_1x1~0|+|skip_connect~0|none~1|+|nor_conv_3x3~0|none~1|none~2|")
        XCTAssertNotEqual(a.indices, c.indices)
    }

    func testNB101CellFeatures() throws {
        let space = NB101Space()
        // Random specs need no enumeration of the space (which is slow in debug builds).
        for cell in NB101Space.sampleRandomSpecs(count: 3, seed: 1) {
            let model = try space.build(NB101Notation.print(cell), weights: .shapesOnly)
            let v = GraphFeatures.extract(model)
            XCTAssertEqual(value("output_ignores_input", v), 0)
            XCTAssertGreaterThan(v.multiplyAdds, 0)
            // NB101's stem, 9 cells and classifier: at least 10 weighted layers on every path.
            XCTAssertGreaterThanOrEqual(value("path_depth_min", v), 10)
            XCTAssertEqual(v, GraphFeatures.extract(model))
        }
    }
}
