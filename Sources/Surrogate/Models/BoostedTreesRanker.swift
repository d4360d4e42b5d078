import ONNXNetSupport

/// Gradient-boosted regression trees on the design rows (squared loss, histogram splits on
/// at most `treeBins` quantile bins per column, depth-limited, with row and column
/// subsampling per tree and L2-regularised leaf values, as in LightGBM/XGBoost).
struct BoostedTreesRanker: Ranker {
    /// A tree in flat arrays; a node with `feature < 0` is a leaf holding `value`.
    struct Tree: Sendable, Equatable {
        var feature: [Int32] = []
        var threshold: [Float] = []
        var left: [Int32] = []
        var right: [Int32] = []
        var value: [Float] = []

        func predict(_ row: [Float]) -> Float {
            var k = 0
            // Depth is bounded by construction; the guard bounds a damaged file's loop too.
            for _ in 0..<64 {
                let f = Int(feature[k])
                if f < 0 { return value[k] }
                k = Int(row[f] <= threshold[k] ? left[k] : right[k])
            }
            return value[k]
        }
    }

    var kind: RankerKind { .boostedTrees }
    var base: Double
    var trees: [Tree]

    func score(_ input: RankerInput) -> Double {
        var s = base
        for t in trees { s += Double(t.predict(input.row)) }
        return s
    }

    // MARK: fitting

    static func fit(_ data: RankerTrainingData, hyperparameters h: RankerHyperparameters, seed: UInt64) -> BoostedTreesRanker {
        let n = data.count, d = data.width
        guard n > 1, d > 0 else { return BoostedTreesRanker(base: data.targets.first ?? 0, trees: []) }
        let binning = Binning(data, maxBins: max(2, min(h.treeBins, 255)))
        let y = data.targets
        let base = y.reduce(0, +) / Double(n)
        var prediction = [Double](repeating: base, count: n)
        var gradient = [Double](repeating: 0, count: n)
        var rng = SeededGenerator(seed: seed)
        var trees: [Tree] = []
        trees.reserveCapacity(h.treeCount)
        let builder = TreeBuilder(binning: binning, depth: max(1, min(h.treeDepth, 12)), minLeaf: max(1, h.treeMinLeaf),
                                  l2: max(0, h.treeL2), learningRate: h.treeLearningRate)
        var rows = [Int32]()
        var columns = [Int]()
        for _ in 0..<max(0, h.treeCount) {
            for i in 0..<n { gradient[i] = prediction[i] - y[i] }
            rows.removeAll(keepingCapacity: true)
            for i in 0..<n where h.treeRowSample >= 1 || rng.uniform() < h.treeRowSample { rows.append(Int32(i)) }
            if rows.count < 2 * builder.minLeaf { continue }
            columns.removeAll(keepingCapacity: true)
            for j in 0..<d where h.treeColumnSample >= 1 || rng.uniform() < h.treeColumnSample { columns.append(j) }
            if columns.isEmpty { columns.append(rng.below(d)) }
            let (tree, leafOf) = builder.build(rows: rows, columns: columns, gradient: gradient)
            // Update every example (not only the sampled rows) through the tree.
            for i in 0..<n {
                prediction[i] += Double(tree.value[leafOf(i)])
            }
            trees.append(tree)
        }
        return BoostedTreesRanker(base: base, trees: trees)
    }

    /// Per-column quantile thresholds and the binned training matrix (column-major).
    struct Binning {
        let n: Int
        let d: Int
        /// `thresholds[j][b]`: bin b holds values <= thresholds[j][b] (and above the previous).
        let thresholds: [[Float]]
        /// The largest bin count of any column (histogram row length).
        let width: Int
        let bins: [UInt8]
        let rows: [Float]

