import SearchSpaces
@testable import Surrogate
import XCTest

/// The surrogate shipped in the package loads, describes itself and scores generated cells
/// sensibly (a strong cell above a collapsed one, both in distribution).
final class EmbeddedSurrogateTests: XCTestCase {
    func testEmbeddedModelLoadsAndRanks() throws {
        let model = try DefaultSurrogate.embedded()
        XCTAssertEqual(model.info.trainingExamples, 36_851)
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
}
