import Foundation
import ONNXBench
import ONNXNetSupport
import XCTest

/// Jensen-Shannon divergence properties, statistics of a small bench, the SVG heatmap.
final class BenchStatsTests: XCTestCase {
    func testDivergenceProperties() {
        XCTAssertEqual(JensenShannon.divergence([1, 2, 3], [2, 4, 6]), 0, accuracy: 1e-12, "scale does not matter")
        XCTAssertEqual(JensenShannon.divergence([1, 0], [0, 1]), 1, accuracy: 1e-12, "disjoint supports: one bit")
        // P = (1, 0), Q = (1/2, 1/2): (log2(4/3) + (log2(2/3) + log2(2)) / 2) / 2.
        let expected = (log2(4.0 / 3) + (log2(2.0 / 3) + 1) / 2) / 2
        XCTAssertEqual(JensenShannon.divergence([1, 0], [1, 1]), expected, accuracy: 1e-12)
        XCTAssertTrue(JensenShannon.divergence([0, 0], [1, 1]).isNaN)

        var g = SeededGenerator(seed: 5)
        let ops = ["Conv", "Relu", "Add", "MaxPool", "Gemm", "Mul"]
        let tables: [[String: Int]] = (0..<6).map { _ in
            Dictionary(uniqueKeysWithValues: ops.filter { _ in g.below(3) > 0 }.map { ($0, 1 + g.below(50)) })
        }
        let m = JensenShannon.matrix(tables)
        for i in m.indices {
            XCTAssertEqual(m[i][i], 0)
            for j in m.indices {
                XCTAssertEqual(m[i][j], m[j][i], "symmetric")
                XCTAssertTrue((0...1).contains(m[i][j]), "\(m[i][j]) within [0, 1]")
            }
        }
    }

    func testStatsOfASmallBenchAndSVG() throws {
        let dir = try makeTemporaryDirectory(self)
        let nb201 = try firstNB201Records(12)
        let nb301 = Array(try EmbeddedBench.records(space: "nb301").records.prefix(2))
        let summary = try BenchBuilder.build(nb201 + nb301, options: BenchBuildOptions(directory: dir, jobs: 2))
        XCTAssertTrue(summary.failures.isEmpty, "\(summary.failures)")
        let report = try BenchStats.collect(directory: dir, jobs: 2)
        XCTAssertEqual(report.spaces.map(\.space), ["nb201", "nb301"])
        let s201 = report.spaces[0]
        XCTAssertEqual(s201.count, 12)
        XCTAssertEqual(s201.accuracy?.lowerBound, nb201.map(\.accuracy).min())
        XCTAssertEqual(s201.accuracy?.upperBound, nb201.map(\.accuracy).max())
        XCTAssertGreaterThan(s201.opCounts["Conv", default: 0], 0)
        XCTAssertEqual(s201.totalNodes, s201.opCounts.values.reduce(0, +))
        let m = report.divergence
        XCTAssertEqual(m.count, 2)
        XCTAssertEqual(m[0][0], 0)
        XCTAssertEqual(m[0][1], m[1][0])
        XCTAssertGreaterThan(m[0][1], 0)
        XCTAssertLessThanOrEqual(m[0][1], 1)

        let table = report.table
        XCTAssertTrue(table.contains("Jensen-Shannon divergence (base 2)"), table)
        XCTAssertTrue(table.contains("nb301"), table)
        let svg = report.svg
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg)
        XCTAssertTrue(svg.contains(">nb201</text>") && svg.contains(">0.000</text>"), svg)
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(svg.components(separatedBy: "<text").count, svg.components(separatedBy: "</text>").count)
        XCTAssertEqual(report.json.text.contains("\"jsd_bits\""), true)
    }

    func testStatsWithoutABenchSampleUnlabelledSpaces() {
        let report = BenchStats.collect(spaces: ["nb201", "nats-sss"], perSpace: 5, seed: 0, jobs: 2)
        XCTAssertEqual(report.spaces.map(\.count), [5, 5])
        XCTAssertNotNil(report.spaces[0].accuracy)
        XCTAssertNil(report.spaces[1].accuracy, "the NATS size space has no embedded labels")
        XCTAssertTrue(report.spaces[1].origin.contains("sampled"), report.spaces[1].origin)
        XCTAssertEqual(report.divergence.count, 2)
        let unknown = BenchStats.collect(spaces: ["nope"], perSpace: 5, seed: 0)
        XCTAssertEqual(unknown.spaces.first?.count, 0)
        XCTAssertTrue(unknown.spaces.first?.origin.contains("not available") ?? false)
    }
}
