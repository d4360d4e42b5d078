/// A NATS-Bench size-space architecture: the channel counts of its five layers, written
/// `C1:C2:C3:C4:C5` (e.g. `8:16:32:64:64`), each one of 8, 16, ..., 64.
///
/// Layer 1 is the stem and first cell, layers 2 and 4 the stride-2 ResNet blocks, layers 3
/// and 5 the cells after them (`DynamicShapeTinyNet` with N=1). The official index order is
/// the product order of the candidates, the last layer fastest (`traverse_net` in the
/// benchmark code): index 0 is `8:8:8:8:8`, index 1 `8:8:8:8:16`.
public struct NATSChannelConfig: Hashable, Sendable, CustomStringConvertible {
    public static let candidates = [8, 16, 24, 32, 40, 48, 56, 64]
    public static let layerCount = 5
    /// 8^5 configurations.
    public static let count = 32_768

    public let channels: [Int]

    public init(channels: [Int]) throws {
        guard channels.count == Self.layerCount else {
            throw SearchSpaceError(space: NATSSizeSpace.id, "a configuration has 5 channel counts, got \(channels.count)")
        }
        for (layer, c) in channels.enumerated() where !Self.candidates.contains(c) {
            throw SearchSpaceError(space: NATSSizeSpace.id,
                                   "layer \(layer + 1): \(c) channels is not one of 8, 16, 24, 32, 40, 48, 56, 64")
        }
        self.channels = channels
    }

    /// Parses `C1:C2:C3:C4:C5`.
    public init(parsing text: String) throws {
        let trimmed = NB201Notation.trimmed(text)
        guard trimmed.utf8.count <= 64 else {
            throw SearchSpaceError(space: NATSSizeSpace.id, "configuration '\(trimmed.prefix(64))...' is too long")
        }
        let fields = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == Self.layerCount else {
            throw SearchSpaceError(space: NATSSizeSpace.id,
                                   "expected 5 channel counts separated by ':' (like 8:16:32:64:64), got '\(trimmed)'")
        }
        let values = try fields.enumerated().map { layer, field in
            guard let value = Int(field) else {
                throw SearchSpaceError(space: NATSSizeSpace.id, "layer \(layer + 1): '\(field)' is not a number")
            }
            return value
        }
        try self.init(channels: values)
    }

    public var notation: String { channels.map(String.init).joined(separator: ":") }
    public var description: String { notation }

    /// The official API index.
    public var index: Int {
        channels.reduce(0) { $0 * Self.candidates.count + Self.candidates.firstIndex(of: $1)! }
    }

    public init(index: Int) throws {
        guard (0..<Self.count).contains(index) else {
            throw SearchSpaceError(space: NATSSizeSpace.id, "index \(index) is outside 0...32767")
        }
        var rest = index
        var values = [Int](repeating: 0, count: Self.layerCount)
        for layer in stride(from: Self.layerCount - 1, through: 0, by: -1) {
            values[layer] = Self.candidates[rest % Self.candidates.count]
            rest /= Self.candidates.count
        }
        channels = values
    }
}
