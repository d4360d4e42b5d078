@testable import Surrogate
import XCTest

/// Protocol splits, the evaluator on synthetic pools, the feature cache and settings.
final class EvaluationTests: XCTestCase {
    func pool(_ name: String, count: Int, seed: UInt64) -> LabelledPool {
        let d = SyntheticData.make(count: count, seed: seed)
        return LabelledPool(space: name, names: (0..<count).map { "\(name)-\($0)" }, accuracies: d.targets, features: d.features)
    }

    func testSplitsAreDeterministicAndDisjoint() throws {
        let sizes = ["nb201": 15_625, "nb101": 20_001, "nb101-naslib": 500, "nb301": 725]
        let p = try EvaluationProtocol.named("nb201-1pct")
        let a = try p.splits(poolSizes: sizes, seed: 3), b = try p.splits(poolSizes: sizes, seed: 3)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a[0].train["nb201"]!.count, 156)
        XCTAssertEqual(a[0].test.count, 15_625 - 156)
        XCTAssertTrue(Set(a[0].train["nb201"]!).isDisjoint(with: a[0].test))
        XCTAssertNotEqual(try p.splits(poolSizes: sizes, seed: 4)[0].train, a[0].train)
        XCTAssertEqual(try EvaluationProtocol.named("nb201-10pct").splits(poolSizes: sizes, seed: 0)[0].train["nb201"]!.count, 1563)
        XCTAssertEqual(try EvaluationProtocol.named("nb101-424").splits(poolSizes: sizes, seed: 0)[0].train["nb101"]!.count, 424)
        let zeroShot = try EvaluationProtocol.named("nb101-to-nb201").splits(poolSizes: sizes, seed: 0)[0]
        XCTAssertEqual(zeroShot.train["nb101"]!.count + zeroShot.train["nb101-naslib"]!.count, 20_501)
        XCTAssertNil(zeroShot.train["nb201"])
        XCTAssertEqual(zeroShot.test.count, 15_625)
        let loo = try EvaluationProtocol.named("leave-one-out").splits(poolSizes: sizes, seed: 0)
        XCTAssertEqual(loo.map(\.name), ["nb101", "nb201", "nb301"])
        XCTAssertEqual(loo[0].train["nb201"]!.count, 1000)
        XCTAssertEqual(loo[0].train["nb301"]!.count, 725)
        XCTAssertNil(loo[0].train["nb101"])
    }

    func testUnknownProtocolAndMissingPoolAreClearErrors() {
        XCTAssertThrowsError(try EvaluationProtocol.named("nb999")) { error in
            XCTAssertTrue("\(error)".contains("nb201-1pct"), "the message lists the known protocols")
        }
        XCTAssertThrowsError(try EvaluationProtocol.named("nb101-424").splits(poolSizes: ["nb201": 10], seed: 0)) {
            XCTAssertEqual($0 as? EvaluationError, .missingPool("nb101", protocolId: "nb101-424"))
        }
    }

    func testEvaluatorReportsSurrogateAndBaselines() throws {
        var config = SurrogateConfig(seed: 0, threads: 2)
        try config.apply(settings: "trees=40 design=16")
        let report = try ProtocolEvaluator.evaluate(protocol: "nb101-424", pools: ["nb101": pool("nb101", count: 700, seed: 5)],
                                                    seeds: [0, 1], config: config)
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
