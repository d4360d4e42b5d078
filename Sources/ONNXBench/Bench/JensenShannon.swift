import Foundation

/// Jensen-Shannon divergence in bits (log base 2), the measure of the paper's Figure 2
/// between spaces' operator-type distributions: JSD(P, Q) = KL(P || M) / 2 + KL(Q || M) / 2
/// with M = (P + Q) / 2. Symmetric, 0 for equal distributions, 1 for disjoint supports.
public enum JensenShannon {
    /// Divergence between two count (or weight) vectors over the same categories; each is
    /// normalised to sum 1. An all-zero vector has no distribution: the result is NaN.
    public static func divergence(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "distributions over different categories")
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return .nan }
        var total = 0.0
        for (a, b) in zip(p, q) {
            let x = a / sp, y = b / sq
            let m = (x + y) / 2
            if x > 0 { total += x * log2(x / m) / 2 }
            if y > 0 { total += y * log2(y / m) / 2 }
        }
        // Rounding can leave a hair outside [0, 1].
        return min(1, max(0, total))
    }

    /// The symmetric matrix of divergences between count tables (op type -> count); the
    /// diagonal is 0 (NaN for an empty table).
    public static func matrix(_ tables: [[String: Int]]) -> [[Double]] {
        let categories = Array(Set(tables.flatMap(\.keys))).sorted()
        let vectors = tables.map { t in categories.map { Double(t[$0] ?? 0) } }
        var m = [[Double]](repeating: [Double](repeating: 0, count: tables.count), count: tables.count)
        for i in tables.indices {
            if vectors[i].allSatisfy({ $0 == 0 }) { m[i][i] = .nan }
            for j in tables.indices where j > i {
                let d = divergence(vectors[i], vectors[j])
                m[i][j] = d
                m[j][i] = d
            }
        }
        return m
    }
}