        init(_ data: RankerTrainingData, maxBins: Int) {
            n = data.count
            d = data.width
            rows = data.rows
            var thresholds: [[Float]] = []
            var bins = [UInt8](repeating: 0, count: n * d)
            var column = [Float](repeating: 0, count: n)
            for j in 0..<d {
                for i in 0..<n { column[i] = data.rows[i * d + j] }
                let sorted = column.sorted()
                var unique: [Float] = []
                for x in sorted where unique.last != x { unique.append(x) }
                var t: [Float] = []
                if unique.count <= maxBins {
                    for k in 0..<(unique.count - 1) { t.append((unique[k] + unique[k + 1]) / 2) }
                } else {
                    for q in 1..<maxBins {
                        let k = min(n - 2, q * n / maxBins)
                        let mid = (sorted[k] + sorted[k + 1]) / 2
                        if sorted[k] != sorted[k + 1], t.last.map({ mid > $0 }) ?? true { t.append(mid) }
                    }
                }
                for i in 0..<n {
                    // First threshold >= value, by binary search.
                    var lo = 0, hi = t.count
                    let x = column[i]
                    while lo < hi { let m = (lo + hi) / 2; if x <= t[m] { hi = m } else { lo = m + 1 } }
                    bins[j * n + i] = UInt8(lo)
                }
                thresholds.append(t)
            }
            self.thresholds = thresholds
            self.width = max(1, thresholds.map { $0.count + 1 }.max() ?? 1)
            self.bins = bins
        }
    }

    /// Grows one depth-limited tree on the gradients of the sampled rows, level by level.
    /// Histograms (gradient sum and count per bin of every sampled column) are built by
    /// scanning only the smaller child of each split; the larger child's is the parent's
    /// minus the smaller's.
    struct TreeBuilder {
        let binning: Binning
        let depth: Int
        let minLeaf: Int
        let l2: Double
        let learningRate: Double

        /// Gradient sums and counts, `columns.count x binning.width` (bins within a column).
        struct Histogram {
            var sums: [Double]
            var counts: [Int32]
        }

        struct Pending {
            var node: Int
            var rows: [Int32]
            var sum: Double
            var histogram: Histogram
        }

        func histogram(rows: [Int32], columns: [Int], gradient: [Double]) -> Histogram {
            let width = binning.width
            var h = Histogram(sums: [Double](repeating: 0, count: columns.count * width),
                              counts: [Int32](repeating: 0, count: columns.count * width))
            let n = binning.n
            binning.bins.withUnsafeBufferPointer { bins in
                gradient.withUnsafeBufferPointer { g in
                    h.sums.withUnsafeMutableBufferPointer { sums in
                        h.counts.withUnsafeMutableBufferPointer { counts in
                            for (c, j) in columns.enumerated() {
                                let column = bins.baseAddress! + j * n
                                let s = sums.baseAddress! + c * width, k = counts.baseAddress! + c * width
                                for r in rows {
                                    let b = Int(column[Int(r)])
                                    s[b] += g[Int(r)]
                                    k[b] += 1
                                }
                            }
                        }
                    }
                }
            }
            return h
        }

