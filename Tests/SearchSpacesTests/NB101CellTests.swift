import XCTest
@testable import SearchSpaces

final class NB101CellTests: XCTestCase {
    /// The example cell of the official README and its API answer (pruned matrix,
    /// `trainable_parameters`); the hash comes from the official `graph_util.hash_module`.
    let readmeMatrix = [[0, 1, 1, 1, 0, 1, 0],
                        [0, 0, 0, 0, 0, 0, 1],
                        [0, 0, 0, 0, 0, 0, 1],
                        [0, 0, 0, 0, 1, 0, 0],
                        [0, 0, 0, 0, 0, 0, 1],
                        [0, 0, 0, 0, 0, 0, 1],
                        [0, 0, 0, 0, 0, 0, 0]]
    let readmeOps: [NB101Operation] = [.input, .conv1x1BnRelu, .conv3x3BnRelu, .conv3x3BnRelu, .conv3x3BnRelu, .maxPool3x3, .output]

    func testOfficialHashesOfKnownCells() throws {
        // Hashes computed with the official nasbench/lib/graph_util.py.
        let known: [(String, String)] = [
            ("111100.00001.0001.001.10.1:31m33", "28cfc7874f6d200472e1a9dcd8650aa0"),
            ("101010.10010.0010.100.10.1:13133", "2200658dd60f1af814331acdd6634319"),
            ("100010.10100.1010.001.10.1:mm111", "b6048c30cee943c6d0ddebcdfe11fd57"),
            ("110100.10100.1000.001.10.1:33113", "8160c7e2bcbbf572ed8407fdddea0a4b"),
            ("110100.11000.1000.100.10.1:m1313", "85656746751e5cc5b4d2b906146d638d"),
            ("111000.01001.0010.100.10.1:33331", "c40c0d83df6686a2b9a23c5e09b4b816"),
            ("110000.10000.1000.111.10.1:1m11m", "5c499cffd1db24bb8a3ca2baa72aeaa5"),
            ("1:", "043721b9c7fe8c5fad811d47d83132ec"),
            ("10.1:3", "b49ac8c578b4561d79ac7087988f1c61"),
        ]
        for (notation, hex) in known {
            XCTAssertEqual(try NB101Cell(notation: notation).hash.hex, hex, notation)
        }
    }

    func testHashIsInvariantUnderVertexRelabelling() throws {
        // Swapping the two parallel interior vertices of a diamond gives the same hash.
        let a = try NB101Cell(notation: "110.01.1:31")
        let b = try NB101Cell(notation: "110.01.1:13")
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(a.hash, b.hash)
        XCTAssertNotEqual(a.hash, try NB101Cell(notation: "110.01.1:33").hash)
    }

    func testPruningLikeModelSpec() throws {
        let spec = try NB101ModelSpec(matrix: readmeMatrix, operations: readmeOps)
        XCTAssertTrue(spec.isValid)
        XCTAssertEqual(spec.keptVertices, [0, 1, 2, 3, 4, 5, 6])
        let cell = try spec.pruned()
        XCTAssertEqual(cell.hash.hex, "28cfc7874f6d200472e1a9dcd8650aa0")
        XCTAssertEqual(NB101Network.trainableParameters(cell), 2_694_282)

        // Vertex 1 has no in-edge, vertex 5 no path to the output: both are removed.
        let padded = [[0, 0, 1, 0, 0, 0, 0],
                      [0, 0, 1, 0, 0, 0, 0],
                      [0, 0, 0, 1, 0, 1, 0],
                      [0, 0, 0, 0, 1, 0, 1],
                      [0, 0, 0, 0, 0, 0, 1],
                      [0, 0, 0, 0, 0, 0, 0],
                      [0, 0, 0, 0, 0, 0, 0]]
        let paddedSpec = try NB101ModelSpec(matrix: padded, operations: [.input, .maxPool3x3, .conv3x3BnRelu, .conv1x1BnRelu,
                                                                          .maxPool3x3, .conv3x3BnRelu, .output])
        XCTAssertEqual(paddedSpec.keptVertices, [0, 2, 3, 4, 6])
        let pruned = try paddedSpec.pruned()
        XCTAssertEqual(pruned.description, "1000.100.11.1:31m")
        XCTAssertEqual(pruned.matrix, [[0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 1], [0, 0, 0, 0, 1], [0, 0, 0, 0, 0]])
        XCTAssertThrowsError(try NB101Cell(matrix: padded, operations: paddedSpec.operations)) { error in
            XCTAssertEqual(error as? NB101Error, .notPruned(vertex: 1, pruned: "1000.100.11.1:31m"))
        }
    }

