import XCTest
@testable import SearchSpaces

final class NB101EnumerationTests: XCTestCase {
    /// Unique-cell counts printed by the official `generate_graphs.py` (run with
    /// `--max_vertices` 2...5) for 2...5 vertices. The 7-vertex count (423,624) is checked in
    /// `NB101FullSpaceTests` (release build).
    func testCountsOfSmallerSpacesMatchTheOfficialScript() {
        for (vertices, expected) in [(2, 1), (3, 7), (4, 91), (5, 2532)] {
            var count = 0
            NB101Space.enumerate(maxVertices: vertices, maxEdges: 9) { _ in count += 1 }
            XCTAssertEqual(count, expected, "up to \(vertices) vertices")
        }
        var fewEdges = 0
        NB101Space.enumerate(maxVertices: 4, maxEdges: 3) { cell in
            XCTAssertLessThanOrEqual(cell.edgeCount, 3)
            fewEdges += 1
        }
        XCTAssertLessThan(fewEdges, 91)
    }

    func testOrderIsDeterministicAndIndependentOfThreads() {
        let enumerator = NB101Enumerator(maxVertices: 5, maxEdges: 9)
        var single: [NB101Cell] = []
        enumerator.run(threads: 1) { single.append($0) }
        var parallel: [NB101Cell] = []
        enumerator.run(threads: 4) { parallel.append($0) }
        XCTAssertEqual(single, parallel)
        // The first representatives, in the official first-seen order.
        XCTAssertEqual(single.prefix(5).map(\.description), ["1:", "10.1:3", "10.1:1", "10.1:m", "11.1:3"])
        XCTAssertEqual(Set(single.map(\.hash)).count, single.count, "hashes are unique")
    }

    func testEveryCellIsPrunedValidAndCarriesItsOwnHash() throws {
        try NB101Space.enumerate(maxVertices: 4, maxEdges: 9) { cell in
            let rebuilt = try NB101Cell(matrix: cell.matrix, operations: cell.operations)
            XCTAssertEqual(rebuilt.hash, cell.hash)
            XCTAssertEqual(try NB101Cell(packed: cell.packed), cell)
        }
    }

    func testVisitorErrorsStopTheEnumeration() {
        struct Stop: Error {}
        var seen = 0
        XCTAssertThrowsError(try NB101Space.enumerate(maxVertices: 5, maxEdges: 9) { _ in
            seen += 1
            if seen == 10 { throw Stop() }
        })
        XCTAssertEqual(seen, 10)
    }

    func testFastSamplerGivesDistinctValidSeededCells() {
        let a = NB101Space.sampleRandomSpecs(count: 50, seed: 7)
        let b = NB101Space.sampleRandomSpecs(count: 50, seed: 7)
        let c = NB101Space.sampleRandomSpecs(count: 50, seed: 8)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set(a.map(\.hash)).count, 50)
        for cell in a { XCTAssertLessThanOrEqual(cell.edgeCount, 9) }
        XCTAssertEqual(NB101Space.sampleRandomSpecs(count: -3, seed: 1), [])
    }
}
