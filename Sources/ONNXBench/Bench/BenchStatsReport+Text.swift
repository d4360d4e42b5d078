import ONNXNetSupport

extension BenchStatsReport {
    /// The report as aligned text tables: spaces, op-type frequencies (% of a space's
    /// nodes), and the divergence matrix.
    public var table: String {
        var out = ""
        for note in notes { out += "# \(note)\n" }
        var rows = [["space", "architectures", "nodes", "accuracy (%)", "from"]]
        for s in spaces {
            let nodes = s.nodeCount.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "-"
            let acc = s.accuracy.map { "\(DecimalText.fixed($0.lowerBound, digits: 2))-\(DecimalText.fixed($0.upperBound, digits: 2))" } ?? "-"
            var from = s.origin
            if s.failures > 0 { from += "; \(s.failures) failed (\(s.firstFailure ?? ""))" }
            rows.append([s.space, String(s.count), nodes, acc, from])
        }
        out += "\n" + Self.align(rows, leftAligned: [0, 4])
        let compared = comparedSpaces
        guard !compared.isEmpty else { return out + "\nno architectures: no op-type statistics\n" }
        var ops = [["op type (% of nodes)"] + compared.map(\.space)]
        for op in opTypes {
            ops.append([op] + compared.map { s in
                let c = s.opCounts[op] ?? 0
                return c == 0 ? "." : DecimalText.fixed(100 * Double(c) / Double(s.totalNodes), digits: 2)
            })
        }
        out += "\n" + Self.align(ops)
        let m = divergence
        var jsd = [["JSD (bits)"] + compared.map(\.space)]
        for (i, s) in compared.enumerated() {
            jsd.append([s.space] + m[i].map { $0.isNaN ? "n/a" : DecimalText.fixed($0, digits: 4) })
        }
        out += "\nJensen-Shannon divergence (base 2) between normalised op-type frequencies:\n" + Self.align(jsd)
        return out
    }

    /// Columns padded to their widest cell; right-aligned (numbers) except `leftAligned`.
    static func align(_ rows: [[String]], leftAligned: Set<Int> = [0]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        var out = ""
        for r in rows {
            var line = ""
            for (k, c) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - c.count)
                let last = k == r.count - 1
                if leftAligned.contains(k) { line += c + (last ? "" : pad) } else { line += pad + c }
                if !last { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    public var json: JSONValue {
        let compared = comparedSpaces
        let m = divergence
        return .object([
            ("notes", .array(notes.map { .string($0) })),
            ("spaces", .array(spaces.map { s in
                .object([
                    ("space", .string(s.space)), ("from", .string(s.origin)), ("architectures", .int(s.count)),
                    ("failures", .int(s.failures)),
                    ("node_count", s.nodeCount.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null),
                    ("accuracy", s.accuracy.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null),
                    ("op_counts", .object(s.opCounts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ])
            })),
            ("jsd_spaces", .array(compared.map { .string($0.space) })),
            ("jsd_bits", .array(m.map { .array($0.map { .double($0) }) })),
        ])
    }

    /// The divergence matrix as an SVG heatmap.
    public var svg: String {
        HeatmapSVG.render(labels: comparedSpaces.map(\.space), matrix: divergence,
                          title: "Jensen-Shannon divergence of op-type distributions (bits)")
    }
}
