/// Where a set of labels comes from: enough to trace any figure back to a public file. The
/// embedded sets are the static constants; `bench import` makes its own for user files.
public struct LabelSource: Hashable, Sendable {
    /// The file the numbers were taken from (for embedded sets: its name under `../shared/data`).
    public let file: String
    /// The public repository or publication the file comes from.
    public let upstream: String
    public let licence: String
    /// What the numbers are (metric, split, epochs, seeds, unit).
    public let measure: String
    /// True when the accuracies are a surrogate model's predictions, not training runs.
    public let isSurrogate: Bool

    public init(file: String, upstream: String, licence: String, measure: String, isSurrogate: Bool) {
        self.file = file
        self.upstream = upstream
        self.licence = licence
        self.measure = measure
        self.isSurrogate = isSurrogate
    }
}

extension LabelSource {
    public static let nb201Official = LabelSource(
        file: "nb201_cifar10_cifar100_imagenet16_test200.csv",
        upstream: "NAS-Bench-201 / NATS-Bench topology space (D-X-Y/NATS-Bench), table from v-tao/nats-bench-landscape nats_bench.csv",
        licence: "NATS-Bench: MIT; v-tao/nats-bench-landscape: no licence file",
        measure: "CIFAR-10/CIFAR-100/ImageNet16-120 test accuracy (%) after 200 epochs, mean over seeds (CIFAR-10 trained on train+valid)",
        isSurrogate: false)

    public static let nb101Hashed = LabelSource(
        file: "nb101/nb101_first20k_by_hash.json",
        upstream: "NAS-Bench-101 (google-research/nasbench), first 20,001 cells by module hash from tiga1231/nasbench-vis",
        licence: "nasbench code: Apache-2.0; tiga1231/nasbench-vis: no licence file (package.json: ISC)",
        measure: "validation accuracy after 4/12/36/108 epochs, one training run (source: fraction; here x100 = %); exact trainable parameters of the official network",
        isSurrogate: false)

    public static let nb101NASLib = LabelSource(
        file: "naslib/zc_nasbench101.json",
        upstream: "automl/NASLib zero-cost benchmark file (values queried from NAS-Bench-101)",
        licence: "NASLib: Apache-2.0; NAS-Bench-101 code: Apache-2.0",
        measure: "validation accuracy (%) after 108 epochs (one seed); params (millions) and FLOPs (millions) of NASLib's network",
        isSurrogate: false)

    public static let nb201NASLib = LabelSource(
        file: "naslib/zc_nasbench201.json",
        upstream: "automl/NASLib zero-cost benchmark file (values queried from NAS-Bench-201)",
        licence: "NASLib: Apache-2.0; NAS-Bench-201: MIT",
        measure: "validation accuracy (%) per dataset as NASLib stores it; params (millions) and FLOPs (millions) of the network per dataset",
        isSurrogate: false)

    public static let nb301NASLib = LabelSource(
        file: "naslib/zc_nasbench301.json",
        upstream: "automl/NASLib zero-cost benchmark file; accuracies predicted by the NAS-Bench-301 v1.0 surrogate (automl/nasbench301)",
        licence: "NASLib: Apache-2.0; nasbench301: BSD-3-Clause (its setup.py)",
        measure: "CIFAR-10 validation accuracy (%) PREDICTED by the NB301 v1.0 surrogate, not trained; params (millions) and FLOPs (millions)",
        isSurrogate: true)
}
