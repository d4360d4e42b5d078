/// Decodes the two NB101 tables: the hash-keyed 20k set and NASLib's 500 cells with graphs.
enum NB101Labels {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hashed(_ table: LabelTable) throws(LabelResourceError) -> [LabelRecord] {
        let hashes = try table.byteRows("hash", width: 16)
        // The source stores fractions (float32); labels are percent like every other set.
        let epochs: [(String, String)] = [
            (LabelKey.validationAccuracy4, "val_acc_4ep_fraction"), (LabelKey.validationAccuracy12, "val_acc_12ep_fraction"),
            (LabelKey.validationAccuracy36, "val_acc_36ep_fraction"), (LabelKey.validationAccuracy108, "val_acc_108ep_fraction"),
        ]
        var columns: [(String, [Double])] = []
        for (key, column) in epochs { columns.append((key, try table.percentages(column, scale: 100))) }
        columns.append((LabelKey.trainableParameters, try table.sizes(LabelKey.trainableParameters)))

        var records: [LabelRecord] = []
        records.reserveCapacity(table.rowCount)
        var hex = [UInt8](repeating: 0, count: 32)
        for i in 0..<table.rowCount {
            for k in 0..<16 {
                let byte = hashes[16 * i + k]
                hex[2 * k] = hexDigits[Int(byte >> 4)]
                hex[2 * k + 1] = hexDigits[Int(byte & 15)]
            }
            var labels: [String: Double] = [:]
            labels.reserveCapacity(columns.count)
            for (key, values) in columns { labels[key] = values[i] }
            records.append(LabelRecord(
                space: .nb101, notation: String(decoding: hex, as: UTF8.self), notationKind: .nb101ModuleHash,
                labels: labels, primaryLabel: LabelKey.validationAccuracy108, origin: .nb101Hashed, sourceIndex: i))
        }
        return records
    }

    static func naslib(_ table: LabelTable) throws(LabelResourceError) -> [LabelRecord] {
        let n = NB101RawSpec.vertexCount
        let adjacency = try table.codes("adjacency", width: n * n, below: 2)
        let ops = try table.codes("naslib_ops", width: n, below: UInt8(NB101RawSpec.naslibOperations.count))
        let accuracy = try table.percentages(LabelKey.validationAccuracy108)
        let params = try table.sizes(LabelKey.paramsMillions)
        let flops = try table.sizes(LabelKey.flopsMillions)

        var records: [LabelRecord] = []
        records.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            let cells = adjacency[(n * n * i)..<(n * n * (i + 1))]
            // NASLib stores upper-triangular matrices; anything else means a damaged table.
            for (k, bit) in cells.enumerated() where bit == 1 && k % n <= k / n {
                throw .badValue(resource: table.resource, column: "adjacency", row: i,
                                reason: "entry [\(k / n)][\(k % n)] is set below the diagonal")
            }
            let spec = NB101RawSpec(matrixBits: Array(cells), naslibOpCodes: Array(ops[(n * i)..<(n * (i + 1))]))
            records.append(LabelRecord(
                space: .nb101, notation: spec.naslibKey, notationKind: .naslibNB101Tuple,
                labels: [LabelKey.validationAccuracy108: accuracy[i], LabelKey.paramsMillions: params[i],
                         LabelKey.flopsMillions: flops[i]],
                primaryLabel: LabelKey.validationAccuracy108, origin: .nb101NASLib, sourceIndex: i))
        }
        return records
    }
}
