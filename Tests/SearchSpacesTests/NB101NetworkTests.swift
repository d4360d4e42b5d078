import XCTest
@testable import SearchSpaces

final class NB101NetworkTests: XCTestCase {
    func testParameterCountsByHand() throws {
        // Input wired to output: every cell is one 1x1 projection conv + BN.
        let skip = try NB101Cell(notation: "1:")
        let stem = 3 * 128 * 9 + 2 * 128
        let cells = 3 * (128 * 128 + 2 * 128) + (128 * 256 + 2 * 256) + 2 * (256 * 256 + 2 * 256)
            + (256 * 512 + 2 * 512) + 2 * (512 * 512 + 2 * 512)
        let dense = 512 * 10 + 10
        XCTAssertEqual(NB101Network.trainableParameters(skip), stem + cells + dense)
        // Multiply-adds: the same convolutions at 32x32, 16x16 and 8x8.
        let macs = 1024 * 3 * 128 * 9 + 1024 * 3 * 128 * 128 + 256 * (128 * 256 + 2 * 256 * 256)
            + 64 * (256 * 512 + 2 * 512 * 512) + 512 * 10
        XCTAssertEqual(NB101Network.flops(skip), macs)

        // A lone max-pool vertex fed by the input: projection only, the pool has no weights.
        let pool = try NB101Cell(notation: "10.1:m")
        XCTAssertEqual(NB101Network.trainableParameters(pool), NB101Network.trainableParameters(skip))
        XCTAssertGreaterThan(NB101Network.naslibFlops(pool), NB101Network.naslibFlops(skip))
    }

    func testReadmeCell() throws {
        // The official README's example: `trainable_parameters: 2694282`.
        let cell = try NB101Cell(notation: "111010.00001.0001.100.01.1:1333m")
        XCTAssertEqual(NB101Network.trainableParameters(cell), 2_694_282)
    }

    func testConfigurationIsAdjustable() throws {
        var small = NB101Network()
        small.stemChannels = 16
        small.classCount = 100
        let cell = try NB101Cell(notation: "1:")
        let expected = 3 * 16 * 9 + 32 + 3 * (16 * 16 + 32) + (16 * 32 + 64) + 2 * (32 * 32 + 64)
            + (32 * 64 + 128) + 2 * (64 * 64 + 128) + 64 * 100 + 100
        XCTAssertEqual(small.counts(cell).parameters, expected)
    }
}