    func testInvalidSpecsAreFlagged() throws {
        // Input not connected to the output: invalid, like ModelSpec.valid_spec == False.
        let disconnected = try NB101ModelSpec(matrix: [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
                                              operations: [.input, .conv3x3BnRelu, .output])
        XCTAssertFalse(disconnected.isValid)
        XCTAssertThrowsError(try disconnected.pruned()) { XCTAssertEqual($0 as? NB101Error, .disconnected) }

        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0, 1], [1, 0]], operations: [.input, .output])) {
            XCTAssertEqual($0 as? NB101Error, .notUpperTriangular(row: 1, column: 0))
        }
        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0, 2], [0, 0]], operations: [.input, .output])) {
            XCTAssertEqual($0 as? NB101Error, .badEntry(row: 0, column: 1, value: 2))
        }
        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0, 1], [0]], operations: [.input, .output]))
        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0, 1], [0, 0]], operations: [.input]))
        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0]], operations: [.input]))
        XCTAssertThrowsError(try NB101ModelSpec(matrix: [[0, 1], [0, 0]], operations: [.output, .input]).pruned()) {
            XCTAssertEqual($0 as? NB101Error, .badOperation(vertex: 0, found: "output", expected: "'input'"))
        }
        // Ten edges survive pruning: outside the space (the official API's is_valid).
        var full = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 7)
        for u in 0..<7 { for v in (u + 1)..<7 { full[u][v] = 1 } }
        let dense = try NB101ModelSpec(matrix: full, operations: readmeOps)
        XCTAssertTrue(dense.isValid)
        XCTAssertThrowsError(try dense.pruned()) { XCTAssertEqual($0 as? NB101Error, .tooManyEdges(21, limit: 9)) }
        let big = [[Int]](repeating: [Int](repeating: 0, count: 40), count: 40)
        XCTAssertThrowsError(try NB101ModelSpec(matrix: big, operations: Array(repeating: .input, count: 40))) {
            XCTAssertEqual($0 as? NB101Error, .tooManyVertices(40, limit: 32))
        }
    }

    func testAccessorsAndPacking() throws {
        let cell = try NB101Cell(matrix: readmeMatrix, operations: readmeOps)
        XCTAssertEqual(cell.vertexCount, 7)
        XCTAssertEqual(cell.edgeCount, 9)
        XCTAssertEqual(cell.operations, readmeOps)
        XCTAssertEqual(cell.matrix, readmeMatrix)
        XCTAssertTrue(cell.hasEdge(from: 3, to: 4))
        XCTAssertFalse(cell.hasEdge(from: 4, to: 3))
        XCTAssertFalse(cell.hasEdge(from: 0, to: 9))
        XCTAssertEqual(cell.predecessors(of: 6), 0b0011_0110)
        XCTAssertEqual(try NB101Cell(packed: cell.packed), cell)
        let smallest = try NB101Cell(notation: "1:")
        XCTAssertEqual(try NB101Cell(packed: smallest.packed), smallest)
        XCTAssertThrowsError(try NB101Cell(packed: 0))
        XCTAssertThrowsError(try NB101Cell(packed: smallest.packed | 1 << 10), "edge beyond the vertices")
        XCTAssertThrowsError(try NB101Cell(packed: smallest.packed | 1 << 24), "operation on a 2-vertex cell")
        XCTAssertThrowsError(try NB101Cell(packed: 1 << 40))
    }

    func testVertexChannelsLikeComputeVertexChannels() throws {
        // Three vertices feed the output: 128 = 43 + 43 + 42; vertex 3 only feeds vertex 4
        // and takes its channels.
        let cell = try NB101Cell(notation: "11111.0001.001.10.1:mm33")
        XCTAssertEqual(cell.vertexChannels(inputChannels: 128, outputChannels: 128), [128, 43, 43, 42, 42, 128])
        XCTAssertEqual(try NB101Cell(notation: "1:").vertexChannels(inputChannels: 128, outputChannels: 256), [128, 256])
    }
}
