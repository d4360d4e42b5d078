/// Index arithmetic on small dense tensors (row-major), with every size checked so that a
/// hostile shape cannot make folding allocate without bound or trap on overflow.
enum TensorIndexing {
    /// Product of dims, nil if a dim is negative or the product exceeds `limit`. Zero dims do
    /// not hide huge ones: the product with zeros counted as one must stay within `limit`
    /// too, so that every partial product computed later fits comfortably in an `Int`.
    static func count(_ dims: [Int64], limit: Int) -> Int? {
        var n = 1
        var bound = 1
        for d in dims {
            guard d >= 0, d <= Int64(limit) else { return nil }
            let (b, ob) = bound.multipliedReportingOverflow(by: max(Int(d), 1))
            if ob || b > limit { return nil }
            bound = b
            n *= Int(d)
        }
        return n
    }

    static func strides(_ dims: [Int64]) -> [Int] {
        var s = [Int](repeating: 1, count: dims.count)
        var acc = 1
        for i in stride(from: dims.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= Int(max(dims[i], 0))
        }
        return s
    }

    /// Numpy-style broadcast of two shapes; nil if incompatible.
    static func broadcast(_ a: [Int64], _ b: [Int64]) -> [Int64]? {
        let r = max(a.count, b.count)
        var out = [Int64](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            if x == y || y == 1 { out[i] = x } else if x == 1 { out[i] = y } else { return nil }
        }
        return out
    }

    /// For each of the `n` elements of `outDims` (row-major), `source(coordinate)`: the
    /// index an element reads from its input (what Transpose, Slice and broadcasting share).
    static func sources(out outDims: [Int64], count n: Int, _ source: (_ coordinate: [Int64]) -> Int) -> [Int] {
        let r = outDims.count
        var result = [Int](repeating: 0, count: n)
        var coord = [Int64](repeating: 0, count: r)
        for k in 0..<n {
            result[k] = source(coord)
            // Advance the row-major coordinate.
            var d = r - 1
            while d >= 0 {
                coord[d] += 1
                if coord[d] < outDims[d] { break }
                coord[d] = 0
                d -= 1
            }
        }
        return result
    }

    /// For each element of `outDims` (row-major), the index of the element of a tensor of
    /// `inDims` that broadcasting reads. `inDims` must broadcast to `outDims`.
    static func broadcastSource(out outDims: [Int64], in inDims: [Int64], count n: Int) -> [Int] {
        let r = outDims.count
        let padded = [Int64](repeating: 1, count: r - inDims.count) + inDims
        let inStrides = strides(padded)
        return sources(out: outDims, count: n) { coord in
            var src = 0
            for d in 0..<r where padded[d] != 1 { src += Int(coord[d]) * inStrides[d] }
            return src
        }
    }

    /// Normalises a possibly negative axis against `rank`; nil when out of range.
    static func axis(_ a: Int64, rank: Int) -> Int? {
        let v = a < 0 ? a + Int64(rank) : a
        return v >= 0 && v < Int64(rank) ? Int(v) : nil
    }
}
