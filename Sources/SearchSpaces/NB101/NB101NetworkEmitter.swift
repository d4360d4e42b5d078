import NetworkBuilder
import ONNXModel

extension NB101Network {
    /// The network as PyTorch's eval-mode export (opset 17) + onnx-simplifier gives it for the
    /// `nasbench_pytorch` implementation of the benchmark network; see `NB101NetworkEmitter`.
    public func model(_ cell: NB101Cell, weights: WeightMode) -> Model {
        var builder = NetworkBuilder(inputChannels: imageChannels, inputSize: imageSize, batch: 1, opset: 17,
                                     weights: weights, inputName: "input")
        let logits = NB101NetworkEmitter(network: self, cell: cell).emit(into: &builder)
        return builder.finish(output: logits, outputShape: [1, Int64(classCount)])
    }
}

/// Emits the NB101 network node by node in the order of PyTorch's trace of the reference
/// implementation, with its module paths as scopes (`/layers.1/vertex_op.3/conv3x3/...`).
///
/// What the reference exports show and this reproduces:
/// - `layers` holds the stem (0), the cells and the two 2x2 max-pools (4 and 8); each
///   conv-BN-ReLU is one Conv with the BatchNorm folded in (bias) and a Relu;
/// - in a cell, vertex `t` gathers its inputs (a `Slice` of an interior predecessor that has
///   one channel more, then the 1x1 projection of the cell input), sums them starting from
///   `zeros_like(first)`, and applies its operation; the output concatenates (or passes on a
///   single tensor) and adds the output projection of the input when wired;
/// - the sum's first `zeros + x` disappears in onnx-simplifier after nodes were named, so
///   it still uses up an `Add` number (`Add_4` may be a cell's first Add): the name is
///   reserved, no node emitted;
/// - the same Slice of one tensor (a vertex feeding several narrower vertices) is computed
///   once and takes one name, as the exporter's common-subexpression pass merges it before
///   naming (as the NB301 exports show for their slices): the builder merges it as it is
///   emitted. Sums are in-place `+=` on a fresh `zeros_like` and are never merged: golden 2
///   numbers the `zeros + x` of two vertices that both start from the same tensor separately;
/// - the slice bounds are int64 initializers shared by value across the graph, named after
///   their first use (`/layers.1/Constant_3_output_0` = starts [0], `Constant_4` = ends,
///   `Constant_2` = axes and steps [1]). The goldens show these numbers only for a first
///   truncation on a cell's first interior edge; other cells get the same numbers (a guess:
///   names of int64 initializers are not part of the golden comparison, values are);
/// - classifier: `ReduceMean(axes=[2,3], keepdims=0)` then `Gemm`.
final class NB101NetworkEmitter {
    let network: NB101Network
    let cell: NB101Cell

    /// Index in the reference's `layers` list of the module being emitted.
    private var currentLayer = 0

    init(network: NB101Network, cell: NB101Cell) {
        self.network = network
        self.cell = cell
    }

    func emit(into b: inout NetworkBuilder) -> BuiltValue {
        var x = b.input
        let stemInput = x
        x = b.scope("layers.0") { b in convBnRelu(&b, stemInput, out: network.stemChannels, kernel: 3) }
        var layer = 1
        var channels = network.stemChannels
        for stack in 0..<network.stackCount {
            if stack > 0 {
                let previous = x
                currentLayer = layer
                x = b.scope("layers.\(layer)") { $0.maxPool(previous, kernel: 2, stride: 2, padding: 0) }
                layer += 1
                channels *= 2
            }
            for _ in 0..<network.cellsPerStack {
                let previous = x
                let out = channels
                currentLayer = layer
                x = b.scope("layers.\(layer)") { b in cellBody(&b, previous, out: out) }
                layer += 1
            }
        }
        let pooled = b.reduceMean(x, axes: [2, 3], keepDims: false)
        return b.scope("classifier") { $0.linear(pooled, out: network.classCount) }
    }

    // MARK: cell

