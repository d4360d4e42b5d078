import ONNXModel
import NetworkBuilder

/// What the rest of the project knows of a search space: its notation, its size, how to
/// list or sample it, and how to build an architecture as an ONNX model. Architectures are
/// passed around in the space's native notation (a string), so that the CLI, the bench and
/// CSV files all speak the original benchmark's language.
public protocol SearchSpace: Sendable {
    /// Command-line id: `nb201`, `nats-sss`, `nb101`, `nb301`, `hnb201`, `einspace`.
    var id: String { get }
    /// One line for `space list`.
    var summary: String { get }
    /// Number of architectures, or nil when the space is too large or unbounded to count.
    var architectureCount: Int? { get }
    /// Whether `enumerate` lists the whole space.
    var isEnumerable: Bool { get }

    /// Parses `notation` and prints it back in canonical form; throws `SearchSpaceError` with a
    /// message that says what is wrong.
    func canonicalize(_ notation: String) throws -> String
    /// Calls `visit` with every architecture in a stable order; stops early when it returns false.
    func enumerate(_ visit: (String) throws -> Bool) throws
    /// `count` architectures drawn with the project's `SeededGenerator(seed:)`.
    func sample(count: Int, seed: UInt64) throws -> [String]
    /// The network as ONNX, as PyTorch eval-mode export + onnx-simplifier gives it.
    func build(_ notation: String, weights: WeightMode) throws -> Model
    /// Facts of the original PyTorch network (not of the folded ONNX graph).
    func info(_ notation: String) throws -> ArchitectureInfo
}

/// `space info`: figures of the original (trained) network.
public struct ArchitectureInfo: Sendable, Equatable {
    /// Trainable parameters of the PyTorch network as the benchmark trained it (BatchNorm
    /// scale and shift included, as declared).
    public var trainableParameters: Int
    /// Multiply-adds of convolutions and linear layers (and attention-like matrix products)
    /// for one 32x32 image: the same definition in every space.
    public var flops: Int
    /// FLOPs as NASLib publishes them (tensorwatch's count, which adds BatchNorm, ReLU,
    /// pooling...), where we reproduce NASLib's figure; nil elsewhere.
    public var naslibFlops: Int?
    /// Nodes of the generated ONNX graph.
    public var nodeCount: Int

    public init(trainableParameters: Int, flops: Int, naslibFlops: Int? = nil, nodeCount: Int) {
        self.trainableParameters = trainableParameters
        self.flops = flops
        self.naslibFlops = naslibFlops
        self.nodeCount = nodeCount
    }
}

public struct SearchSpaceError: Error, CustomStringConvertible, Sendable, Equatable {
    public let space: String
    public let message: String
    public init(space: String, _ message: String) { self.space = space; self.message = message }
    public var description: String { "\(space): \(message)" }
}

extension SearchSpace {
    public var isEnumerable: Bool { architectureCount != nil }

    public func enumerate(_ visit: (String) throws -> Bool) throws {
        throw SearchSpaceError(space: id, "the space is too large to enumerate; use `space sample`")
    }
}
