import ONNXModel
import ONNXProto

/// The `metadata_props` of a bench file. The accuracy is the FIRST entry (key `accuracy`,
/// value a decimal number of percent) because the reference's encoder reads
/// `model.metadata_props[0].value`; the other entries make the file self-describing so that
/// the index can be rebuilt from the files alone.
public enum BenchMetadata {
    public static let accuracy = "accuracy"
    public static let accuracyLabel = "accuracy_label"
    public static let space = "space"
    public static let notation = "notation"
    public static let sourceNotation = "source_notation"
    public static let source = "source"
    public static let surrogateLabel = "surrogate_label"
    public static let weights = "weights"
    /// Prefix of the entries that hold every label of the source record.
    public static let labelPrefix = "label."

    /// The entries for `record`, in a fixed order, accuracy first.
    public static func entries(for record: BenchRecord, weights weightsText: String) -> [StringPair] {
        var out = [
            StringPair(key: accuracy, value: format(record.accuracy)),
            StringPair(key: space, value: record.space),
            StringPair(key: notation, value: record.notation),
            StringPair(key: source, value: record.source),
            StringPair(key: surrogateLabel, value: record.isSurrogateLabel ? "true" : "false"),
        ]
        if !record.accuracyLabel.isEmpty { out.append(StringPair(key: accuracyLabel, value: record.accuracyLabel)) }
        if !record.sourceNotation.isEmpty { out.append(StringPair(key: sourceNotation, value: record.sourceNotation)) }
        for key in record.labels.keys.sorted() {
            out.append(StringPair(key: labelPrefix + key, value: format(record.labels[key]!)))
        }
        out.append(StringPair(key: weights, value: weightsText))
        return out
    }

    /// Shortest decimal text that reads back as the same double (`94.37`, `93.0`).
    public static func format(_ value: Double) -> String { "\(value)" }

    /// A finite number written as decimal text (what `format` writes, or any float syntax).
    public static func parseNumber(_ text: String) -> Double? {
        guard let v = Double(text.trimmingSpaces()), v.isFinite else { return nil }
        return v
    }

    /// The record the entries describe, or a message saying what is missing. `name` is the
    /// file stem. The accuracy is the `accuracy` entry, else (files from elsewhere) the first
    /// entry, as the reference reads it.
    public static func record(from entries: [StringPair], name: String) -> Result<BenchRecord, BenchMetadataError> {
        var values: [String: String] = [:]
        for e in entries where values[e.key] == nil { values[e.key] = e.value }
        guard let accuracyText = values[accuracy] ?? entries.first?.value else { return .failure(.init("no metadata_props (no accuracy)")) }
        guard let value = parseNumber(accuracyText) else {
            return .failure(.init("accuracy '\(accuracyText.prefix(40))' is not a finite number"))
        }
        var labels: [String: Double] = [:]
        for e in entries where e.key.hasPrefix(labelPrefix) {
            if let v = parseNumber(e.value) { labels[String(e.key.dropFirst(labelPrefix.count))] = v }
        }
        return .success(BenchRecord(
            name: name, space: values[space] ?? "", notation: values[notation] ?? "", accuracy: value,
            accuracyLabel: values[accuracyLabel] ?? "", source: values[source] ?? "",
            isSurrogateLabel: values[surrogateLabel] == "true", sourceNotation: values[sourceNotation] ?? "",
            labels: labels))
    }

    /// Reads only the `metadata_props` of an ONNX file (the graph is skipped, not decoded),
    /// so that indexing thousands of files is quick.
    public static func read(path: String) throws -> [StringPair] {
        let storage = try ModelLoader.map(path: path)
        guard storage.count > 0 else { throw ModelIOError.emptyFile(path: path) }
        do {
            var reader = ProtoReader(storage: storage)
            var out: [StringPair] = []
            while let (field, wire) = try reader.nextField() {
                guard field == 14 else { try reader.skipField(wire); continue }
                out.append(try reader.readMessage(wire, name: "metadata_props", index: out.count) { r in
                    var pair = StringPair(key: "", value: "")
                    while let (f, w) = try r.nextField() {
                        switch f {
                        case 1: pair.key = try r.readString(w)
                        case 2: pair.value = try r.readString(w)
                        default: try r.skipField(w)
                        }
                    }
                    return pair
                })
            }
            return out
        } catch let e as ProtoDecodingError {
            throw ModelIOError.decoding(path: path, e)
        }
    }
}

/// Why a file's metadata does not describe a bench record.
public struct BenchMetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
