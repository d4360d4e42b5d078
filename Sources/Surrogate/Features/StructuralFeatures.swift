/// Named whole-graph statistics: sizes, depth and path statistics, operator mix, capacity
/// (parameters, multiply-adds, channels), resolution and skip connections. Counts are on a
/// log scale (`log(1 + n)`), ratios stay in [0, 1]. The order of `names` is part of the
/// model file format: append, never reorder.
enum StructuralFeatures {
    static let names: [String] = [
        "nodes", "vertices", "dead_nodes", "dead_fraction", "edges", "output_ignores_input",
        "log_paths", "path_depth_mean", "path_depth_std", "path_depth_min", "path_depth_max",
        "longest_path", "shortest_path", "log2_rf_max", "log2_rf_min",
        "conv", "conv_1x1", "conv_3x3", "conv_5x5", "conv_7x7_plus", "conv_depthwise", "conv_grouped",
        "conv_strided", "conv_dilated", "conv_transpose", "linear", "matmul",
        "max_pool", "avg_pool", "global_pool", "add", "concat", "mul", "relu", "other_activation",
        "batch_norm", "softmax", "other_ops",
        "frac_conv_1x1", "frac_conv_3x3", "frac_conv_large", "frac_pool", "frac_weighted",
        "log_params", "log_params_all", "log_macs", "log_macs_all", "params_effective_fraction",
        "log2_channels_min", "log2_channels_max", "log2_channels_mean", "log2_channels_last",
        "log2_input_size", "log2_final_size", "resolutions", "downsamplings",
        "branch_points", "max_fan_out", "merges", "skip_edges", "skip_span_mean", "skip_span_max",
        "weighted_per_resolution_max", "log_macs_per_param", "depth_over_width",
    ]

    static var count: Int { names.count }

