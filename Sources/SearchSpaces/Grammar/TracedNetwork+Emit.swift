import NetworkBuilder
import ONNXModel

extension TracedNetwork {
    /// Writes the operations through `builder` (whose input is value 0) and returns the model.
    func model(builder: NetworkBuilder) -> Model {
        var b = builder
        var values: [Int: BuiltValue] = [input: b.input]
        for op in operations {
            let xs = op.inputs.map { values[$0]! }
            let outs = b.inScopePath(op.scope[...]) { b in emit(op, xs, &b) }
            for (v, o) in zip(op.outputs, outs) { values[v] = o }
        }
        // The graph output's type is known here; the builder keeps the one shape inference sets.
        return b.finish(output: values[output]!, outputShape: shapes[output].map(Int64.init))
    }

    /// The value for `v` as the builder sees it: its name and the size of axis 1.
    private func channels(_ v: Int) -> Int { shapes[v].count > 1 ? shapes[v][1] : shapes[v].first ?? 0 }

    private func emit(_ op: TracedOperation, _ xs: [BuiltValue], _ b: inout NetworkBuilder) -> [BuiltValue] {
        let x = xs.first.map { BuiltValue(name: $0.name, channels: channels(op.inputs[0])) }
        let outChannels = channels(op.outputs[0])
        func one(_ v: BuiltValue) -> [BuiltValue] { [BuiltValue(name: v.name, channels: outChannels)] }
        switch op.layer {
        case .conv(let out, let k, let s, let p, let g, let bias):
            return one(b.conv(x!, out: out, kernel: k, stride: s, padding: p, groups: g, bias: bias))
        case .batchNorm: return one(b.batchNorm(x!))
        case .instanceNorm: return one(b.instanceNormalization(x!))
        case .layerNorm(let shape): return one(b.layerNormalization(x!, normalizedShape: shape.map(Int64.init)))
        case .relu: return one(b.relu(x!))
        case .hardSwish: return one(b.hardSwish(x!))
        case .mish: return one(b.mish(x!))
        case .leakyRelu(let alpha): return one(b.leakyRelu(x!, alpha: alpha))
        case .softmax(let axis): return one(b.softmax(x!, axis: Int64(axis)))
        case .averagePool(let k, let s, let p, let includePad):
            return one(b.averagePool(x!, kernel: k, stride: s, padding: p, countIncludePad: includePad))
        case .globalAveragePool: return one(b.globalAveragePool(x!))
        case .flatten(let axis): return one(b.flatten(x!, axis: Int64(axis), features: outChannels))
        case .reduceMean(let axes, let keep): return one(b.reduceMean(x!, axes: axes.map(Int64.init), keepDims: keep))
        case .reduceSum(let axes, let keep): return one(b.reduceSum(x!, axes: axes.map(Int64.init), keepDims: keep))
        case .gemm(let out): return one(b.linear(x!, out: out))
        case .linearWeight(let inF, let outF): return one(b.linearWeight(x!, inFeatures: inF, outFeatures: outF))
        case .linearBias(let features): return one(b.linearBias(x!, features: features))
        case .positionalEncoding:
            return one(b.addParameter(x!, dims: [1] + shapes[op.inputs[0]].dropFirst().map(Int64.init)))
        case .matMul: return one(b.matMul(x!, xs[1]))
        case .scale(let c): return one(b.multiply(x!, byScalar: c))
        case .add: return one(b.add(x!, xs[1]))
        case .concat(let axis): return one(b.concat(xs, axis: Int64(axis)))
        case .split(let axis, let sizes):
            return b.split(x!, axis: Int64(axis), sizes: sizes.map(Int64.init))
                .enumerated().map { i, v in BuiltValue(name: v.name, channels: channels(op.outputs[i])) }
        case .unsqueeze(let axes): return one(b.unsqueeze(x!, axes: axes.map(Int64.init)))
        case .transpose(let perm): return one(b.transpose(x!, perm: perm.map(Int64.init)))
        case .reshape(let shape): return one(b.reshape(x!, shape: shape.map(Int64.init)))
        case .gather(let axis, let indices, let indicesShape):
            return one(b.gather(x!, indices: indices.map(Int64.init), indicesShape: indicesShape.map(Int64.init), axis: Int64(axis)))
        case .pad(let pads): return one(b.pad(x!, pads: pads.map(Int64.init)))
        }
    }
}

extension NetworkBuilder {
    /// Runs `body` with every name of `path` pushed as a scope, outermost first.
    fileprivate mutating func inScopePath<R>(_ path: ArraySlice<String>, _ body: (inout NetworkBuilder) -> R) -> R {
        guard let first = path.first else { return body(&self) }
        return scope(first) { $0.inScopePath(path.dropFirst(), body) }
    }
}
