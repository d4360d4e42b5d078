import NetworkBuilder
import ONNXModel

/// NB101 as one of the project's search spaces. Notations are the native cell notation
/// (`NB101Notation`); `canonicalize` and every method taking a notation also accept an
/// unpruned cell in that notation (it is pruned), a NASLib key (`(0, 1, ..., 1)`, 56
/// integers) and a module hash (32 hex digits; the first lookup enumerates the space).
extension NB101Space: SearchSpace {
    public var id: String { Self.id }
    public var summary: String {
        "NAS-Bench-101: 423,624 cells (DAGs of <= 7 vertices, <= 9 edges, 3 operations), stem 128, 3x3 cells, 10 classes"
    }
    public var architectureCount: Int? { Self.cellCount }

    /// The pruned cell that a notation, NASLib key or module hash names.
    public func cell(_ notation: String) throws -> NB101Cell {
        let text = notation.trimmingASCIIWhitespace
        do {
            if text.first == "(" || text.first == "[" { return try NB101ModelSpec(naslibKeyText: text).pruned() }
            if text.utf8.count == 32, let hash = MD5Digest(hex: text) {
                guard let cell = NB101Index.shared.cell(forHash: hash) else {
                    throw SearchSpaceError(space: id, "no NB101 cell has module hash \(text)")
                }
                return cell
            }
            return try NB101Notation.parseSpec(text).pruned()
        } catch let error as NB101Error {
            throw SearchSpaceError(space: id, error.description)
        }
    }

    public func canonicalize(_ notation: String) throws -> String { NB101Notation.print(try cell(notation)) }

    /// Every unique cell in the official `generate_graphs.py` order.
    public func enumerate(_ visit: (String) throws -> Bool) throws {
        struct Stop: Error {}
        do {
            try Self.enumerate { cell in
                guard try visit(NB101Notation.print(cell)) else { throw Stop() }
            }
        } catch is Stop {
            return
        }
    }

    /// `count` distinct cells, uniformly over the space (one enumeration; see the static form).
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        guard count >= 0 else { throw SearchSpaceError(space: id, "cannot sample \(count) architectures") }
        return Self.sample(count: count, seed: seed).map(NB101Notation.print)
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        NB101Network.cifar10.model(try cell(notation), weights: weights)
    }

    /// Parameters of the trained network (equal to the benchmark's `trainable_parameters`),
    /// multiply-adds of convolutions and the dense layer, and the ONNX node count.
    public func info(_ notation: String) throws -> ArchitectureInfo {
        let cell = try cell(notation)
        let counts = NB101Network.cifar10.counts(cell)
        let nodes = NB101Network.cifar10.model(cell, weights: .shapesOnly).graph.nodes.count
        return ArchitectureInfo(trainableParameters: counts.parameters, flops: counts.multiplyAdds,
                                naslibFlops: counts.naslibFlops, nodeCount: nodes)
    }
}

extension String {
    fileprivate var trimmingASCIIWhitespace: String {
        var text = Substring(self)
        while let c = text.first, c == " " || c == "\n" || c == "\t" || c == "\r" { text = text.dropFirst() }
        while let c = text.last, c == " " || c == "\n" || c == "\t" || c == "\r" { text = text.dropLast() }
        return String(text)
    }
}
