/// The official NAS-Bench-201 / NATS-Bench topology index of every cell.
///
/// The benchmark generated all cells in `CellStructure.gen_all` order (the operations read as
/// base-5 digits, last edge fastest), then ran `random.seed(88); random.shuffle(archs)` once;
/// the shuffled position is the API index (`generate_meta_info` in the benchmark code, which
/// asserts the strings at indices 0, 9 and 123). Recomputed here with CPython's generator.
enum NB201OfficialIndex {
    /// `generationCodeAt[index]`: the cell at an official index.
    static let generationCodeAt: [Int] = {
        var codes = Array(0..<NB201Cell.count)
        var random = PythonRandom(seed: 88)
        random.shuffle(&codes)
        return codes
    }()

    /// `indexOf[generationCode]`: the official index of a cell.
    static let indexOfGenerationCode: [Int] = {
        var inverse = [Int](repeating: 0, count: NB201Cell.count)
        for (index, code) in generationCodeAt.enumerated() { inverse[code] = index }
        return inverse
    }()

    static func cell(at index: Int) -> NB201Cell {
        NB201Cell(generationCode: generationCodeAt[index])
    }

    static func index(of cell: NB201Cell) -> Int {
        indexOfGenerationCode[cell.generationCode]
    }
}
