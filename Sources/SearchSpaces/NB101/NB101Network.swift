/// The official NAS-Bench-101 CIFAR-10 network around a cell, for counting: a 3x3
/// conv-BN-ReLU stem with 128 channels, 3 stacks of 3 cells, a 2x2 stride-2 max-pool and
/// doubled channels before every stack but the first, global average pooling, one dense
/// layer to 10 classes. Convolutions have no bias (BatchNorm follows each); BatchNorm has a
/// trainable scale and shift. Inside a cell (official `build_module`): an interior vertex
/// fed by the input gets a 1x1 conv-BN-ReLU projection of the input to its channels; a
/// conv vertex is a conv-BN-ReLU keeping its channels; max-pool is 3x3 stride 1; the output
/// concatenates its interior inputs and adds a projection of the input when the input feeds
/// it directly (or is its only input).
public struct NB101Network: Sendable, Equatable {
    public var stemChannels = 128
    public var stackCount = 3
    public var cellsPerStack = 3
    public var classCount = 10
    public var imageSize = 32
    public var imageChannels = 3

    /// The benchmark's CIFAR-10 configuration.
    public static let cifar10 = NB101Network()

    public init() {}

    /// Trainable parameters of the original network (equals the benchmark's
    /// `trainable_parameters`).
    public static func trainableParameters(_ cell: NB101Cell) -> Int { cifar10.counts(cell).parameters }

    /// Multiply-adds of the convolutions and the dense layer for one image.
    public static func flops(_ cell: NB101Cell) -> Int { cifar10.counts(cell).multiplyAdds }

    /// The `flops` figure of NASLib's `zc_nasbench101.json` (in units, not millions), which
    /// its profiler counts as: conv and dense multiply-adds, plus 3 per element leaving a
    /// BatchNorm+ReLU pair, plus kernel-area per element leaving a max-pool (9 for the 3x3
    /// cell pool, 4 for the 2x2 downsampling); additions, concatenation and the global
    /// average pool count nothing.
    public static func naslibFlops(_ cell: NB101Cell) -> Int { cifar10.counts(cell).naslibFlops }

    public struct Counts: Sendable, Equatable {
        public var parameters = 0
        public var multiplyAdds = 0
        public var naslibFlops = 0
    }

    public func counts(_ cell: NB101Cell) -> Counts {
        var total = Counts()
        var pixels = imageSize * imageSize
        func convBnRelu(_ inChannels: Int, _ outChannels: Int, kernel: Int) {
            let macs = pixels * inChannels * outChannels * kernel * kernel
            total.parameters += inChannels * outChannels * kernel * kernel + 2 * outChannels
            total.multiplyAdds += macs
            total.naslibFlops += macs + 3 * pixels * outChannels
        }
        convBnRelu(imageChannels, stemChannels, kernel: 3)
        var inChannels = stemChannels
        var channels = stemChannels
        let n = cell.vertexCount
        for stack in 0..<stackCount {
            if stack > 0 {
                // Downsampling max-pool: output pixels are a quarter (sizes stay even here).
                pixels /= 4
                total.naslibFlops += 4 * pixels * channels
                channels *= 2
            }
            for _ in 0..<cellsPerStack {
                let vertexChannels = cell.vertexChannels(inputChannels: inChannels, outputChannels: channels)
                for v in 1..<(n - 1) {
                    let c = vertexChannels[v]
                    if cell.hasEdge(from: 0, to: v) { convBnRelu(inChannels, c, kernel: 1) }
                    switch cell.operation(at: v) {
                    case .conv3x3BnRelu: convBnRelu(c, c, kernel: 3)
                    case .conv1x1BnRelu: convBnRelu(c, c, kernel: 1)
                    case .maxPool3x3: total.naslibFlops += 9 * pixels * c
                    case .input, .output: break
                    }
                }
                if n == 2 || cell.hasEdge(from: 0, to: n - 1) { convBnRelu(inChannels, channels, kernel: 1) }
                inChannels = channels
            }
        }
        total.parameters += channels * classCount + classCount
        total.multiplyAdds += channels * classCount
        total.naslibFlops += channels * classCount
        return total
    }
}
