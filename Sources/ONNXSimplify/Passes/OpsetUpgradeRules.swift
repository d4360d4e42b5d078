import ONNXModel

/// How each default-domain operator is carried from an older opset (7 and later) to a newer
/// one, up to opset 17, without changing what it computes: either unchanged (only types or
/// defaults were added) or by rewriting attributes into inputs. An operator missing from both
/// tables (or one whose rewrite needs facts we lack) keeps the whole model at its opset.
enum OpsetUpgradeRules {
    /// Highest opset these rules know about.
    static let newestKnown: Int64 = 17

    /// Operators whose definitions between opset 7 and 17 only added types, negative-axis
    /// support or attributes whose default is the old behaviour.
    static let unchanged: Set<String> = [
        "Abs", "Acos", "Acosh", "Add", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh",
        "AveragePool", "BitShift", "Cast", "CastLike", "Ceil", "Celu", "Compress", "Concat", "Constant",
        "ConstantOfShape", "Conv", "ConvInteger", "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace",
        "DequantizeLinear", "Det", "Div", "DynamicQuantizeLinear", "Einsum", "Elu", "Equal", "Erf", "Exp",
        "Expand", "EyeLike", "Flatten", "Floor", "GRU", "Gather", "GatherElements", "GatherND", "Gemm",
        "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "Greater", "GreaterOrEqual", "GridSample",
        "HardSigmoid", "HardSwish", "Identity", "InstanceNormalization", "IsInf", "IsNaN", "LRN", "LSTM",
        "LayerNormalization", "LeakyRelu", "Less", "LessOrEqual", "Log", "LpNormalization", "LpPool",
        "MatMul", "MatMulInteger", "Max", "MaxPool", "MaxRoiPool", "MaxUnpool", "Mean",
        "MeanVarianceNormalization", "Min", "Mod", "Mul", "Multinomial", "Neg", "NonMaxSuppression",
        "NonZero", "Not", "OneHot", "Or", "PRelu", "Pow", "QLinearConv", "QLinearMatMul", "QuantizeLinear",
        "RNN", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Range",
        "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean",
        "ReduceMin", "ReduceProd", "ReduceSumSquare", "Relu", "ReverseSequence", "Round", "ScatterElements",
        "ScatterND", "Selu", "Shape", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Size",
        "Softplus", "Softsign", "SpaceToDepth", "Sqrt", "Sub", "Sum", "Tan", "Tanh", "ThresholdedRelu",
        "Tile", "Transpose", "Trilu", "Unique", "Where", "Xor", "Bernoulli", "Resize",
        "NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss", "StringNormalizer", "TfIdfVectorizer",
        "SequenceConstruct", "SequenceEmpty", "SequenceInsert", "SequenceAt", "SequenceErase", "SequenceLength",
        "SplitToSequence", "ConcatFromSequence", "Optional", "OptionalHasElement", "OptionalGetElement",
    ]

    /// One node rewritten for the target opset, with any initializers it now reads.
    struct Rewrite {
        var node: Node
        var initializers: [Tensor] = []
    }

    enum Outcome {
        case rewritten(Rewrite)
        case unsupported(String)
    }

