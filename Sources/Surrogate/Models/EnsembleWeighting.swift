import ONNXNetSupport

/// Chooses how much each in-distribution group of the ensemble counts, by 3-fold
/// cross-validation on the training set: every group (one member each) is fitted on two
/// folds and scores the third; the weights from a small grid whose combined out-of-fold
/// scores have the highest Kendall tau win. With few examples ridge and trees complement
/// each other; with more, trees alone tend to rank better: this lets the data decide.
enum EnsembleWeighting {
    static let folds = 3
    /// Relative weights tried per group.
    static let grid: [Double] = [0, 1, 2, 3]

    static func crossValidated(_ groups: [SurrogateConfig.Member], features: [FeatureVector], accuracies: [Double],
                               config: SurrogateConfig) -> [SurrogateConfig.Member] {
        let tuned = groups.indices.filter { groups[$0].role == .inDistribution }
        guard tuned.count >= 2, tuned.count <= 4 else { return groups }
        let n = accuracies.count
        var rng = SeededGenerator(seed: StableHash.combine(config.seed, 0xC5))
        var order = Array(0..<n)
        rng.shuffle(&order)
        let foldOf: [Int] = {
            var f = [Int](repeating: 0, count: n)
            for (k, i) in order.enumerated() { f[i] = k % folds }
            return f
        }()
        let h = config.hyperparameters
        // One job per (fold, group): out-of-fold standardised scores.
        let jobs = (0..<folds).flatMap { f in tuned.map { (f, $0) } }
        let results: [[(Int, Double)]] = ParallelMap.indices(jobs.count, jobs: config.threads) { j in
            let (fold, g) = jobs[j]
            let train = (0..<n).filter { foldOf[$0] != fold }, test = (0..<n).filter { foldOf[$0] == fold }
            let trainFeatures = train.map { features[$0] }
            let design = FeatureDesign.fit(trainFeatures, maxHashedColumns: config.designColumns)
            let data = RankerTrainingData(design: design, features: trainFeatures,
                                          targets: TargetScaling.transform(train.map { accuracies[$0] }, config.targetScale),
                                          hashedDimension: config.features.hashedDimension)
            let ranker = groups[g].kind.fit(data, hyperparameters: h, seed: StableHash.combine(config.seed, 100 + j))
            let own = (0..<train.count).map { ranker.score(RankerInput(row: Array(data.row($0)), features: trainFeatures[$0])) }
            let mean = own.reduce(0, +) / Double(own.count)
            let sd = max(1e-12, (own.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(own.count)).squareRoot())
            return test.map { i in (i, (ranker.score(RankerInput(row: design.row(features[i]), features: features[i])) - mean) / sd) }
        }
        var oof = [[Double]](repeating: [Double](repeating: 0, count: n), count: tuned.count)
        for (j, r) in results.enumerated() {
            let g = tuned.firstIndex(of: jobs[j].1)!
            for (i, z) in r { oof[g][i] = z }
        }
        // Grid search, the configured weights first so that they win ties.
        var candidates: [[Double]] = [tuned.map { groups[$0].weight }]
        func expand(_ prefix: [Double]) {
            if prefix.count == tuned.count {
                if prefix.contains(where: { $0 > 0 }) { candidates.append(prefix) }
                return
            }
            for w in grid { expand(prefix + [w]) }
        }
        expand([])
        var best = (tau: -Double.infinity, weights: candidates[0])
        for w in candidates {
            let total = w.reduce(0, +)
            let combined = (0..<n).map { i in (0..<tuned.count).reduce(0.0) { $0 + w[$1] * oof[$1][i] } / total }
            if let tau = try? Metrics.kendallTauB(combined, accuracies), tau > best.tau + 1e-9 { best = (tau, w) }
        }
        var out = groups
        for (k, g) in tuned.enumerated() { out[g].weight = best.weights[k] }
        return out.filter { $0.weight > 0 }
    }
}