    static func compute(_ g: ComputeGraph, paths: PathStatistics) -> [Double] {
        var f = [Double](repeating: 0, count: count)
        var i = 0
        func put(_ x: Double) { f[i] = x.isFinite ? x : 0; i += 1 }
        func logc(_ x: Double) -> Double { Math.logCount(x) }
        func log2p(_ x: Double) -> Double { x > 0 ? Math.log2(x) : 0 }

        let vs = g.vertices
        let edges = vs.reduce(0) { $0 + $1.predecessors.count }
        put(logc(Double(g.totalNodeCount)))
        put(logc(Double(vs.count)))
        put(logc(Double(g.deadNodeCount)))
        put(g.totalNodeCount > 0 ? Double(g.deadNodeCount) / Double(g.totalNodeCount) : 0)
        put(logc(Double(edges)))
        put(g.outputVertex == nil ? 1 : 0)

        put(paths.logPathCount)
        put(paths.meanDepth)
        put(paths.depthStandardDeviation)
        put(paths.minDepth)
        put(paths.maxDepth)
        put(paths.longestVertexPath)
        put(paths.shortestVertexPath)
        put(log2p(paths.maxReceptiveField))
        put(log2p(paths.minReceptiveField))

        var conv = 0.0, c1 = 0.0, c3 = 0.0, c5 = 0.0, c7 = 0.0, dw = 0.0, grouped = 0.0, strided = 0.0, dilated = 0.0
        var convT = 0.0, linear = 0.0, matmul = 0.0, maxPool = 0.0, avgPool = 0.0, globalPool = 0.0
        var add = 0.0, concat = 0.0, mul = 0.0, relu = 0.0, act = 0.0, bn = 0.0, softmax = 0.0, other = 0.0
        var channels: [Double] = []
        var spatial = Set<Int>()
        var weightedAtResolution: [Int: Int] = [:]
        var params = 0.0, macs = 0.0
        for v in vs {
            params += v.parameters
            macs += v.multiplyAdds
            if let s = v.outputShape, s.count == 4 {
                spatial.insert(s[2])
                if v.isWeighted { weightedAtResolution[s[2], default: 0] += 1 }
            }
            switch v.opClass {
            case .conv:
                conv += 1
                let k = v.kernel.max() ?? 1
                if k <= 1 { c1 += 1 } else if k <= 3 { c3 += 1 } else if k <= 5 { c5 += 1 } else { c7 += 1 }
                let inC = v.inputShape.flatMap { $0.count > 1 ? $0[1] : nil } ?? 0
                if v.group > 1 { if v.group == inC { dw += 1 } else { grouped += 1 } }
                if v.stride > 1 { strided += 1 }
                if v.dilation > 1 { dilated += 1 }
                if let s = v.outputShape, s.count > 1 { channels.append(Double(s[1])) }
            case .convTranspose: convT += 1
            case .gemm: linear += 1
            case .matMul: matmul += 1
            case .maxPool: maxPool += 1
            case .averagePool: avgPool += 1
            case .globalPool: globalPool += 1
            case .add: add += 1
            case .concat: concat += 1
            case .mul: mul += 1
            case .relu: relu += 1
            case .activation: act += 1
            case .normalization: bn += 1
            case .softmax: softmax += 1
            case .constant, .shapeOnly, .layout, .reduction, .other: other += 1
            }
        }
        for x in [conv, c1, c3, c5, c7, dw, grouped, strided, dilated, convT, linear, matmul,
                  maxPool, avgPool, globalPool, add, concat, mul, relu, act, bn, softmax, other] { put(logc(x)) }
        let weighted = conv + convT + linear + matmul
        put(conv > 0 ? c1 / conv : 0)
        put(conv > 0 ? c3 / conv : 0)
        put(conv > 0 ? (c5 + c7) / conv : 0)
        put(vs.isEmpty ? 0 : (maxPool + avgPool) / Double(vs.count))
        put(vs.isEmpty ? 0 : weighted / Double(vs.count))

        put(logc(params))
        put(logc(g.totalParameters))
        put(logc(macs))
        put(logc(g.totalMultiplyAdds))
        put(g.totalParameters > 0 ? params / Double(g.totalParameters) : 0)

        put(log2p(channels.min() ?? 0))
        put(log2p(channels.max() ?? 0))
        put(channels.isEmpty ? 0 : channels.reduce(0) { $0 + log2p($1) } / Double(channels.count))
        put(log2p(channels.last ?? 0))
        let inputSize = vs.first(where: { $0.inputShape?.count == 4 })?.inputShape?[2] ?? 0
        put(log2p(Double(inputSize)))
        put(log2p(Double(spatial.min() ?? 0)))
        put(Double(spatial.count))
        put(inputSize > 0 && !spatial.isEmpty ? max(0, log2p(Double(inputSize)) - log2p(Double(spatial.min()!))) : 0)

        var branchPoints = 0.0, maxFanOut = 0.0, merges = 0.0, skips = 0.0, spanSum = 0.0, spanMax = 0.0
        let depth = paths.vertexDepth
        for (k, v) in vs.enumerated() {
            if v.successors.count > 1 { branchPoints += 1 }
            maxFanOut = max(maxFanOut, Double(v.successors.count))
            if v.predecessors.count > 1 {
                merges += 1
                if depth.count == vs.count {
                    for p in v.predecessors {
                        let from = p >= 0 ? depth[p] : 0
                        let span = Double(depth[k] - from - 1)
                        if span >= 1 { skips += 1; spanSum += span; spanMax = max(spanMax, span) }
                    }
                }
            }
        }
        put(logc(branchPoints))
        put(logc(maxFanOut))
        put(logc(merges))
        put(logc(skips))
        put(skips > 0 ? logc(spanSum / skips) : 0)
        put(logc(spanMax))
        put(logc(Double(weightedAtResolution.values.max() ?? 0)))
        put(params > 0 ? Math.log(max(macs, 1) / params) : 0)
        put(paths.maxDepth / max(1, log2p(channels.max() ?? 1)))
        precondition(i == count, "StructuralFeatures.names and compute disagree")
        return f
    }
}
