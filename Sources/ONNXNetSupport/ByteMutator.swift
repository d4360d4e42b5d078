/// Produces mutants of a byte string for robustness testing of decoders: truncation,
/// bit flips, byte overwrites with boundary values, splices of other inputs, duplicated or
/// removed chunks, and varint-length corruption.
public struct ByteMutator {
    public enum Mutation: String, CaseIterable, Sendable {
        case truncate, flipBit, overwriteByte, splice, duplicateChunk, removeChunk, insertRandom, boundaryVarint
    }

    private var rng: SeededGenerator

    public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// One mutant of `input`; `donor` is another input for splicing.
    public mutating func mutate(_ input: [UInt8], donor: [UInt8]) -> (Mutation, [UInt8]) {
        var b = input
        let kind = Mutation.allCases[rng.below(Mutation.allCases.count)]
        guard !b.isEmpty else { return (.insertRandom, [UInt8(truncatingIfNeeded: rng.next())]) }
        switch kind {
        case .truncate:
            b.removeLast(rng.below(b.count) + 1)
        case .flipBit:
            for _ in 0..<(1 + rng.below(4)) {
                let i = rng.below(b.count)
                b[i] ^= UInt8(1 << rng.below(8))
            }
        case .overwriteByte:
            let specials: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x0A, 0x12, 0x3A]
            for _ in 0..<(1 + rng.below(3)) {
                b[rng.below(b.count)] = specials[rng.below(specials.count)]
            }
        case .splice:
            if !donor.isEmpty {
                let at = rng.below(b.count)
                let from = rng.below(donor.count)
                let len = min(donor.count - from, 1 + rng.below(256))
                b = Array(b[..<at]) + donor[from..<(from + len)] + Array(b[min(b.count, at + len)...])
            }
        case .duplicateChunk:
            let at = rng.below(b.count)
            let len = min(b.count - at, 1 + rng.below(64))
            b.insert(contentsOf: b[at..<(at + len)], at: at)
        case .removeChunk:
            let at = rng.below(b.count)
            let len = min(b.count - at, 1 + rng.below(64))
            b.removeSubrange(at..<(at + len))
        case .insertRandom:
            let at = rng.below(b.count + 1)
            let n = 1 + rng.below(16)
            b.insert(contentsOf: (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        case .boundaryVarint:
            // A maximal or over-long varint where a length prefix might be.
            let at = rng.below(b.count)
            let v: [UInt8] = rng.below(2) == 0 ? [0xFF, 0xFF, 0xFF, 0xFF, 0x0F] : Array(repeating: 0xFF, count: 11)
            b.replaceSubrange(at..<min(b.count, at + v.count), with: v)
        }
        return (kind, b)
    }
}
