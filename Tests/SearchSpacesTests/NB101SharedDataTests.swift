import Foundation
import XCTest
import ONNXNetSupport
@testable import SearchSpaces

/// Checks against the published NB101 figures in `../shared/data` (skipped when absent).
final class NB101SharedDataTests: XCTestCase {
    /// Every 500th cell of the 20,001 first cells in hash order (positions 0, 500, ...,
    /// 20,000). The test derives the hash itself; the file decides the position and the
    /// parameter count. The full check over all 20,001 is `NB101FullSpaceTests`.
    static let sampleOfFirst20k = [
        "100110.10000.1001.010.10.1:3m331",
        "111000.10000.0011.100.10.1:m13m3",
        "100000.11001.1100.010.10.1:33m33",
        "10010.1011.100.11.1:mm31",
        "100000.11000.0101.110.01.1:m33m3",
        "100000.11000.0011.110.10.1:mm13m",
        "100000.11000.0011.100.11.1:3m31m",
        "101000.11000.0010.100.10.1:m11m1",
        "100000.10001.1010.110.10.1:13313",
        "110000.00001.1110.100.10.1:1mmm1",
        "110000.10010.1010.100.10.1:1m1m1",
        "11101.0011.100.10.1:3m3m",
        "110000.00110.1100.100.10.1:m3131",
        "100100.10000.1100.011.10.1:mmm13",
        "110010.10000.1100.001.10.1:11m3m",
        "100001.11000.1100.001.10.1:3111m",
        "100000.10100.1100.110.10.1:mmm1m",
        "100001.10000.1001.110.01.1:331mm",
        "101010.11000.0010.100.10.1:11m1m",
        "100100.11000.1001.010.10.1:1m1m1",
        "110001.00101.1000.100.10.1:m33m1",
        "101000.11100.1000.001.10.1:13m3m",
        "100010.10010.1000.110.10.1:11m33",
        "110100.00001.1010.100.10.1:1mm11",
        "100011.11000.0001.100.10.1:33m3m",
        "110000.10000.1010.101.01.1:3m333",
        "101001.10000.0101.100.10.1:11113",
        "100010.10000.1110.001.10.1:3mm3m",
        "100000.10100.1010.100.10.1:mm113",
        "101100.10100.1000.100.10.1:m131m",
        "100000.10000.1001.101.11.1:3m333",
        "100001.11001.0001.100.10.1:33331",
        "101000.10010.1010.100.10.1:1m31m",
        "110100.00001.1100.001.10.1:313m3",
        "100100.11010.0001.001.10.1:13mm1",
        "100000.11100.0001.110.01.1:m3133",
        "11100.1000.101.11.1:m3m3",
        "110101.00010.1000.100.10.1:13133",
        "111001.00001.0010.100.10.1:13113",
        "100000.11010.0001.100.11.1:111m3",
        "101101.10000.1000.100.10.1:m311m"
    ]

    func testSampleOfFirst20kHashesAndParameters() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let file = try NB101First20k(path: shared + "/data/nb101/nb101_first20k_by_hash.json")
        for (k, notation) in Self.sampleOfFirst20k.enumerated() {
            let cell = try NB101Cell(notation: notation)
            let position = try XCTUnwrap(file.position[cell.hash], "\(notation) hash \(cell.hash) not in the file")
            XCTAssertEqual(position, k * 500, notation)
            XCTAssertEqual(NB101Network.trainableParameters(cell), file.trainableParameters[position], notation)
        }
    }

    /// NASLib's 500 cells: its 7x7 keys pruned like the official ModelSpec; `params` is in
    /// millions with 6 decimals (so exact), `flops` in millions.
    func testNASLibParametersAndFLOPs() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let data = try Data(contentsOf: URL(fileURLWithPath: shared + "/data/naslib/zc_nasbench101.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try XCTUnwrap((json["nasbench101"] as? [String: Any])?["cifar10"] as? [String: [String: Any]])
        XCTAssertEqual(cells.count, 500)
        var parameterMatches = 0, naslibFlopMatches = 0, worstMACRatio = 1.0, bestMACRatio = 0.0
        for (key, record) in cells {
            let cell = try NB101ModelSpec(naslibKeyText: key).pruned()
            let params = try XCTUnwrap(record["params"] as? Double)
            let flops = try XCTUnwrap(record["flops"] as? Double)
            if NB101Network.trainableParameters(cell) == Int((params * 1e6).rounded()) { parameterMatches += 1 }
            if NB101Network.naslibFlops(cell) == Int((flops * 1e6).rounded()) { naslibFlopMatches += 1 }
            let ratio = Double(NB101Network.flops(cell)) / (flops * 1e6)
            worstMACRatio = min(worstMACRatio, ratio)
            bestMACRatio = max(bestMACRatio, ratio)
        }
        XCTAssertEqual(parameterMatches, 500)
        XCTAssertEqual(naslibFlopMatches, 500)
        // Conv + dense multiply-adds alone are 0.2 % to 13.4 % below NASLib's figure (which
        // also counts BatchNorm/ReLU and max-pool work).
        XCTAssertGreaterThan(worstMACRatio, 0.86)
        XCTAssertLessThan(bestMACRatio, 1.0)
    }

    /// The golden exports' metadata: pruned matrix, module hash, PyTorch parameter count.
    func testGoldenCellsHashAndParameters() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let folder = shared + "/spec/goldens/nb101"
        var checked = 0
        for id in 0..<100 {
            let path = folder + "/\(id).json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
                as? [String: Any])
            let arch = try XCTUnwrap(json["arch"] as? [String: Any])
            let fromKey = try NB101ModelSpec(naslibKeyText: try XCTUnwrap(arch["naslib_key"] as? String)).pruned()
            let matrix = try XCTUnwrap(arch["pruned_matrix"] as? [[Int]])
            let ops = try (XCTUnwrap(arch["pruned_ops"] as? [String])).map { try XCTUnwrap(NB101Operation(name: $0)) }
            let cell = try NB101Cell(matrix: matrix, operations: ops)
            XCTAssertEqual(fromKey, cell, "golden \(id)")
            XCTAssertEqual(cell.hash.hex, arch["module_hash"] as? String, "golden \(id)")
            XCTAssertEqual(NB101Network.trainableParameters(cell), json["torch_param_count"] as? Int, "golden \(id)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }
}

/// The parallel lists of `nb101_first20k_by_hash.json` this module's tests read.
struct NB101First20k {
    let keys: [MD5Digest]
    let trainableParameters: [Int]
    let position: [MD5Digest: Int]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = try XCTUnwrap(json["key"] as? [String]).map { try XCTUnwrap(MD5Digest(hex: $0)) }
        let params = try XCTUnwrap(json["trainable_parameters"] as? [Int])
        XCTAssertEqual(keys.count, params.count)
        self.keys = keys
        self.trainableParameters = params
        self.position = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    }
}
