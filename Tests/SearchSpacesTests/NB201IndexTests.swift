import XCTest
import ONNXNetSupport
@testable import SearchSpaces

final class NB201IndexTests: XCTestCase {
    /// The strings `generate_meta_info` asserts after its shuffle.
    func testIndicesTheBenchmarkCodeAsserts() throws {
        XCTAssertEqual(try NB201Space.cell(atIndex: 0).notation,
                       "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
        XCTAssertEqual(try NB201Space.cell(atIndex: 9).notation,
                       "|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|")
        XCTAssertEqual(try NB201Space.cell(atIndex: 123).notation,
                       "|avg_pool_3x3~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|")
    }

    func testIndexIsABijection() throws {
        var seen = Set<String>()
        for index in 0..<NB201Cell.count {
            let cell = try NB201Space.cell(atIndex: index)
            XCTAssertEqual(NB201Space.index(of: cell), index)
            seen.insert(cell.notation)
        }
        XCTAssertEqual(seen.count, NB201Cell.count)
    }

    /// The published table (rows in API index order) agrees on every row.
    func testAgreesWithThePublishedTable() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let text = try String(contentsOfFile: shared + "/data/nb201_cifar10_cifar100_imagenet16_test200.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, NB201Cell.count)
        var mismatches = 0
        for (index, row) in rows.enumerated() {
            let fields = row.split(separator: ",")
            guard fields.count >= 4 else { return XCTFail("row \(index) is short") }
            if try NB201Space.cell(atIndex: index).notation != String(fields[3]) { mismatches += 1 }
        }
        XCTAssertEqual(mismatches, 0)
    }
}
