extension NB101Cell {
    /// Output channels of every vertex when the cell maps `inputChannels` to
    /// `outputChannels` (the official `model_builder.compute_vertex_channels`): the output
    /// channels are split evenly over the vertices feeding the output, the first ones taking
    /// one extra channel each for the remainder; any other interior vertex takes the largest
    /// channel count among its interior successors (later vertices are settled first).
    public func vertexChannels(inputChannels: Int, outputChannels: Int) -> [Int] {
        let n = vertexCount
        var channels = [Int](repeating: 0, count: n)
        channels[0] = inputChannels
        channels[n - 1] = outputChannels
        guard n > 2 else { return channels }
        // In-degree of the output, not counting an edge from the input.
        let outputFanIn = (1..<(n - 1)).filter { hasEdge(from: $0, to: n - 1) }.count
        let share = outputChannels / outputFanIn
        var remainder = outputChannels % outputFanIn
        for v in 1..<(n - 1) where hasEdge(from: v, to: n - 1) {
            channels[v] = share
            if remainder > 0 {
                channels[v] += 1
                remainder -= 1
            }
        }
        for v in stride(from: n - 3, through: 1, by: -1) where !hasEdge(from: v, to: n - 1) {
            for w in (v + 1)..<(n - 1) where hasEdge(from: v, to: w) {
                channels[v] = max(channels[v], channels[w])
            }
        }
        return channels
    }
}
