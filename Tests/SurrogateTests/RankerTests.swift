@testable import Surrogate
import XCTest

/// Every ranker kind recovers a monotone relation on synthetic data.
final class RankerTests: XCTestCase {
    func fitAndRank(_ kind: RankerKind, hyperparameters h: RankerHyperparameters) throws -> Double {
        let train = SyntheticData.make(count: 300, seed: 1)
        let test = SyntheticData.make(count: 300, seed: 2)
        var config = SurrogateConfig(members: [.init(kind, count: 1)], hyperparameters: h, designColumns: 16,
                                     targetScale: .standardized, seed: 3, threads: 1)
        config.features = .default
        let model = try Surrogate.train(features: train.features, accuracies: train.targets, config: config)
        XCTAssertEqual(model.memberKinds, [kind])
        return try Metrics.kendallTauB(model.scores(test.features, threads: 1), test.targets)
    }

    func fastHyperparameters() -> RankerHyperparameters {
        var h = RankerHyperparameters()
        h.treeCount = 150
        h.mlpSteps = 600
        h.mlpHidden = 32
        return h
    }

    func testRidgeRecoversMonotoneRelation() throws {
        XCTAssertGreaterThan(try fitAndRank(.ridge, hyperparameters: fastHyperparameters()), 0.7)
    }

    func testBoostedTreesRecoverMonotoneRelation() throws {
        XCTAssertGreaterThan(try fitAndRank(.boostedTrees, hyperparameters: fastHyperparameters()), 0.7)
    }

    func testPairwiseMLPRecoversMonotoneRelation() throws {
        // A network of this size overfits the noisy hashed columns of 300 examples more than
        // the others do: a lower bar, still far from chance (0).
        XCTAssertGreaterThan(try fitAndRank(.pairwiseMLP, hyperparameters: fastHyperparameters()), 0.55)
    }

    func testIsotonicCalibrationIsMonotoneAndFitsMeans() {
        let c = IsotonicCalibration.fit(scores: [1, 2, 3, 4, 5, 6], targets: [10, 30, 20, 40, 50, 45])
        // Blocks: 10 | (30, 20) -> 25 | 40 | (50, 45) -> 47.5
        XCTAssertEqual(c.values, [10, 25, 40, 47.5])
        XCTAssertEqual(c.scores, [1, 2.5, 4, 5.5])
        XCTAssertEqual(c(0), 10)
        XCTAssertEqual(c(100), 47.5)
        XCTAssertEqual(c(3.25), 32.5, accuracy: 1e-12)
        var previous = -Double.infinity
        for s in stride(from: 0.0, through: 7.0, by: 0.1) {
            XCTAssertGreaterThanOrEqual(c(s), previous)
            previous = c(s)
        }
    }

    func testNormalScoresKeepOrderAndTies() {
        let z = TargetScaling.transform([3, 1, 2, 2, 10], .normalScores)
        XCTAssertLessThan(z[1], z[2])
        XCTAssertEqual(z[2], z[3])
        XCTAssertLessThan(z[3], z[0])
        XCTAssertLessThan(z[0], z[4])
        XCTAssertEqual(NormalQuantile.of(0.5), 0, accuracy: 1e-9)
        XCTAssertEqual(NormalQuantile.of(0.975), 1.959964, accuracy: 1e-6)
        XCTAssertEqual(NormalQuantile.of(0.01), -2.326348, accuracy: 1e-6)
    }

    func testTrainingRejectsBadInput() {
        let d = SyntheticData.make(count: 10, seed: 1)
        XCTAssertThrowsError(try Surrogate.train(features: Array(d.features.prefix(2)), accuracies: [1, 2])) {
            XCTAssertEqual($0 as? SurrogateTrainingError, .tooFewExamples(2))
        }
        XCTAssertThrowsError(try Surrogate.train(features: d.features, accuracies: Array(repeating: 5, count: 10))) {
            XCTAssertEqual($0 as? SurrogateTrainingError, .constantAccuracy)
        }
        var bad = d.targets
        bad[4] = .nan
        XCTAssertThrowsError(try Surrogate.train(features: d.features, accuracies: bad)) {
            XCTAssertEqual($0 as? SurrogateTrainingError, .nonFiniteAccuracy(index: 4))
        }
    }
}