    /// Rewrites `node` from opset `from` to opset `to` (7 <= from < to <= 17).
    static func upgrade(_ node: Node, from: Int64, to: Int64, facts: ValueFacts, names: inout NameAllocator) -> Outcome {
        func crosses(_ v: Int64) -> Bool { from < v && v <= to }
        var node = node
        var r = Rewrite(node: node)
        let op = node.opType

        // Attribute lists that became inputs.
        func moveIntsToInput(_ attr: String, slot: Int, required: Bool, suffix: String) -> Bool {
            guard let k = node.attributes.firstIndex(where: { $0.name == attr }) else { return !required }
            let values = node.attributes[k].ints
            node.attributes.remove(at: k)
            let name = names.fresh((node.outputs.first ?? node.opType) + suffix)
            r.initializers.append(Tensor.int64(name: name, dims: [Int64(values.count)], values: values))
            while node.inputs.count < slot { node.inputs.append("") }
            node.inputs.insert(name, at: slot)
            return true
        }
        func scalar(_ v: Float, like input: String, suffix: String) -> String? {
            guard let t = facts.elementType(input), t == .float || t == .double else { return nil }
            let name = names.fresh((node.outputs.first ?? node.opType) + suffix)
            r.initializers.append(ConstantValue(doubles: [Double(v)], dims: [], type: t).tensor(named: name))
            return name
        }

        switch op {
        case _ where unchanged.contains(op):
            if op == "Resize", from < 11 {
                return upgradeResize10(node, to: to)
            }
        case "Unsqueeze" where crosses(13), "Squeeze" where crosses(13), "ReduceSum" where crosses(13):
            guard moveIntsToInput("axes", slot: 1, required: op == "Unsqueeze", suffix: "_axes") else {
                return .unsupported("\(op) without axes")
            }
        case "Unsqueeze", "Squeeze", "ReduceSum":
            break
        case "Split" where crosses(13):
            _ = moveIntsToInput("split", slot: 1, required: false, suffix: "_split")
        case "Split":
            break
        case "Clip" where crosses(11):
            let minV = node.attribute("min")?.f, maxV = node.attribute("max")?.f
            node.attributes.removeAll { $0.name == "min" || $0.name == "max" }
            let x = node.inputs.first ?? ""
            var inputs = [x]
            // Absent bounds become empty (optional) inputs.
            if let minV {
                guard let lo = scalar(minV, like: x, suffix: "_min") else { return .unsupported("Clip on a value of unknown type") }
                inputs.append(lo)
            }
            if let maxV {
                if minV == nil { inputs.append("") }
                guard let hi = scalar(maxV, like: x, suffix: "_max") else { return .unsupported("Clip on a value of unknown type") }
                inputs.append(hi)
            }
            node.inputs = inputs
        case "Clip":
            break
        case "Pad" where crosses(11):
            guard let pads = node.attribute("pads")?.ints else { return .unsupported("Pad without pads") }
            let value = node.attribute("value")?.f ?? 0
            node.attributes.removeAll { $0.name == "pads" || $0.name == "value" }
            let x = node.inputs.first ?? ""
            let padsName = names.fresh((node.outputs.first ?? "Pad") + "_pads")
            r.initializers.append(Tensor.int64(name: padsName, dims: [Int64(pads.count)], values: pads))
            node.inputs = [x, padsName]
            if value != 0 {
                guard let v = scalar(value, like: x, suffix: "_value") else { return .unsupported("Pad on a value of unknown type") }
                node.inputs.append(v)
            }
        case "Pad":
            break
        case "Slice" where crosses(10):
            guard node.attribute("starts") != nil, node.attribute("ends") != nil else { return .unsupported("Slice without starts/ends") }
            let hasAxes = node.attribute("axes") != nil
            _ = moveIntsToInput("starts", slot: 1, required: true, suffix: "_starts")
            _ = moveIntsToInput("ends", slot: 2, required: true, suffix: "_ends")
            if hasAxes { _ = moveIntsToInput("axes", slot: 3, required: true, suffix: "_axes") }
        case "TopK" where crosses(10):
            guard let k = node.attribute("k")?.i else { return .unsupported("TopK without k") }
            node.attributes.removeAll { $0.name == "k" }
            let name = names.fresh((node.outputs.first ?? "TopK") + "_k")
            r.initializers.append(Tensor.int64(name: name, dims: [1], values: [k]))
            node.inputs.append(name)
        case "Slice", "TopK":
            break
        case "Softmax" where crosses(13), "LogSoftmax" where crosses(13), "Hardmax" where crosses(13):
            // Before 13 these flatten [axis:] into one dimension; equal to the 13 form only when
            // nothing but ones follows the axis.
            guard let shape = facts.shape(node.inputs.first ?? "") else { return .unsupported("\(op) on a value of unknown rank") }
            let axis = node.attribute("axis")?.i ?? 1
            guard let a = TensorIndexing.axis(axis, rank: shape.rank),
                  shape.dims[(a + 1)...].allSatisfy({ $0.fixedValue == 1 }) else {
                return .unsupported("\(op) over several dimensions")
            }
            if node.attribute("axis") == nil { node.attributes.append(.int("axis", axis)) }
        case "Softmax", "LogSoftmax", "Hardmax":
            break
        case "Dropout" where crosses(12):
            // The ratio matters only in training; inference (what we canonicalise) ignores it.
            node.attributes.removeAll { $0.name == "ratio" }
            if node.outputs.count > 1 { return .unsupported("Dropout whose mask type changes") }
        case "Dropout":
            break
        case "BatchNormalization":
            if from < 9, let k = node.attributes.firstIndex(where: { $0.name == "spatial" }) {
                guard node.attributes[k].i ?? 1 == 1 else { return .unsupported("BatchNormalization with spatial=0") }
                node.attributes.remove(at: k)
            }
            if crosses(14) {
                guard node.outputs.count == 1 else { return .unsupported("BatchNormalization in training form") }
                // PyTorch writes the default explicitly from opset 14 on.
                if node.attribute("training_mode") == nil { node.attributes.append(.int("training_mode", 0)) }
            }
        case "Reshape":
            if crosses(14), node.attribute("allowzero") == nil { node.attributes.append(.int("allowzero", 0)) }
        case "Scatter" where crosses(11):
            // Deprecated in 11 in favour of ScatterElements, which computes the same.
            node.opType = "ScatterElements"
        case "RoiAlign":
            // Opset 16 changed the default coordinates to half_pixel; keep the old ones.
            if crosses(16), node.attribute("coordinate_transformation_mode") == nil {
                node.attributes.append(.string("coordinate_transformation_mode", "output_half_pixel"))
            }
        case "Upsample" where crosses(10):
            return upgradeUpsample(node, from: from, to: to, names: &names)
        default:
            return .unsupported("no exact upgrade known for \(op)")
        }
        r.node = node
        return .rewritten(r)
    }

