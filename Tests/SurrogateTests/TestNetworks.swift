import ONNXModel

/// Small hand-made ONNX graphs with known structure for the feature tests. Shapes are
/// written into value_info as a shape-inferred export would have them.
struct TestNetwork {
    var nodes: [Node] = []
    var initializers: [Tensor] = []
    var valueInfo: [ValueInfo] = []
    var counter = 0

    mutating func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    mutating func shape(_ name: String, _ dims: [Int64]) {
        valueInfo.append(ValueInfo(name: name, type: .tensor(.float, dims)))
    }

    /// 3x3 (or k x k) convolution, stride 1, same padding, with bias.
    mutating func conv(_ x: String, inChannels: Int64, outChannels: Int64, size: Int64 = 8, kernel: Int64 = 3,
                       stride: Int64 = 1) -> String {
        let w = fresh("w"), b = fresh("b"), y = fresh("conv")
        initializers.append(Tensor(name: w, dataType: .float, dims: [outChannels, inChannels, kernel, kernel], rawData: []))
        initializers.append(Tensor(name: b, dataType: .float, dims: [outChannels], rawData: []))
        nodes.append(Node(opType: "Conv", inputs: [x, w, b], outputs: [y], attributes: [
            .ints("kernel_shape", [kernel, kernel]), .ints("pads", [kernel / 2, kernel / 2, kernel / 2, kernel / 2]),
            .ints("strides", [stride, stride]),
        ]))
        shape(y, [1, outChannels, size / stride, size / stride])
        return y
    }

    mutating func unary(_ op: String, _ x: String, dims: [Int64]) -> String {
        let y = fresh(op.lowercased())
        nodes.append(Node(opType: op, inputs: [x], outputs: [y]))
        shape(y, dims)
        return y
    }

    mutating func add(_ a: String, _ b: String, dims: [Int64]) -> String {
        let y = fresh("add")
        nodes.append(Node(opType: "Add", inputs: [a, b], outputs: [y]))
        shape(y, dims)
        return y
    }

    /// `x * 0.0`: how an exporter keeps a "none" edge.
    mutating func timesZero(_ x: String, dims: [Int64]) -> String {
        let z = fresh("zero"), y = fresh("mul")
        initializers.append(.float32(name: z, dims: [], values: [0]))
        nodes.append(Node(opType: "Mul", inputs: [x, z], outputs: [y]))
        shape(y, dims)
        return y
    }

    /// Global pool, flatten and a linear layer to `classes` outputs named `output`.
    mutating func head(_ x: String, channels: Int64, classes: Int64 = 10) {
        let p = unary("GlobalAveragePool", x, dims: [1, channels, 1, 1])
        let f = unary("Flatten", p, dims: [1, channels])
        let w = fresh("fc_w"), b = fresh("fc_b")
        initializers.append(Tensor(name: w, dataType: .float, dims: [classes, channels], rawData: []))
        initializers.append(Tensor(name: b, dataType: .float, dims: [classes], rawData: []))
        nodes.append(Node(opType: "Gemm", inputs: [f, w, b], outputs: ["output"], attributes: [.int("transB", 1)]))
    }

    func model(inputChannels: Int64 = 3, size: Int64 = 8, classes: Int64 = 10) -> Model {
        var g = Graph()
        g.name = "test"
        g.nodes = nodes
        g.initializers = initializers
        g.inputs = [ValueInfo(name: "input", type: .tensor(.float, [1, inputChannels, size, size]))]
        g.outputs = [ValueInfo(name: "output", type: .tensor(.float, [1, classes]))]
        g.valueInfo = valueInfo
        return Model(graph: g, opset: 17)
    }

    /// A residual network: stem conv, `blocks` x (conv-relu-conv + identity), head. With
    /// `deadBranch`, every block also has a conv whose output is multiplied by zero.
    static func residual(blocks: Int, channels: Int64 = 4, deadBranch: Bool = false, kernel: Int64 = 3) -> Model {
        var t = TestNetwork()
        let dims: [Int64] = [1, channels, 8, 8]
        var x = t.conv("input", inChannels: 3, outChannels: channels)
        for _ in 0..<blocks {
            var y = t.conv(x, inChannels: channels, outChannels: channels, kernel: kernel)
            y = t.unary("Relu", y, dims: dims)
            y = t.conv(y, inChannels: channels, outChannels: channels, kernel: kernel)
            var sum = t.add(y, x, dims: dims)
            if deadBranch {
                let dead = t.timesZero(t.conv(x, inChannels: channels, outChannels: channels), dims: dims)
                sum = t.add(sum, dead, dims: dims)
            }
            x = sum
        }
        t.head(x, channels: channels)
        return t.model()
    }
}
