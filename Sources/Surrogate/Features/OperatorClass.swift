/// What the features need to know about an operator, looked up once per node (comparing
/// the op type string against dozens of names per node cost more than all the rest).
enum OperatorClass: UInt8 {
    case conv, convTranspose, gemm, matMul
    case maxPool, averagePool, globalPool
    case add, concat, mul
    case relu, activation, normalization, softmax
    case constant, shapeOnly, layout, reduction, other

    static func of(_ op: String) -> OperatorClass { table[op] ?? .other }

    private static let table: [String: OperatorClass] = {
        var t: [String: OperatorClass] = [:]
        for op in ["Conv", "ConvInteger", "QLinearConv"] { t[op] = .conv }
        t["ConvTranspose"] = .convTranspose
        t["Gemm"] = .gemm
        for op in ["MatMul", "MatMulInteger", "QLinearMatMul"] { t[op] = .matMul }
        t["MaxPool"] = .maxPool
        for op in ["AveragePool", "LpPool"] { t[op] = .averagePool }
        for op in ["GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"] { t[op] = .globalPool }
        for op in ["Add", "Sum"] { t[op] = .add }
        t["Concat"] = .concat
        t["Mul"] = .mul
        t["Relu"] = .relu
        for op in ["Sigmoid", "Tanh", "LeakyRelu", "PRelu", "Elu", "Selu", "Clip", "HardSigmoid", "HardSwish", "Gelu",
                   "Softplus", "Mish", "Erf"] { t[op] = .activation }
        for op in ["BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization"] {
            t[op] = .normalization
        }
        for op in ["Softmax", "LogSoftmax"] { t[op] = .softmax }
        t["Constant"] = .constant
        for op in ["Shape", "Size", "ConstantOfShape", "EyeLike"] { t[op] = .shapeOnly }
        for op in ["Identity", "Dropout", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Cast"] { t[op] = .layout }
        for op in ["ReduceMean", "ReduceMax"] { t[op] = .reduction }
        return t
    }()

    /// Layers with learned weights applied by a product: what "depth" counts.
    var isWeighted: Bool { self == .conv || self == .convTranspose || self == .gemm || self == .matMul }
    /// Operations (as opposed to glue) for the path features.
    var isPathOperation: Bool { isWeighted || self == .maxPool || self == .averagePool || self == .globalPool }
    /// Nodes whose kernel, weights or reduction axes `ComputeGraph.describe` reads.
    var isDescribed: Bool { isWeighted || self == .maxPool || self == .averagePool || self == .reduction }
}
