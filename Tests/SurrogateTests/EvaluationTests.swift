@testable import Surrogate
import XCTest

/// Protocol splits, the evaluator on synthetic pools, the feature cache and settings.
final class EvaluationTests: XCTestCase {
    func pool(_ name: String, count: Int, seed: UInt64) -> LabelledPool {
        let d = SyntheticData.make(count: count, seed: seed)
        return LabelledPool(space: name, names: (0..<count).map { "\(name)-\($0)" }, accuracies: d.targets, features: d.features)
    }

    func testEvaluatorReportsSurrogateAndBaselines() throws {
        var config = SurrogateConfig(seed: 0, threads: 2)
        try config.apply(settings: "trees=40 design=16")
        let data = pool("nb101", count: 700, seed: 5)
        let report = try ProtocolEvaluator.evaluate(protocol: "nb101-424", seeds: [0, 1], config: config) { seed in
            // A seeded split in the evaluator's hands: train on the first 424 of a rotation.
            let order = (0..<700).map { ($0 + Int(seed) * 7) % 700 }
            let train = Array(order.prefix(424)), test = Array(order.dropFirst(424))
            return [EvaluationSplit(name: "nb101", trainFeatures: train.map { data.features[$0] },
                                    trainAccuracies: train.map { data.accuracies[$0] },
                                    testFeatures: test.map { data.features[$0] }, testAccuracies: test.map { data.accuracies[$0] })]
        }
        XCTAssertEqual(report.rows.count, 1)
        let row = report.rows[0]
        XCTAssertEqual(row.trainCount, 424)
        XCTAssertEqual(row.testCount, 276)
        XCTAssertEqual(row.kendall?.values.count, 2)
        XCTAssertGreaterThan(row.kendall!.mean, 0.5)
        XCTAssertNotNil(row.parameterKendall)
        XCTAssertEqual(row.scatter.count, 276)
        XCTAssertTrue(report.table.contains("Kendall tau"))
        XCTAssertTrue(ScatterPlot.svg(points: row.scatter, title: "a < b").hasPrefix("<svg"))
        XCTAssertThrowsError(try ProtocolEvaluator.evaluate(protocol: "x", seeds: [0], config: config) { _ in
            [EvaluationSplit(name: "empty", trainFeatures: [], trainAccuracies: [], testFeatures: [], testAccuracies: [])]
        }) { XCTAssertEqual($0 as? EvaluationError, .emptySplit("empty")) }
    }

    func testFeatureCacheRoundTripAndStaleness() throws {
        let p = pool("nb201", count: 20, seed: 9)
        let path = NSTemporaryDirectoryPath() + "/features-\(UInt32.random(in: 0...UInt32.max)).cache"
        defer { unlink(path) }
        try FeatureCache.write(p, config: .default, to: path)
        let back = try XCTUnwrap(FeatureCache.read(path: path, config: .default))
        XCTAssertEqual(back.names, p.names)
        XCTAssertEqual(back.accuracies, p.accuracies)
        XCTAssertEqual(back.features, p.features)
        var other = FeatureConfig.default
        other.wlIterations = 1
        XCTAssertNil(FeatureCache.read(path: path, config: other), "a cache of other settings is stale")
        XCTAssertNil(FeatureCache.read(path: path + ".missing", config: .default))
    }

    func testSettings() throws {
        var c = SurrogateConfig()
        try c.apply(settings: "members=ridge:1,gbdt:3:2,linear:1:1:in trees=50 wl=2 target=standard")
        XCTAssertEqual(c.members, [.init(.ridge), .init(.boostedTrees, count: 3, weight: 2), .init(.structuralLinear, role: .inDistribution)])
        XCTAssertEqual(c.hyperparameters.treeCount, 50)
        XCTAssertEqual(c.features.wlIterations, 2)
        XCTAssertEqual(c.targetScale, .standardized)
        XCTAssertThrowsError(try c.apply(settings: "trees=lots"))
        XCTAssertThrowsError(try c.apply(settings: "colour=blue")) { XCTAssertTrue("\($0)".contains("unknown setting")) }
        XCTAssertThrowsError(try c.apply(settings: "members=forest:2"))
    }

    func testFarModelsAreScoredByTheTransferMembers() throws {
        let d = SyntheticData.make(count: 150, seed: 21)
        var config = SurrogateConfig(seed: 0, threads: 1)
        try config.apply(settings: "trees=30 design=8")
        let model = try Surrogate.train(features: d.features, accuracies: d.targets, config: config)
        XCTAssertEqual(Set(model.memberKinds), [.ridge, .boostedTrees, .structuralLinear, .capacityPrior])
        var far = d.features[0]
        far.dense = far.dense.map { $0 + 100 }
        let e = model.evaluate(far)
        XCTAssertGreaterThan(e.ood, 2)
        XCTAssertEqual(e.gate, 0)
        XCTAssertEqual(e.score, SurrogateModel.combine(e.z, model.members, role: .transfer)!, accuracy: 1e-12)
        let near = model.evaluate(d.features[1])
        XCTAssertLessThanOrEqual(near.ood, 1.5)
        XCTAssertGreaterThan(near.gate, 0)
    }
}
