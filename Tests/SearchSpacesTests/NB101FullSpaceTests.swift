import Foundation
import XCTest
import ONNXNetSupport
@testable import SearchSpaces

/// The whole-space checks. They enumerate all 423,624 cells, which takes ~11 s on 2 cores in
/// a release build but minutes in a debug build, so they run only when asked:
///
///     NB101_FULL_CHECK=1 swift test -c release --filter NB101FullSpaceTests
final class NB101FullSpaceTests: XCTestCase {
    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["NB101_FULL_CHECK"] == "1" else {
            throw XCTSkip("set NB101_FULL_CHECK=1 (release build) to enumerate the whole NB101 space")
        }
    }

    func testWholeSpaceAgainstThePublishedFirst20k() throws {
        let start = monotonicSeconds()
        let index = NB101Index.build()
        let seconds = monotonicSeconds() - start
        print("NB101: enumerated and indexed \(index.count) cells in \(seconds) s")
        XCTAssertEqual(index.count, NB101Space.cellCount)
        XCTAssertEqual(Set(index.hashes).count, NB101Space.cellCount)

        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let file = try NB101First20k(path: shared + "/data/nb101/nb101_first20k_by_hash.json")
        XCTAssertEqual(file.keys.count, 20_001)
        var found = 0, parameterMatches = 0
        for (k, key) in file.keys.enumerated() {
            guard let position = index.position(of: key) else { continue }
            found += 1
            // The file is the head of the dataset in hash order: same positions.
            XCTAssertEqual(position, k)
            if NB101Network.trainableParameters(index.cell(at: position)) == file.trainableParameters[k] {
                parameterMatches += 1
            }
        }
        print("NB101: \(found)/20001 hashes found, \(parameterMatches)/20001 parameter counts equal")
        XCTAssertEqual(found, 20_001)
        XCTAssertEqual(parameterMatches, 20_001)
    }

    func testUniformSampleIsSeededAndDistinct() {
        let a = NB101Space.sample(count: 100, seed: 1)
        XCTAssertEqual(a.count, 100)
        XCTAssertEqual(Set(a.map(\.hash)).count, 100)
        XCTAssertEqual(a, NB101Space.sample(count: 100, seed: 1))
    }
}
