import Foundation
import ONNXModel
import ONNXNetSupport
import ONNXSimplify
import SearchSpaces
@testable import Surrogate
import XCTest

/// The surrogate shipped in the package loads, describes itself and scores generated cells
/// sensibly (a strong cell above a collapsed one, both in distribution).
final class EmbeddedSurrogateTests: XCTestCase {
    func testEmbeddedModelLoadsAndRanks() throws {
        let model = try DefaultSurrogate.embedded()
        XCTAssertEqual(model.info.trainingExamples, 36_626)  // NB201 15,625 + NB101 20,276 distinct + NB301 725
        XCTAssertEqual(model.features, .default)
        let space = NB201Space()
        // The best NB201 cell (94.36% CIFAR-10 test accuracy) and the all-pooling cell (49.02%).
        let strong = model.predict(try space.build("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|", weights: .shapesOnly))
        let weak = model.predict(try space.build("|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|", weights: .shapesOnly))
        XCTAssertGreaterThan(strong.predictedAccuracy, 92)
        XCTAssertGreaterThan(strong.score, weak.score)
        XCTAssertLessThan(weak.predictedAccuracy, strong.predictedAccuracy - 10)
        XCTAssertFalse(strong.outOfDistribution)
    }

    /// The NB201 goldens are PyTorch exports with every payload stripped; scored after the
    /// default simplification, each must get the prediction of our own export of its cell
    /// (compares against ../shared when present).
    func testWeightStrippedGoldensScoreLikeOurOwnExports() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is not present") }
        let folder = shared + "/spec/goldens/nb201"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw XCTSkip("no NB201 goldens") }
        let model = try DefaultSurrogate.embedded()
        let space = NB201Space()
        for file in files {
            let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) as! [String: Any]
            let arch = try XCTUnwrap(meta["arch"] as? String)
            let golden = try ModelLoader.load(path: folder + "/" + file.replacingOccurrences(of: ".json", with: ".onnx"))
            let fromGolden = model.predict(try Simplifier.simplify(golden))
            let fromOurs = model.predict(try space.build(arch, weights: .shapesOnly))
            XCTAssertEqual(fromGolden.predictedAccuracy, fromOurs.predictedAccuracy, accuracy: 1e-6, file)
            XCTAssertEqual(fromGolden.outOfDistribution, fromOurs.outOfDistribution, file)
        }
    }
}
