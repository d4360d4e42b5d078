import XCTest
@testable import SearchSpaces

final class NB201NotationTests: XCTestCase {
    let space = NB201Space()

    func testRoundTripOfEveryCell() throws {
        var count = 0
        try space.enumerate { text in
            let cell = try NB201Cell(parsing: text)
            XCTAssertEqual(cell.notation, text)
            XCTAssertEqual(try NB201Cell(naslibOpIndices: cell.naslibOpIndices), cell)
            count += 1
            return true
        }
        XCTAssertEqual(count, 15_625)
    }

    func testParsesTheOfficialExample() throws {
        let text = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"
        let cell = try NB201Cell(parsing: "  " + text + "\n")
        XCTAssertEqual(cell.operations, [.conv3x3, .conv3x3, .avgPool3x3, .skipConnect, .conv3x3, .skipConnect])
        XCTAssertEqual(cell.notation, text)
        XCTAssertEqual(try space.canonicalize(text), text)
    }

    func testRejectsMalformedStrings() {
        let bad: [(String, String)] = [
            ("", "empty"),
            ("|none~0|+|none~0|none~1|", "3 nodes"),
            ("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+|none~0|", "3 nodes"),
            ("|none~0|+|none~0|+|none~0|none~1|none~2|", "2 incoming"),
            ("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|", "unknown operation 'conv'"),
            ("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|", "should read from node 0"),
            ("|none0|+|none~0|none~1|+|none~0|none~1|none~2|", "operation~input"),
            ("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "start and end with '|'"),
            ("|none~0|+|none~0|none~1|+|none~0|none~1|none~x|", "should read from node 2"),
            (String(repeating: "|none~0|", count: 100), "too long"),
        ]
        for (text, expected) in bad {
            XCTAssertThrowsError(try NB201Cell(parsing: text), text) { error in
                guard let e = error as? SearchSpaceError else { return XCTFail("untyped error for \(text)") }
                XCTAssertEqual(e.space, "nb201")
                XCTAssertTrue(e.message.contains(expected), "\(text): \(e.message)")
            }
        }
    }

    func testNASLibKeys() throws {
        // Positions 0, 1, 3, 2, 4, 5 of the string, ops [skip, none, conv3x3, conv1x1, avgpool].
        let cell = try space.cell("(0, 2, 3, 2, 3, 1)")
        XCTAssertEqual(cell.notation, "|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|")
        XCTAssertEqual(cell.naslibOpIndices, [0, 2, 3, 2, 3, 1])
        XCTAssertThrowsError(try space.cell("(0, 2, 3, 2, 3)"))
        XCTAssertThrowsError(try space.cell("(0, 2, 3, 2, 3, 5)"))
        XCTAssertThrowsError(try space.cell("(0, 2, x, 2, 3, 1)"))
    }

    func testIndicesAsNotation() throws {
        XCTAssertEqual(try space.canonicalize("0"),
                       "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
        XCTAssertThrowsError(try space.canonicalize("15625"))
        XCTAssertThrowsError(try space.canonicalize("-1"))
        XCTAssertThrowsError(try NB201Space.cell(atIndex: 20_000))
    }

    func testSamplingIsSeededAndDistinct() throws {
        let a = try space.sample(count: 50, seed: 7)
        XCTAssertEqual(a, try space.sample(count: 50, seed: 7))
        XCTAssertNotEqual(a, try space.sample(count: 50, seed: 8))
        XCTAssertEqual(Set(a).count, 50)
        for text in a { XCTAssertEqual(try space.canonicalize(text), text) }
        XCTAssertEqual(try space.sample(count: 20_000, seed: 1).count, 15_625)
        XCTAssertEqual(try space.sample(count: 0, seed: 1), [])
        XCTAssertThrowsError(try space.sample(count: -1, seed: 1))
    }

    func testRegistered() throws {
        XCTAssertEqual(try SearchSpaceRegistry.space("nb201").architectureCount, 15_625)
        XCTAssertEqual(try SearchSpaceRegistry.space("nats-sss").architectureCount, 32_768)
    }
}