    /// Upsample (nearest) becomes Resize with the coordinate rules Upsample used.
    private static func upgradeUpsample(_ node: Node, from: Int64, to: Int64, names: inout NameAllocator) -> Outcome {
        guard to >= 13 else { return .unsupported("Upsample below opset 13 target") }
        let mode = node.attribute("mode")?.stringValue ?? "nearest"
        guard mode == "nearest", let x = node.inputs.first else { return .unsupported("Upsample mode \(mode)") }
        var r = Rewrite(node: node)
        let scales: String
        if from < 9 {
            guard let s = node.attribute("scales")?.floats, !s.isEmpty else { return .unsupported("Upsample without scales") }
            scales = names.fresh((node.outputs.first ?? "Upsample") + "_scales")
            r.initializers.append(Tensor.float32(name: scales, dims: [Int64(s.count)], values: s))
        } else {
            guard node.inputs.count >= 2 else { return .unsupported("Upsample without scales") }
            scales = node.inputs[1]
        }
        r.node.opType = "Resize"
        r.node.inputs = [x, "", scales]
        r.node.attributes = [.string("coordinate_transformation_mode", "asymmetric"), .string("mode", "nearest"),
                             .string("nearest_mode", "floor")]
        return .rewritten(r)
    }

    /// Resize-10 (X, scales) had Upsample's semantics.
    private static func upgradeResize10(_ node: Node, to: Int64) -> Outcome {
        guard to >= 13 else { return .unsupported("Resize-10 below opset 13 target") }
        let mode = node.attribute("mode")?.stringValue ?? "nearest"
        guard mode == "nearest", node.inputs.count == 2 else { return .unsupported("Resize-10 mode \(mode)") }
        var n = node
        n.inputs = [node.inputs[0], "", node.inputs[1]]
        n.attributes = [.string("coordinate_transformation_mode", "asymmetric"), .string("mode", "nearest"),
                        .string("nearest_mode", "floor")]
        return .rewritten(Rewrite(node: n))
    }

    /// Lowest IR version that may declare `opset` (onnx/helper.py's table).
    static func minimumIRVersion(forOpset opset: Int64) -> Int64 {
        switch opset {
        case ..<9: return 3
        case 9: return 4
        case 10: return 5
        case 11: return 6
        case 12...14: return 7
        case 15...18: return 8
        default: return 9
        }
    }
}
