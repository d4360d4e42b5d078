/// The reference implementation's training table (`src/process/gen_onnx.py` and the
/// notebooks of shiwenqin/ONNX-Net): columns `onnx_encoding,accuracy,dataset,name`, written
/// by pandas (`index=False`), one row per architecture, the encoding a multi-line string.
/// The reference's own tables may carry more columns (`onnx_encoding_tokens`); readers here
/// ignore them.
public enum ReferenceCSV {
    public static let header = ["onnx_encoding", "accuracy", "dataset", "name"]

    /// The `dataset` value the reference's training script filters on (`bert_tuning.py
    /// --train_task/--eval_task`: `nasbench101`, `nas201nats`, `nasbench301`, `hnasbench201`,
    /// `einspace`). Its training tables put NB201 and the NATS size space together as
    /// `nas201nats`; spaces unknown to the reference keep their id.
    public static func dataset(forSpace space: String) -> String {
        trainingNames.first { $0.space == space }?.dataset ?? space
    }

    /// Our space id for a `dataset` value: the training names above, the reference's
    /// per-space names (`nasbench201`, `natsbench`, as its CSV and folder names), or our own
    /// ids. `nas201nats` is told apart by the row's name (`nb201_...`, `nats-sss_...`, as
    /// `export-csv` writes them); otherwise it is ambiguous and the result is nil.
    public static func space(forDataset dataset: String, name: String = "") -> String? {
        let d = dataset.trimmingSpaces()
        if d == combinedNB201NATS {
            return [BenchSpace.nb201.rawValue, "nats-sss"].first { name.hasPrefix($0 + "_") }
        }
        if let pair = (trainingNames + perSpaceNames).first(where: { $0.dataset == d }) { return pair.space }
        if trainingNames.contains(where: { $0.space == d }) { return d }
        return nil
    }

    static let combinedNB201NATS = "nas201nats"

    static let trainingNames: [(space: String, dataset: String)] = [
        ("nb101", "nasbench101"), ("nb201", combinedNB201NATS), ("nats-sss", combinedNB201NATS),
        ("nb301", "nasbench301"), ("hnb201", "hnasbench201"), ("einspace", "einspace"),
    ]

    /// Names of the reference's per-space tables and ONNX folders.
    static let perSpaceNames: [(space: String, dataset: String)] = [
        ("nb201", "nasbench201"), ("nats-sss", "natsbench"),
    ]

    /// Every dataset name `space(forDataset:)` understands, for error messages.
    static var knownDatasets: String {
        Array(Set((trainingNames + perSpaceNames).map(\.dataset))).sorted().joined(separator: ", ")
    }

    /// One row in the reference schema.
    public struct Row: Equatable, Sendable {
        public var encoding: String
        /// The accuracy text as written (the reference copies `metadata_props[0].value`).
        public var accuracy: String
        public var dataset: String
        public var name: String

        public init(encoding: String, accuracy: String, dataset: String, name: String) {
            self.encoding = encoding
            self.accuracy = accuracy
            self.dataset = dataset
            self.name = name
        }
    }

    public static func text(_ rows: [Row]) -> String {
        var out = CSVWriter.line(header)
        for r in rows { out += CSVWriter.line([r.encoding, r.accuracy, r.dataset, r.name]) }
        return out
    }

    /// Reads a file in the reference schema. Rows are returned with their line numbers; a
    /// malformed file (CSV syntax, missing column) throws, row contents are not judged here.
    public static func read(_ reader: CSVReader, name: String) throws(BenchError) -> [(line: Int, row: Row)] {
        var table = try CSVTable(reader: reader, name: name, required: header)
        var out: [(line: Int, row: Row)] = []
        while let (line, v) = try table.next() {
            out.append((line, Row(encoding: v["onnx_encoding"]!, accuracy: v["accuracy"]!, dataset: v["dataset"]!, name: v["name"]!)))
        }
        return out
    }
}
