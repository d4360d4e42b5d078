/// Column readers that also check the values, so that a damaged resource is reported with
/// its row instead of producing silently wrong labels.
extension LabelTable {
    /// Accuracies in percent after multiplying by `scale` (100 for sources that store
    /// fractions). NaN marks "missing" and is accepted only when `allowMissing`.
    func percentages(_ name: String, scale: Double = 1, allowMissing: Bool = false) throws(LabelResourceError) -> [Double] {
        var values = try doubles(name)
        for i in values.indices {
            let v = values[i]
            if v.isNaN && allowMissing { continue }
            guard v.isFinite, v >= 0, v * scale <= 100 else {
                throw .badValue(resource: resource, column: name, row: i, reason: "\(v) is not an accuracy")
            }
            if scale != 1 { values[i] = v * scale }
        }
        return values
    }

    /// Sizes such as parameter or FLOP counts: finite and non-negative (NaN = missing when allowed).
    func sizes(_ name: String, allowMissing: Bool = false) throws(LabelResourceError) -> [Double] {
        let values = try doubles(name)
        for (i, v) in values.enumerated() where !(v.isNaN && allowMissing) {
            guard v.isFinite, v >= 0 else {
                throw .badValue(resource: resource, column: name, row: i, reason: "\(v) is not a size")
            }
        }
        return values
    }

    /// A byte column of codes that must all be below `limit`.
    func codes(_ name: String, width: Int, below limit: UInt8) throws(LabelResourceError) -> [UInt8] {
        let rows = try byteRows(name, width: width)
        if let bad = rows.firstIndex(where: { $0 >= limit }) {
            throw .badValue(resource: resource, column: name, row: bad / width,
                            reason: "code \(rows[bad]) at position \(bad % width) is not below \(limit)")
        }
        return rows
    }
}
