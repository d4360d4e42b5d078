import NetworkBuilder
import ONNXModel

/// The NATS-Bench size space: 32,768 channel configurations of one network whose cell is
/// fixed to the best cell of the topology space,
/// `|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|`
/// (the genotype the benchmark trained every candidate with; see `main-sss.py`).
///
/// A cell whose width changes (layers 3 and 5) reads its input through convolutions of the
/// new width, and its `skip_connect~0` becomes a 1x1 Conv + BN (`FactorizedReduce`, stride 1).
/// `canonicalize` also accepts an official index (`"284"`).
public struct NATSSizeSpace: SearchSpace {
    public static let id = "nats-sss"
    public static let cell = try! NB201Cell(parsing:
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")

    public var id: String { Self.id }
    public var summary: String {
        "NATS-Bench size space: 32,768 channel configurations C1:C2:C3:C4:C5 (8...64) of a fixed cell, 10 classes"
    }
    public var architectureCount: Int? { NATSChannelConfig.count }

    public init() {}

    public func config(_ notation: String) throws -> NATSChannelConfig {
        let text = NB201Notation.trimmed(notation)
        if !text.isEmpty, !text.contains(":"), let index = Int(text) { return try NATSChannelConfig(index: index) }
        return try NATSChannelConfig(parsing: text)
    }

    public func canonicalize(_ notation: String) throws -> String { try config(notation).notation }

    /// Every configuration in official index order.
    public func enumerate(_ visit: (String) throws -> Bool) throws {
        for index in 0..<NATSChannelConfig.count {
            guard try visit(NATSChannelConfig(index: index).notation) else { return }
        }
    }

    /// `count` distinct configurations in a seeded random order.
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        try DistinctIndexSample.draw(count: count, from: NATSChannelConfig.count, seed: seed, space: id)
            .map { try NATSChannelConfig(index: $0).notation }
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        try network(config(notation)).model(weights: weights)
    }

    /// Trainable parameters (the benchmark's `params` x 10^6), FLOPs counted as NASLib counts
    /// them for NAS-Bench-201 (see `TinyNetworkCosts`), node count.
    public func info(_ notation: String) throws -> ArchitectureInfo {
        let network = network(try config(notation))
        let costs = network.costs
        let nodes = try network.model(weights: .shapesOnly).graph.nodes.count
        return ArchitectureInfo(trainableParameters: costs.trainableParameters, flops: costs.officialFLOPs,
                                naslibFlops: costs.naslibFLOPs, nodeCount: nodes)
    }

    /// FLOPs as the benchmark's own API reports them (`flop` x 10^6).
    public func officialFLOPs(_ notation: String) throws -> Int {
        network(try config(notation)).costs.officialFLOPs
    }

    func network(_ config: NATSChannelConfig) -> TinyCellNetwork {
        TinyCellNetwork(cell: Self.cell, channels: config.channels)
    }
}
