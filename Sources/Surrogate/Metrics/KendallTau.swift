extension Metrics {
    /// Kendall's tau-b (ties in either series handled), in O(n log n) by Knight's method:
    /// sort the pairs by (x, y), count tied runs, then count the discordant pairs as the
    /// inversions a merge sort of the y values removes.
    ///
    /// tau_b = (n0 - n1 - n2 + n3 - 2 * swaps) / sqrt((n0 - n1) * (n0 - n2)), with n0 all
    /// pairs, n1 pairs tied in x, n2 tied in y, n3 tied in both.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) throws(MetricError) -> Double {
        try validate(x, y, minimum: 2)
        let n = x.count
        var pairs = Array(zip(x, y))
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }

        var xTies = 0, jointTies = 0
        var xRun = 1, jointRun = 1
        for i in 1..<n {
            if pairs[i].0 == pairs[i - 1].0 {
                xRun += 1
                if pairs[i].1 == pairs[i - 1].1 { jointRun += 1 } else { jointTies += jointRun * (jointRun - 1) / 2; jointRun = 1 }
            } else {
                xTies += xRun * (xRun - 1) / 2
                jointTies += jointRun * (jointRun - 1) / 2
                xRun = 1
                jointRun = 1
            }
        }
        xTies += xRun * (xRun - 1) / 2
        jointTies += jointRun * (jointRun - 1) / 2

        var ys = pairs.map(\.1)
        let swaps = sortCountingInversions(&ys)

        var yTies = 0, yRun = 1
        for i in 1..<n {
            if ys[i] == ys[i - 1] { yRun += 1 } else { yTies += yRun * (yRun - 1) / 2; yRun = 1 }
        }
        yTies += yRun * (yRun - 1) / 2

        let all = n * (n - 1) / 2
        guard all > xTies else { throw .constantInput(series: "first") }
        guard all > yTies else { throw .constantInput(series: "second") }
        let numerator = Double(all - xTies - yTies + jointTies - 2 * swaps)
        // Multiply as Double: the product of the two pair counts overflows Int beyond ~2^16 values.
        return numerator / (Double(all - xTies) * Double(all - yTies)).squareRoot()
    }

    /// Sorts ascending with a bottom-up (non-recursive) merge sort and returns the number of
    /// pairs i < j with values[i] > values[j]; equal values are not inversions.
    static func sortCountingInversions(_ values: inout [Double]) -> Int {
        let n = values.count
        var buffer = values
        var inversions = 0
        var width = 1
        while width < n {
            var start = 0
            while start < n {
                let mid = min(start + width, n), end = min(start + 2 * width, n)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if values[i] <= values[j] {
                        buffer[k] = values[i]
                        i += 1
                    } else {
                        buffer[k] = values[j]
                        j += 1
                        inversions += mid - i  // every value left in the first run is greater
                    }
                    k += 1
                }
                while i < mid { buffer[k] = values[i]; i += 1; k += 1 }
                while j < end { buffer[k] = values[j]; j += 1; k += 1 }
                start = end
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }
}
