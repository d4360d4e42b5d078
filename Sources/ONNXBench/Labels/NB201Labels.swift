/// Decodes the two NB201 tables into records written in the official architecture string.
enum NB201Labels {
    /// Op order of the embedded official table (string order of the op names).
    static let operations = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
    /// `op~j` source node of each of the six positions of the string.
    static let edgeSources = [0, 0, 1, 0, 1, 2]
    /// NASLib's op order, and where each entry of its 6-tuple (edges (1,2),(1,3),(1,4),(2,3),
    /// (2,4),(3,4)) sits in the official string. Checked against the official accuracies by
    /// `scripts/make_labels.py` and by the tests.
    static let naslibOperations = ["skip_connect", "none", "nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3"]
    static let naslibTupleToStringPosition = [0, 1, 3, 2, 4, 5]

    /// UTF-8 of `op~j` for every (position, op), so that building 15,625 strings is a few
    /// byte copies each.
    private static let tokens: [[[UInt8]]] = edgeSources.map { source in
        operations.map { Array("\($0)~\(source)".utf8) }
    }

    /// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|` from six op indices in string order.
    static func architectureString(_ ops: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(112)
        for (position, op) in ops.enumerated() {
            if position == 1 || position == 3 { bytes.append(UInt8(ascii: "+")) }
            bytes.append(UInt8(ascii: "|"))
            bytes.append(contentsOf: tokens[position][Int(op)])
            if position == 0 || position == 2 || position == 5 { bytes.append(UInt8(ascii: "|")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func official(_ table: LabelTable) throws(LabelResourceError) -> [LabelRecord] {
        let ops = try table.codes("ops", width: 6, below: UInt8(operations.count))
        let c10 = try table.percentages(LabelKey.cifar10TestAccuracy200)
        let c100 = try table.percentages(LabelKey.cifar100TestAccuracy200)
        let imageNet = try table.percentages(LabelKey.imageNet16TestAccuracy200)
        var records: [LabelRecord] = []
        records.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            records.append(LabelRecord(
                space: .nb201, notation: architectureString(ops[(6 * i)..<(6 * i + 6)]),
                notationKind: .nb201ArchitectureString,
                labels: [LabelKey.cifar10TestAccuracy200: c10[i], LabelKey.cifar100TestAccuracy200: c100[i],
                         LabelKey.imageNet16TestAccuracy200: imageNet[i]],
                primaryLabel: LabelKey.cifar10TestAccuracy200, origin: .nb201Official, sourceIndex: i))
        }
        return records
    }

    static func naslib(_ table: LabelTable) throws(LabelResourceError) -> [LabelRecord] {
        let tuples = try table.codes("naslib_ops", width: 6, below: UInt8(naslibOperations.count))
        // NASLib op code -> index in `operations`.
        let toOfficial = naslibOperations.map { UInt8(operations.firstIndex(of: $0)!) }
        // Column names are the label keys; NaN marks the one cell NASLib lacks for ImageNet16-120.
        var columns: [(String, [Double])] = []
        for key in [LabelKey.cifar10ValidationAccuracy, LabelKey.cifar100ValidationAccuracy,
                    LabelKey.imageNet16ValidationAccuracy] {
            columns.append((key, try table.percentages(key, allowMissing: true)))
        }
        for key in [LabelKey.cifar10ParamsMillions, LabelKey.cifar100ParamsMillions, LabelKey.imageNet16ParamsMillions,
                    LabelKey.cifar10FlopsMillions, LabelKey.cifar100FlopsMillions, LabelKey.imageNet16FlopsMillions] {
            columns.append((key, try table.sizes(key, allowMissing: true)))
        }

        var records: [LabelRecord] = []
        records.reserveCapacity(table.rowCount)
        var ops = [UInt8](repeating: 0, count: 6)
        for i in 0..<table.rowCount {
            for (k, position) in naslibTupleToStringPosition.enumerated() {
                ops[position] = toOfficial[Int(tuples[6 * i + k])]
            }
            var labels: [String: Double] = [:]
            for (key, values) in columns where !values[i].isNaN { labels[key] = values[i] }
            guard labels[LabelKey.cifar10ValidationAccuracy] != nil else {
                throw .badValue(resource: table.resource, column: LabelKey.cifar10ValidationAccuracy, row: i, reason: "missing primary label")
            }
            records.append(LabelRecord(
                space: .nb201, notation: architectureString(ops[...]), notationKind: .nb201ArchitectureString,
                labels: labels, primaryLabel: LabelKey.cifar10ValidationAccuracy, origin: .nb201NASLib, sourceIndex: i))
        }
        return records
    }
}
