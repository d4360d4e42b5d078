import Surrogate
import XCTest

/// Metrics against values worked out by hand (the derivations are in the comments), and the
/// O(n log n) tau-b against the O(n^2) definition on random data with many ties.
final class MetricsTests: XCTestCase {
    func testKendallTauBHandComputedWithTies() throws {
        // x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0]. Of the 10 pairs: concordant (0,4), (3,4);
        // discordant (0,1), (0,2), (1,2), (1,3), (2,3), (2,4); (1,4) tied in x only; (0,3) tied
        // in both. tau_b = (2 - 6) / sqrt((2 + 6 + 1) * (2 + 6 + 0)) = -4 / sqrt(72).
        XCTAssertEqual(try Metrics.kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]), -4 / 72.0.squareRoot(), accuracy: 1e-15)
        // x = [1, 2, 3, 4, 5], y = [5, 6, 7, 8, 7]: 8 concordant, 1 discordant (3,4 -> 8 > 7),
        // 1 tied in y (2,4). tau_b = 7 / sqrt(10 * 9).
        XCTAssertEqual(try Metrics.kendallTauB([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 7 / 90.0.squareRoot(), accuracy: 1e-15)
        // Without ties tau_b is (C - D) / (n(n-1)/2): [1,2,3,4] vs [1,3,2,4] has 5 C, 1 D.
        XCTAssertEqual(try Metrics.kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]), 4.0 / 6.0, accuracy: 1e-15)
        XCTAssertEqual(try Metrics.kendallTauB([1, 2, 3], [1, 2, 3]), 1)
        XCTAssertEqual(try Metrics.kendallTauB([1, 2, 3], [3, 2, 1]), -1)
        // Two values, tied in y only? Then y is constant: undefined.
        XCTAssertThrowsError(try Metrics.kendallTauB([1, 2], [5, 5])) { error in
            XCTAssertEqual(error as? MetricError, .constantInput(series: "second"))
        }
    }

    func testSpearmanRhoHandComputedWithTies() throws {
        // ranks x = [1, 2, 3, 4, 5]; y = [5, 6, 7, 8, 7] -> [1, 2, 3.5, 5, 3.5]. Centred:
        // dx = [-2, -1, 0, 1, 2], dy = [-2, -1, 0.5, 2, 0.5]; sxy = 8, sxx = 10, syy = 9.5.
        XCTAssertEqual(try Metrics.spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 8 / 95.0.squareRoot(), accuracy: 1e-15)
        // Monotone but non-linear: rho is exactly 1 while Pearson is below 1.
        let x: [Double] = [1, 2, 3, 4, 5], y = x.map { $0 * $0 * $0 }
        XCTAssertEqual(try Metrics.spearmanRho(x, y), 1, accuracy: 1e-15)
        XCTAssertLessThan(try Metrics.pearson(x, y), 0.99)
    }

    func testAverageRanks() {
        XCTAssertEqual(Metrics.averageRanks([3, 1, 3, 2, 3]), [4, 1, 4, 2, 4])
        XCTAssertEqual(Metrics.averageRanks([10, 20, 20, 30]), [1, 2.5, 2.5, 4])
        XCTAssertEqual(Metrics.averageRanks([]), [])
    }

    func testPearsonAndMAEHandComputed() throws {
        // x = [1, 2, 3, 4], y = [2, 4, 5, 9]: dx = [-1.5, -0.5, 0.5, 1.5], dy = [-3, -1, 0, 4];
        // sxy = 11, sxx = 5, syy = 26.
        XCTAssertEqual(try Metrics.pearson([1, 2, 3, 4], [2, 4, 5, 9]), 11 / 130.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(try Metrics.pearson([1, 2, 3], [-2, -4, -6]), -1)
        // |1-2| + |2-2| + |3-5| = 3 over 3 values.
        XCTAssertEqual(try Metrics.meanAbsoluteError(predicted: [1, 2, 3], actual: [2, 2, 5]), 1)
        XCTAssertEqual(try Metrics.meanAbsoluteError(predicted: [93.5], actual: [94]), 0.5)
    }

    func testBadInputGivesTypedErrors() {
        XCTAssertThrowsError(try Metrics.kendallTauB([1, 2], [1])) { XCTAssertEqual($0 as? MetricError, .lengthMismatch(2, 1)) }
        XCTAssertThrowsError(try Metrics.spearmanRho([1], [1])) { XCTAssertEqual($0 as? MetricError, .tooFewSamples(1, minimum: 2)) }
        XCTAssertThrowsError(try Metrics.pearson([1, .nan], [1, 2])) {
            XCTAssertEqual($0 as? MetricError, .nonFinite(series: "first", index: 1))
        }
        XCTAssertThrowsError(try Metrics.kendallTauB([1, 2], [1, .infinity])) {
            XCTAssertEqual($0 as? MetricError, .nonFinite(series: "second", index: 1))
        }
        XCTAssertThrowsError(try Metrics.kendallTauB([3, 3, 3], [1, 2, 3])) {
            XCTAssertEqual($0 as? MetricError, .constantInput(series: "first"))
        }
        XCTAssertThrowsError(try Metrics.spearmanRho([1, 2, 3], [7, 7, 7])) {
            XCTAssertEqual($0 as? MetricError, .constantInput(series: "second"))
        }
        XCTAssertThrowsError(try Metrics.meanAbsoluteError(predicted: [], actual: []))
        XCTAssertThrowsError(try MetricSummary([]))
        XCTAssertThrowsError(try MetricSummary([1, .nan]))
    }

    func testFastTauBMatchesNaiveDefinitionOnRandomData() throws {
        var rng = SplitMix64(seed: 2025)
        for trial in 0..<300 {
            let n = 2 + Int(rng.next() % 120)
            // Few distinct levels in some trials -> many ties in x, y and jointly.
            let xLevels = [2, 3, 5, 1_000_000][trial % 4], yLevels = [3, 1_000_000, 2, 4][trial % 4]
            let x = (0..<n).map { _ in Double(rng.next() % UInt64(xLevels)) }
            let y = (0..<n).map { _ in Double(rng.next() % UInt64(yLevels)) }
            guard let expected = naiveTauB(x, y) else {
                XCTAssertThrowsError(try Metrics.kendallTauB(x, y), "trial \(trial)")
                continue
            }
            XCTAssertEqual(try Metrics.kendallTauB(x, y), expected, accuracy: 1e-12, "trial \(trial), n \(n)")
        }
    }

    func testLargeInputIsFastAndDoesNotOverflow() throws {
        // 120,000 values: 7.2e9 pairs, whose squared count overflows Int64.
        let n = 120_000
        let x = (0..<n).map { Double($0 / 3) }
        XCTAssertEqual(try Metrics.kendallTauB(x, x), 1, accuracy: 1e-12)
        XCTAssertEqual(try Metrics.kendallTauB(x, x.reversed()), -1, accuracy: 1e-12)
        XCTAssertEqual(try Metrics.spearmanRho(x, x), 1, accuracy: 1e-12)
    }

    func testMetricSummary() throws {
        // mean 0.82; deviations -0.02, 0, 0.02: sample std sqrt(0.0008 / 2) = 0.02,
        // population std sqrt(0.0008 / 3).
        let summary = try MetricSummary([0.80, 0.82, 0.84])
        XCTAssertEqual(summary.mean, 0.82, accuracy: 1e-15)
        XCTAssertEqual(summary.standardDeviation, 0.02, accuracy: 1e-15)
        XCTAssertEqual(summary.populationStandardDeviation, (0.0008 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(summary.description, "0.8200 ± 0.0200")
        XCTAssertEqual(try MetricSummary([0.5]).standardDeviation, 0)
        XCTAssertEqual(try MetricSummary([-0.25, -0.75]).formatted(digits: 2), "-0.50 ± 0.35")
        XCTAssertEqual(try MetricSummary([93.456]).formatted(digits: 1), "93.5 ± 0.0")
        XCTAssertEqual(try MetricSummary([0.0004]).formatted(digits: 3), "0.000 ± 0.000")
    }

    // MARK: reference implementation

    /// tau_b straight from the definition: (C - D) / sqrt((C + D + Tx)(C + D + Ty)), where Tx
    /// and Ty count pairs tied in x only and in y only. Nil when undefined.
    private func naiveTauB(_ x: [Double], _ y: [Double]) -> Double? {
        var concordant = 0, discordant = 0, xOnly = 0, yOnly = 0
        for i in 0..<x.count {
            for j in (i + 1)..<x.count {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 && dy == 0 { continue }
                if dx == 0 { xOnly += 1 } else if dy == 0 { yOnly += 1 } else if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let a = Double(concordant + discordant + xOnly), b = Double(concordant + discordant + yOnly)
        guard a > 0, b > 0 else { return nil }
        return Double(concordant - discordant) / (a * b).squareRoot()
    }
}

/// Small deterministic generator for the randomised comparison.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
