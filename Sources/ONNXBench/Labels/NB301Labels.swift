/// Decodes NASLib's DARTS-space table; its accuracies are NB301 surrogate predictions.
enum NB301Labels {
    /// Op codes of NASLib's DARTS genotype keys.
    static let operations = ["max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5",
                             "dil_conv_3x3", "dil_conv_5x5"]

    static func naslib(_ table: LabelTable) throws(LabelResourceError) -> [LabelRecord] {
        // 2 cells x 8 edges x (input node, op): byte 2e is edge e's input, byte 2e+1 its op.
        let genotypes = try table.byteRows("genotype", width: 32)
        let accuracy = try table.percentages(LabelKey.nb301SurrogateValidationAccuracy)
        let params = try table.sizes(LabelKey.paramsMillions)
        let flops = try table.sizes(LabelKey.flopsMillions)

        var records: [LabelRecord] = []
        records.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            let g = genotypes[(32 * i)..<(32 * i + 32)]
            var text = "["
            for cell in 0..<2 {
                text += cell == 0 ? "[" : ", ["
                for edge in 0..<8 {
                    let input = g[g.startIndex + 16 * cell + 2 * edge], op = g[g.startIndex + 16 * cell + 2 * edge + 1]
                    // Intermediate node k = edge / 2 reads from the two cell inputs or nodes before it.
                    guard Int(input) < edge / 2 + 2, Int(op) < operations.count else {
                        throw .badValue(resource: table.resource, column: "genotype", row: i,
                                        reason: "edge \(edge) of cell \(cell) is (\(input), \(op))")
                    }
                    text += (edge == 0 ? "(" : ", (") + String(input) + ", " + String(op) + ")"
                }
                text += "]"
            }
            text += "]"
            records.append(LabelRecord(
                space: .nb301, notation: text, notationKind: .naslibDARTSGenotype,
                labels: [LabelKey.nb301SurrogateValidationAccuracy: accuracy[i], LabelKey.paramsMillions: params[i],
                         LabelKey.flopsMillions: flops[i]],
                primaryLabel: LabelKey.nb301SurrogateValidationAccuracy, origin: .nb301NASLib, sourceIndex: i))
        }
        return records
    }
}
