import ONNXNetSupport

/// Runs an evaluation protocol over seeds: trains a surrogate on each split's training set,
/// scores the test set, and reports Kendall tau-b, Spearman rho and MAE next to the two
/// zero-cost baselines (parameter count and multiply-adds of the same ONNX graphs).
public enum ProtocolEvaluator {
    /// Figures for one test set over all seeds.
    public struct Row: Sendable {
        public var name: String
        public var trainCount: Int
        public var testCount: Int
        public var kendall: MetricSummary?
        public var spearman: MetricSummary?
        public var meanAbsoluteError: MetricSummary?
        public var parameterKendall: MetricSummary?
        public var parameterSpearman: MetricSummary?
        public var flopsKendall: MetricSummary?
        public var flopsSpearman: MetricSummary?
        /// Seconds to train one surrogate (mean over seeds).
        public var trainSeconds: Double
        /// Predicted (calibrated) and true accuracy of every test model, first seed.
        public var scatter: [(predicted: Double, actual: Double)]
    }

    public struct Report: Sendable {
        public var protocolId: String
        public var seeds: [UInt64]
        public var rows: [Row]

        /// A plain-text table.
        public var table: String {
            var lines = ["protocol \(protocolId), seeds \(seeds.map(String.init).joined(separator: ","))",
                         pad("test set", 10) + pad("train", 7) + pad("test", 7) + pad("Kendall tau", 18) + pad("Spearman", 18)
                         + pad("MAE", 18) + pad("params tau", 18) + pad("FLOPs tau", 18) + pad("params rho", 18)
                         + pad("FLOPs rho", 18) + "train s"]
            for r in rows {
                lines.append(pad(r.name, 10) + pad(String(r.trainCount), 7) + pad(String(r.testCount), 7)
                             + pad(text(r.kendall), 18) + pad(text(r.spearman), 18) + pad(text(r.meanAbsoluteError), 18)
                             + pad(text(r.parameterKendall), 18) + pad(text(r.flopsKendall), 18)
                             + pad(text(r.parameterSpearman), 18) + pad(text(r.flopsSpearman), 18)
                             + DecimalText.fixed(r.trainSeconds, digits: 1))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        func text(_ m: MetricSummary?) -> String { m.map { $0.formatted(digits: 4) } ?? "n/a" }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    }

    /// Evaluates the protocol `protocolId` over `seeds`; `splits(seed)` gives that seed's
    /// training/test splits (one per held-out space for leave-one-out), rows in first-seen order.
    public static func evaluate(protocol protocolId: String, seeds: [UInt64],
                                config: SurrogateConfig = SurrogateConfig(),
                                log: (@Sendable (String) -> Void)? = nil,
                                splits: (UInt64) throws -> [EvaluationSplit]) throws -> Report {
        var perSplit: [String: (row: Row, tau: [Double], rho: [Double], mae: [Double], pt: [Double], ft: [Double],
                                pr: [Double], fr: [Double], seconds: [Double])] = [:]
        var order: [String] = []
        for seed in seeds {
            for split in try splits(seed) {
                let trainFeatures = split.trainFeatures, trainAccuracies = split.trainAccuracies
                let testFeatures = split.testFeatures, testAccuracies = split.testAccuracies
                guard !trainFeatures.isEmpty, !testFeatures.isEmpty else { throw EvaluationError.emptySplit(split.name) }
                var c = config
                c.seed = seed
                let start = monotonicSeconds()
                let model: SurrogateModel
                do {
                    model = try Surrogate.train(features: trainFeatures, accuracies: trainAccuracies, config: c)
                } catch {
                    throw EvaluationError.training(error)
                }
                let seconds = monotonicSeconds() - start
                let scored = model.scoresAndAccuracies(testFeatures, threads: c.threads)
                let scores = scored.map(\.score), predicted = scored.map(\.accuracy)
                if perSplit[split.name] == nil {
                    order.append(split.name)
                    let row = Row(name: split.name, trainCount: trainFeatures.count, testCount: testFeatures.count,
                                  trainSeconds: 0, scatter: Array(zip(predicted, testAccuracies)).map { ($0.0, $0.1) })
                    perSplit[split.name] = (row, [], [], [], [], [], [], [], [])
                }
                var e = perSplit[split.name]!
                if let v = try? Metrics.kendallTauB(scores, testAccuracies) { e.tau.append(v) }
                if let v = try? Metrics.spearmanRho(scores, testAccuracies) { e.rho.append(v) }
                if let v = try? Metrics.meanAbsoluteError(predicted: predicted, actual: testAccuracies) { e.mae.append(v) }
                let params = testFeatures.map(\.parameterCount), flops = testFeatures.map(\.multiplyAdds)
                if let v = try? Metrics.kendallTauB(params, testAccuracies) { e.pt.append(v) }
                if let v = try? Metrics.kendallTauB(flops, testAccuracies) { e.ft.append(v) }
                if let v = try? Metrics.spearmanRho(params, testAccuracies) { e.pr.append(v) }
                if let v = try? Metrics.spearmanRho(flops, testAccuracies) { e.fr.append(v) }
                e.seconds.append(seconds)
                perSplit[split.name] = e
                log?("\(protocolId) seed \(seed) \(split.name): tau \(e.tau.last.map { DecimalText.fixed($0, digits: 4) } ?? "n/a"), "
                     + "rho \(e.rho.last.map { DecimalText.fixed($0, digits: 4) } ?? "n/a"), train \(DecimalText.fixed(seconds, digits: 1)) s")
            }
        }
        let rows = order.map { name -> Row in
            let e = perSplit[name]!
            var r = e.row
            r.kendall = try? MetricSummary(e.tau)
            r.spearman = try? MetricSummary(e.rho)
            r.meanAbsoluteError = try? MetricSummary(e.mae)
            r.parameterKendall = try? MetricSummary(e.pt)
            r.flopsKendall = try? MetricSummary(e.ft)
            r.parameterSpearman = try? MetricSummary(e.pr)
            r.flopsSpearman = try? MetricSummary(e.fr)
            r.trainSeconds = e.seconds.reduce(0, +) / Double(max(1, e.seconds.count))
            return r
        }
        return Report(protocolId: protocolId, seeds: seeds, rows: rows)
    }
}
