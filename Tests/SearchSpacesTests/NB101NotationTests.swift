import XCTest
@testable import SearchSpaces

final class NB101NotationTests: XCTestCase {
    func testRoundTrip() throws {
        for text in ["1:", "10.1:3", "11.1:m", "11111.0001.001.10.1:mm33", "111100.00001.0001.001.10.1:31m33"] {
            let cell = try NB101Cell(notation: text)
            XCTAssertEqual(cell.description, text)
            XCTAssertEqual(NB101Notation.print(try NB101Notation.parse(text)), text)
        }
        XCTAssertEqual(try NB101Cell(notation: "  10.1:1\n").description, "10.1:1", "surrounding whitespace is ignored")
    }

    func testRoundTripOverEnumeratedCells() throws {
        var checked = 0
        try NB101Space.enumerate(maxVertices: 5, maxEdges: 9) { cell in
            let again = try NB101Cell(notation: cell.description)
            XCTAssertEqual(again, cell)
            XCTAssertEqual(again.hash, cell.hash)
            checked += 1
        }
        XCTAssertEqual(checked, 2532)
    }

    func testClearErrors() {
        func error(_ text: String) -> NB101Error? {
            do { _ = try NB101Cell(notation: text); return nil } catch { return error as? NB101Error }
        }
        XCTAssertEqual(error(""), .syntax("empty cell notation, expected ROWS:OPS like 1.1:3", offset: 0))
        XCTAssertEqual(error("10.1"), .syntax("missing ':' between the adjacency rows and the operations (ROWS:OPS)", offset: 4))
        XCTAssertEqual(error("1x.1:3"), .syntax("unexpected 'x' in the adjacency rows, expected 0, 1 or '.'", offset: 1))
        XCTAssertEqual(error("10.11:3"), .syntax("row 1 has 2 entries; with 2 rows (3 vertices) it needs 1", offset: 3))
        XCTAssertEqual(error("10.1:q"), .syntax("unknown operation 'q', expected 3 (conv3x3-bn-relu), 1 (conv1x1-bn-relu) or m (maxpool3x3)", offset: 5))
        XCTAssertEqual(error("10.1:33"), .syntax("2 operations for 1 interior vertices", offset: 5))
        XCTAssertEqual(error("1.1.1.1.1.1.1:33333"), .tooManyVertices(8, limit: 7))
        XCTAssertEqual(error("00.1:3"), .disconnected)
        XCTAssertEqual(error("11.0:3"), .notPruned(vertex: 1, pruned: "1:"))
        XCTAssertEqual(error("111111.11111.1111.111.11.1:33333"), .tooManyEdges(21, limit: 9))
        XCTAssertNotNil(error(String(repeating: "1", count: 10_000)))
        XCTAssertNotNil(error("1:\u{1F600}"))
        // Every message says what is wrong.
        XCTAssertTrue(NB101Error.notPruned(vertex: 1, pruned: "1:").description.contains("pruned cell is 1:"))
    }

    func testSpecParsingKeepsUnprunedVertices() throws {
        let spec = try NB101Notation.parseSpec("11.0:3")
        XCTAssertEqual(spec.vertexCount, 3)
        XCTAssertEqual(try spec.pruned().description, "1:")
    }
}