        func build(rows: [Int32], columns: [Int], gradient: [Double]) -> (Tree, (Int) -> Int) {
            var tree = Tree()
            func addLeaf(_ sum: Double, _ count: Int) -> Int {
                tree.feature.append(-1); tree.threshold.append(0); tree.left.append(-1); tree.right.append(-1)
                tree.value.append(Float(-learningRate * sum / (Double(count) + l2)))
                return tree.feature.count - 1
            }
            let rootSum = rows.reduce(0) { $0 + gradient[Int($1)] }
            var level = [Pending(node: addLeaf(rootSum, rows.count), rows: rows, sum: rootSum,
                                 histogram: histogram(rows: rows, columns: columns, gradient: gradient))]
            let n = binning.n
            for d in 0..<depth {
                var next: [Pending] = []
                let last = d == depth - 1
                for p in level where p.rows.count >= 2 * minLeaf {
                    let total = p.sum, count = p.rows.count
                    let parentScore = total * total / (Double(count) + l2)
                    var best = (gain: 1e-12, column: -1, position: -1, bin: 0)
                    for (c, j) in columns.enumerated() {
                        let binCount = binning.thresholds[j].count + 1
                        if binCount < 2 { continue }
                        var leftSum = 0.0, leftCount = 0
                        let base = c * binning.width
                        for b in 0..<(binCount - 1) {
                            leftSum += p.histogram.sums[base + b]
                            leftCount += Int(p.histogram.counts[base + b])
                            let rightCount = count - leftCount
                            if leftCount < minLeaf { continue }
                            if rightCount < minLeaf { break }
                            let rightSum = total - leftSum
                            let gain = leftSum * leftSum / (Double(leftCount) + l2)
                                + rightSum * rightSum / (Double(rightCount) + l2) - parentScore
                            if gain > best.gain { best = (gain, j, c, b) }
                        }
                    }
                    guard best.column >= 0 else { continue }
                    let base = best.column * n
                    var leftRows: [Int32] = [], rightRows: [Int32] = []
                    leftRows.reserveCapacity(p.rows.count)
                    rightRows.reserveCapacity(p.rows.count)
                    var leftSum = 0.0, rightSum = 0.0
                    for r in p.rows {
                        if Int(binning.bins[base + Int(r)]) <= best.bin {
                            leftRows.append(r); leftSum += gradient[Int(r)]
                        } else {
                            rightRows.append(r); rightSum += gradient[Int(r)]
                        }
                    }
                    let l = addLeaf(leftSum, leftRows.count)
                    let rt = addLeaf(rightSum, rightRows.count)
                    tree.feature[p.node] = Int32(best.column)
                    tree.threshold[p.node] = binning.thresholds[best.column][best.bin]
                    tree.left[p.node] = Int32(l)
                    tree.right[p.node] = Int32(rt)
                    if last { continue }
                    // Children that cannot split again need no histogram.
                    let empty = Histogram(sums: [], counts: [])
                    let leftSplits = leftRows.count >= 2 * minLeaf, rightSplits = rightRows.count >= 2 * minLeaf
                    var leftHistogram = empty, rightHistogram = empty
                    if leftSplits || rightSplits {
                        let smallIsLeft = leftRows.count <= rightRows.count
                        let small = histogram(rows: smallIsLeft ? leftRows : rightRows, columns: columns, gradient: gradient)
                        var large = p.histogram
                        for k in large.sums.indices { large.sums[k] -= small.sums[k]; large.counts[k] -= small.counts[k] }
                        leftHistogram = smallIsLeft ? small : large
                        rightHistogram = smallIsLeft ? large : small
                    }
                    if leftSplits { next.append(Pending(node: l, rows: leftRows, sum: leftSum, histogram: leftHistogram)) }
                    if rightSplits { next.append(Pending(node: rt, rows: rightRows, sum: rightSum, histogram: rightHistogram)) }
                }
                if next.isEmpty { break }
                level = next
            }
            let t = tree
            let binning = self.binning
            // The leaf of any training row, through the same decisions as prediction.
            let leafOf: (Int) -> Int = { i in
                var k = 0
                while t.feature[k] >= 0 {
                    let f = Int(t.feature[k])
                    k = Int(binning.rows[i * binning.d + f] <= t.threshold[k] ? t.left[k] : t.right[k])
                }
                return k
            }
            return (tree, leafOf)
        }
    }

    // MARK: file

    func write(to w: inout BinaryWriter) {
        w.f64(base)
        w.u32(UInt32(trees.count))
        for t in trees {
            w.i32s(t.feature)
            w.f32s(t.threshold)
            w.i32s(t.left)
            w.i32s(t.right)
            w.f32s(t.value)
        }
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign) throws(SurrogateFileError) -> BoostedTreesRanker {
        let base = try r.finiteF64("tree base score")
        let at = r.offset
        let count = Int(try r.u32("tree count"))
        guard count <= 100_000 else { throw .invalid(offset: at, reason: "\(count) trees") }
        var trees: [Tree] = []
        for _ in 0..<count {
            let start = r.offset
            let t = Tree(feature: try r.i32s("tree features"), threshold: try r.f32s("tree thresholds"),
                         left: try r.i32s("tree left children"), right: try r.i32s("tree right children"),
                         value: try r.f32s("tree values"))
            let m = t.feature.count
            guard m > 0, t.threshold.count == m, t.left.count == m, t.right.count == m, t.value.count == m,
                  t.value.allSatisfy(\.isFinite) else {
                throw .invalid(offset: start, reason: "tree arrays disagree")
            }
            for k in 0..<m where t.feature[k] >= 0 {
                // Children must point forward (so traversal ends) and features into the design.
                guard Int(t.feature[k]) < design.width, t.left[k] > Int32(k), t.right[k] > Int32(k),
                      Int(t.left[k]) < m, Int(t.right[k]) < m else {
                    throw .invalid(offset: start, reason: "tree node \(k) is malformed")
                }
            }
            trees.append(t)
        }
        return BoostedTreesRanker(base: base, trees: trees)
    }
}
