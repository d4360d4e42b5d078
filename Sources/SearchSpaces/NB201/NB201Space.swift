import NetworkBuilder
import ONNXModel

/// NAS-Bench-201 (= the NATS-Bench topology space): 15,625 cells in the official API index
/// order, each built as the benchmark's `TinyNetwork` (C=16, N=5, 10 classes, 32x32 input).
///
/// Architectures are written as architecture strings; `canonicalize` (and every method that
/// takes a notation) also accepts an official index (`"123"`) or a NASLib key
/// (`"(0, 2, 3, 2, 3, 1)"`).
public struct NB201Space: SearchSpace {
    public static let id = "nb201"
    public var id: String { Self.id }
    public var summary: String {
        "NAS-Bench-201: 15,625 cells (6 edges x 5 operations), TinyNetwork C=16 N=5, 10 classes"
    }
    public var architectureCount: Int? { NB201Cell.count }

    public init() {}

    /// The cell of an architecture string, official index or NASLib key.
    public func cell(_ notation: String) throws -> NB201Cell {
        let text = NB201Notation.trimmed(notation)
        if let first = text.first, first.isNumber {
            guard let index = Int(text), (0..<NB201Cell.count).contains(index) else {
                throw SearchSpaceError(space: id, "'\(text)' is not an architecture string nor an index in 0...15624")
            }
            return NB201OfficialIndex.cell(at: index)
        }
        if text.first == "(" { return try NB201Cell(naslibOpIndices: Self.naslibKey(text)) }
        return try NB201Notation.parse(text)
    }

    /// The official API index of a cell.
    public static func index(of cell: NB201Cell) -> Int { NB201OfficialIndex.index(of: cell) }

    /// The cell at an official API index.
    public static func cell(atIndex index: Int) throws -> NB201Cell {
        guard (0..<NB201Cell.count).contains(index) else {
            throw SearchSpaceError(space: id, "index \(index) is outside 0...15624")
        }
        return NB201OfficialIndex.cell(at: index)
    }

    public func canonicalize(_ notation: String) throws -> String { try cell(notation).notation }

    /// Every cell in official index order.
    public func enumerate(_ visit: (String) throws -> Bool) throws {
        for index in 0..<NB201Cell.count {
            guard try visit(NB201OfficialIndex.cell(at: index).notation) else { return }
        }
    }

    /// `count` distinct cells (at most 15,625) in a seeded random order.
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        try DistinctIndexSample.draw(count: count, from: NB201Cell.count, seed: seed, space: id)
            .map { NB201OfficialIndex.cell(at: $0).notation }
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        try TinyCellNetwork.nb201(cell(notation)).model(weights: weights)
    }

    /// Parameters of the trained network (equal to the benchmark's and NASLib's `params`),
    /// NASLib's FLOPs (its `flops` x 10^6; see `TinyNetworkCosts`) and the node count.
    public func info(_ notation: String) throws -> ArchitectureInfo {
        let network = TinyCellNetwork.nb201(try cell(notation))
        let costs = network.costs
        let nodes = try network.model(weights: .shapesOnly).graph.nodes.count
        return ArchitectureInfo(trainableParameters: costs.trainableParameters, flops: costs.officialFLOPs,
                                naslibFlops: costs.naslibFLOPs, nodeCount: nodes)
    }

    /// FLOPs as the benchmark's own API reports them (`flop` x 10^6): multiply-adds of
    /// convolutions and linear layers only.
    public func officialFLOPs(_ notation: String) throws -> Int {
        TinyCellNetwork.nb201(try cell(notation)).costs.officialFLOPs
    }

    /// `"(0, 2, 3, 2, 3, 1)"` -> [0, 2, 3, 2, 3, 1].
    static func naslibKey(_ text: String) throws -> [Int] {
        guard text.hasPrefix("("), text.hasSuffix(")"), text.count <= 64 else {
            throw SearchSpaceError(space: id, "a NASLib key reads (i, i, i, i, i, i), got '\(text)'")
        }
        let fields = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        return try fields.map { field in
            guard let value = Int(NB201Notation.trimmed(String(field))) else {
                throw SearchSpaceError(space: id, "'\(field)' in NASLib key '\(text)' is not an integer")
            }
            return value
        }
    }
}
