/// The two text forms of a NAS-Bench-301 architecture.
///
/// - Compact (canonical, printed): NASLib's key of `zc_nasbench301.json`, pairs
///   `(input, operation index)` for the 8 normal-cell edges, then the 8 reduction-cell edges:
///
///       [[(0, 0), (1, 5), (1, 1), (0, 1), (1, 3), (0, 3), (1, 3), (3, 2)], [(1, 0), ...]]
///
///   Operation indices: 0 max_pool_3x3, 1 avg_pool_3x3, 2 skip_connect, 3 sep_conv_3x3,
///   4 sep_conv_5x5, 5 dil_conv_3x3, 6 dil_conv_5x5. Edges `2i` and `2i+1` feed node `i+2`.
/// - DARTS genotype (also accepted, and printed by `printGenotype`):
///
///       Genotype(normal=[('max_pool_3x3', 0), ...], normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=[2, 3, 4, 5])
///
///   Keyword or positional arguments; concat lists may be written `range(2, 6)`.
///
/// Edge order is kept, since it orders the exported graph: `print(parse(s)) == s` for every
/// compact `s` printed the Python way (`str()` of the list).
public enum DARTSNotation {
    public static func print(_ g: DARTSGenotype) -> String {
        func cell(_ c: DARTSCell) -> String {
            "[" + c.edges.map { "(\($0.input), \($0.operation.rawValue))" }.joined(separator: ", ") + "]"
        }
        return "[" + cell(g.normal) + ", " + cell(g.reduce) + "]"
    }

    /// The DARTS `Genotype(...)` form, as DARTS' `genotypes.py` and the NB301 API print it.
    public static func printGenotype(_ g: DARTSGenotype) -> String {
        func cell(_ c: DARTSCell) -> String {
            "[" + c.edges.map { "('\($0.operation.genotypeName)', \($0.input))" }.joined(separator: ", ") + "]"
        }
        let concat = "[" + DARTSGenotype.concat.map(String.init).joined(separator: ", ") + "]"
        return "Genotype(normal=\(cell(g.normal)), normal_concat=\(concat), reduce=\(cell(g.reduce)), reduce_concat=\(concat))"
    }

    public static func parse(_ text: String) throws(DARTSError) -> DARTSGenotype {
        let literal = try DARTSLiteral.parse(text)
        switch literal {
        case .call(let name, let positional, let keywords, let offset):
            return try genotype(name: name, positional: positional, keywords: keywords, offset: offset)
        case .sequence(let cells, let offset):
            guard cells.count == 2 else {
                throw .syntax("expected two cells [[normal edges], [reduction edges]], found \(cells.count)", offset: offset)
            }
            return DARTSGenotype(normal: try compactCell(cells[0], name: "normal"),
                                 reduce: try compactCell(cells[1], name: "reduce"))
        default:
            throw .syntax("expected [[(input, op), ...], [(input, op), ...]] or Genotype(...)", offset: literal.offset)
        }
    }

    // MARK: compact form

    private static func compactCell(_ literal: DARTSLiteral, name: String) throws(DARTSError) -> DARTSCell {
        guard case .sequence(let items, _) = literal else {
            throw .syntax("the \(name) cell must be a list of (input, op) pairs", offset: literal.offset)
        }
        var edges: [DARTSEdge] = []
        for item in items {
            guard case .sequence(let pair, _) = item, pair.count == 2,
                  case .integer(let input, _) = pair[0], case .integer(let index, let opAt) = pair[1] else {
                throw .syntax("each edge of the \(name) cell must be a pair of integers (input, op)", offset: item.offset)
            }
            guard let op = DARTSOperation(rawValue: index) else { throw .unknownOperation("index \(index)", offset: opAt) }
            edges.append(DARTSEdge(input: input, operation: op))
        }
        return try DARTSCell(edges: edges, cell: name)
    }

    // MARK: Genotype(...) form

    private static let genotypeFields = ["normal", "normal_concat", "reduce", "reduce_concat"]

    private static func genotype(name: String, positional: [DARTSLiteral], keywords: [(String, DARTSLiteral)],
                                 offset: Int) throws(DARTSError) -> DARTSGenotype {
        guard name == "Genotype" || name.hasSuffix(".Genotype") else {
            throw .syntax("expected Genotype(...), found \(name)(...)", offset: offset)
        }
        var fields: [String: DARTSLiteral] = [:]
        guard positional.count <= genotypeFields.count else {
            throw .syntax("Genotype takes 4 fields (normal, normal_concat, reduce, reduce_concat), found \(positional.count + keywords.count)", offset: offset)
        }
        for (i, value) in positional.enumerated() { fields[genotypeFields[i]] = value }
        for (key, value) in keywords {
            guard genotypeFields.contains(key) else {
                throw .syntax("unknown Genotype field '\(key)'; fields: " + genotypeFields.joined(separator: ", "), offset: value.offset)
            }
            guard fields[key] == nil else { throw .syntax("Genotype field '\(key)' given twice", offset: value.offset) }
            fields[key] = value
        }
        for key in genotypeFields where fields[key] == nil {
            throw .syntax("Genotype lacks the field '\(key)'", offset: offset)
        }
        let normal = try genotypeCell(fields["normal"]!, name: "normal")
        let reduce = try genotypeCell(fields["reduce"]!, name: "reduce")
        try checkConcat(fields["normal_concat"]!, name: "normal")
        try checkConcat(fields["reduce_concat"]!, name: "reduce")
        return DARTSGenotype(normal: normal, reduce: reduce)
    }

    private static func genotypeCell(_ literal: DARTSLiteral, name: String) throws(DARTSError) -> DARTSCell {
        guard case .sequence(let items, _) = literal else {
            throw .syntax("\(name) must be a list of ('op_name', input) pairs", offset: literal.offset)
        }
        var edges: [DARTSEdge] = []
        for item in items {
            guard case .sequence(let pair, _) = item, pair.count == 2,
                  case .string(let opName, let opAt) = pair[0], case .integer(let input, _) = pair[1] else {
                throw .syntax("each edge of \(name) must be a pair ('op_name', input)", offset: item.offset)
            }
            guard let op = DARTSOperation(genotypeName: opName) else { throw .unknownOperation("'\(opName)'", offset: opAt) }
            edges.append(DARTSEdge(input: input, operation: op))
        }
        return try DARTSCell(edges: edges, cell: name)
    }

    private static func checkConcat(_ literal: DARTSLiteral, name: String) throws(DARTSError) {
        let nodes: [Int]
        switch literal {
        case .sequence(let items, _):
            var list: [Int] = []
            for item in items {
                guard case .integer(let n, _) = item else {
                    throw .syntax("\(name)_concat must list node numbers", offset: item.offset)
                }
                list.append(n)
            }
            nodes = list
        case .call("range", let args, let keywords, let at):
            guard keywords.isEmpty, (1...2).contains(args.count) else {
                throw .syntax("\(name)_concat: expected range(start, end)", offset: at)
            }
            var bounds: [Int] = []
            for a in args {
                guard case .integer(let n, _) = a else { throw .syntax("\(name)_concat: range bounds must be integers", offset: a.offset) }
                bounds.append(n)
            }
            let (lo, hi) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
            // Bounded: anything but range(2, 6) is rejected below anyway.
            nodes = lo < hi && hi - lo <= 64 ? Array(lo..<hi) : []
        default:
            throw .syntax("\(name)_concat must be a list like [2, 3, 4, 5]", offset: literal.offset)
        }
        guard nodes == DARTSGenotype.concat else { throw .unsupportedConcat(cell: name, found: nodes) }
    }
}
