import Foundation
import XCTest
import ONNXNetSupport
@testable import SearchSpaces

/// Our parameter and multiply-add counts against NASLib's published figures for the 725
/// NAS-Bench-301 cells of `zc_nasbench301.json` (`params` in millions to 6 decimals, so exact;
/// `flops` in MFLOPs as tensorwatch counts them, which adds more than multiply-adds).
final class DARTSParameterTests: XCTestCase {
    struct Row { let key: String; let params: Double; let flops: Double }

    func rows() throws -> [Row] {
        guard let shared = SharedData.root(from: #filePath) else { throw XCTSkip("../shared is absent") }
        let path = shared + "/data/naslib/zc_nasbench301.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("\(path) is absent") }
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let cells = try XCTUnwrap(json?["cifar10"] as? [String: Any])
        return try cells.map { key, value in
            let entry = try XCTUnwrap(value as? [String: Any])
            let params = try XCTUnwrap((entry["params"] as? [String: Any])?["score"] as? Double)
            let flops = try XCTUnwrap((entry["flops"] as? [String: Any])?["score"] as? Double)
            return Row(key: key, params: params, flops: flops)
        }.sorted { $0.key < $1.key }
    }

    func testParametersEqualNASLibFor725Cells() throws {
        let rows = try rows()
        XCTAssertEqual(rows.count, 725)
        let space = NB301Space()
        var mismatches: [String] = []
        for row in rows {
            let ours = DARTSNetwork(genotype: try DARTSNotation.parse(row.key)).trainableParameters()
            if ours != Int((row.params * 1e6).rounded()) { mismatches.append("\(row.key): ours \(ours), NASLib \(row.params)M") }
            XCTAssertEqual(try space.canonicalize(row.key), row.key)
        }
        XCTAssertEqual(mismatches, [], "\(mismatches.count) of \(rows.count) differ")
    }

    /// NASLib's `flops` also counts BatchNorm, ReLU, pooling and additions, so ours (multiply-adds
    /// of convolutions and the classifier only) stay below it by a few percent.
    func testMultiplyAddsAreCloseToNASLibFlops() throws {
        var worst = 0.0
        for row in try rows() {
            let ours = Double(DARTSNetwork(genotype: try DARTSNotation.parse(row.key)).multiplyAdds()) / 1e6
            XCTAssertLessThanOrEqual(ours, row.flops, row.key)
            worst = max(worst, (row.flops - ours) / row.flops)
        }
        XCTAssertLessThan(worst, 0.12, "largest relative shortfall \(worst)")
    }
}