    private func cellBody(_ b: inout NetworkBuilder, _ input: BuiltValue, out: Int) -> BuiltValue {
        let n = cell.vertexCount
        let vertexChannels = cell.vertexChannels(inputChannels: input.channels, outputChannels: out)
        var tensors = [input]
        var concatenated: [BuiltValue] = []
        for t in 1..<max(1, n - 1) {
            var fanIn: [BuiltValue] = []
            for source in 1..<t where cell.hasEdge(from: source, to: t) {
                fanIn.append(truncate(&b, tensors[source], to: vertexChannels[t]))
            }
            if cell.hasEdge(from: 0, to: t) {
                fanIn.append(b.scope("input_op.\(t)") { b in convBnRelu(&b, input, out: vertexChannels[t], kernel: 1) })
            }
            // In-place `+=` on a fresh zeros tensor: never merged with an equal sum.
            var sum = vanishingAdd(&b, fanIn[0])
            for value in fanIn.dropFirst() { sum = b.add(sum, value) }
            let vertexInput = sum
            let output = b.scope("vertex_op.\(t)") { b in
                switch cell.operation(at: t) {
                case .conv3x3BnRelu:
                    return b.scope("conv3x3") { b in convBnRelu(&b, vertexInput, out: vertexChannels[t], kernel: 3) }
                case .conv1x1BnRelu:
                    return b.scope("conv1x1") { b in convBnRelu(&b, vertexInput, out: vertexChannels[t], kernel: 1) }
                case .maxPool3x3, .input, .output:  // interior vertices of a cell are never input/output
                    return b.scope("maxpool") { $0.maxPool(vertexInput, kernel: 3, stride: 1, padding: 1) }
                }
            }
            tensors.append(output)
            if cell.hasEdge(from: t, to: n - 1) { concatenated.append(output) }
        }
        let projectOutput = { (b: inout NetworkBuilder) -> BuiltValue in
            b.scope("input_op.\(n - 1)") { b in self.convBnRelu(&b, input, out: out, kernel: 1) }
        }
        guard !concatenated.isEmpty else { return projectOutput(&b) }
        var output = concatenated.count == 1 ? concatenated[0] : b.concat(concatenated)
        if cell.hasEdge(from: 0, to: n - 1) {
            let projection = projectOutput(&b)
            output = b.add(output, projection)
        }
        return output
    }

    /// `ConvBnRelu`: `conv_bn_relu.0` Conv (BatchNorm `.1` folded in), `conv_bn_relu.2` Relu.
    private func convBnRelu(_ b: inout NetworkBuilder, _ x: BuiltValue, out: Int, kernel: Int) -> BuiltValue {
        b.scope("conv_bn_relu") { b in
            let conv = b.scope("conv_bn_relu.0") { $0.conv(x, out: out, kernel: kernel, padding: kernel / 2, bias: true) }
            return b.scope("conv_bn_relu.2") { $0.relu(conv) }
        }
    }

    /// `x[:, :channels]` when `x` has more channels (one more, by construction).
    private func truncate(_ b: inout NetworkBuilder, _ x: BuiltValue, to channels: Int) -> BuiltValue {
        guard x.channels > channels else { return x }
        let axes = int64(&b, 1, constant: "Constant_2")
        let starts = int64(&b, 0, constant: "Constant_3")
        let ends = int64(&b, Int64(channels), constant: "Constant_4")
        let y = b.node("Slice", [x.name, starts, ends, axes, axes], merge: true)
        return BuiltValue(name: y[0], channels: channels)
    }

    /// A one-element int64 initializer, shared by value across the graph and named after its
    /// first use: `/layers.<current layer>/<constant>_output_0`.
    private func int64(_ b: inout NetworkBuilder, _ value: Int64, constant: String) -> String {
        b.int64Constant([value], dims: [1], name: "/layers.\(currentLayer)/\(constant)_output_0", shared: true)
    }

    /// `zeros_like(x) + x`: simplified away to `x`, but its name was taken.
    private func vanishingAdd(_ b: inout NetworkBuilder, _ x: BuiltValue) -> BuiltValue {
        b.reserveNodeName("Add")
        return x
    }
}
