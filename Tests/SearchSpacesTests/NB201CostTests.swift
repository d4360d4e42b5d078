import Foundation
import XCTest
import ONNXNetSupport
@testable import SearchSpaces

final class NB201CostTests: XCTestCase {
    /// NASLib's `params` (millions) and `flops` (MFLOPs) of all its cells, for the three
    /// datasets' networks (CIFAR-100: 100 classes; ImageNet16-120: 16x16 input, 120 classes).
    func testAgreesWithNASLibOnEveryCell() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        // Some proxy scores are written as -Infinity, which JSONSerialization rejects; they are
        // not what this test reads.
        let text = try String(contentsOfFile: shared + "/data/naslib/zc_nasbench201.json", encoding: .utf8)
            .replacingOccurrences(of: "-Infinity", with: "null").replacingOccurrences(of: "Infinity", with: "null")
            .replacingOccurrences(of: "NaN", with: "null")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8))
            as? [String: [String: [String: Any]]])
        let setups: [(String, Int, Int)] = [("cifar10", 10, 32), ("cifar100", 100, 32), ("ImageNet16-120", 120, 16)]
        for (dataset, classes, size) in setups {
            let cells = try XCTUnwrap(json[dataset])
            var checked = 0, parameterMismatches = 0, flopMismatches = 0
            for (key, record) in cells {
                let cell = try NB201Space().cell(key)
                let network = TinyCellNetwork(cell: cell, channels: TinyCellNetwork.nb201(cell).channels,
                                              classes: classes, inputSize: size)
                let costs = network.costs
                let params = try XCTUnwrap((record["params"] as? [String: Any])?["score"] as? Double)
                let flops = try XCTUnwrap((record["flops"] as? [String: Any])?["score"] as? Double)
                // Printed with 6 decimals: exact integers after scaling.
                if costs.trainableParameters != Int((params * 1e6).rounded()) { parameterMismatches += 1 }
                if costs.naslibFLOPs != Int((flops * 1e6).rounded()) { flopMismatches += 1 }
                checked += 1
            }
            XCTAssertEqual(parameterMismatches, 0, dataset)
            XCTAssertEqual(flopMismatches, 0, dataset)
            XCTAssertGreaterThanOrEqual(checked, 724, dataset)
        }
    }

    /// The space's `info` is the CIFAR-10 figure.
    func testInfoOfOneCell() throws {
        let info = try NB201Space().info("(0, 2, 3, 2, 3, 1)")
        XCTAssertEqual(info.trainableParameters, 615_386)
        XCTAssertEqual(info.naslibFlops, 88_307_392)
        XCTAssertEqual(info.flops, try NB201Space().officialFLOPs("(0, 2, 3, 2, 3, 1)"))
        XCTAssertLessThan(info.flops, 88_307_392)
        XCTAssertGreaterThan(info.nodeCount, 100)
    }

    /// The benchmark API's own `flop` and `params` (NATS-Bench topology space sample files
    /// `NATS-tss-v1_0-3ffb9-simple/000000, 000011, 000284`, CIFAR-10).
    func testOfficialAPIFigures() throws {
        let space = NB201Space()
        let published: [(Int, Int, Int)] = [(0, 129_306, 15_647_370), (11, 802_426, 113_951_370), (284, 101_306, 11_715_210)]
        for (index, params, flop) in published {
            XCTAssertEqual(try space.info("\(index)").trainableParameters, params)
            XCTAssertEqual(try space.officialFLOPs("\(index)"), flop)
        }
    }
}
