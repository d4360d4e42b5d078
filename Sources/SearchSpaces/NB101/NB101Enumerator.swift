import Dispatch

/// Enumerates the NAS-Bench-101 space exactly as the official `scripts/generate_graphs.py`:
/// for V = 2...7 vertices, every bit mask of the V(V-1)/2 upper-triangular entries (bit
/// `x + y(y-1)/2` is the edge x -> y), keeping "full" DAGs (every vertex but the output has an
/// out-edge, every vertex but the input an in-edge) with at most 9 edges; for each, every
/// labelling of the interior vertices (`itertools.product` order, last vertex fastest); a
/// labelled graph is new when its module hash has not been seen. The first graph with a
/// given hash is the cell reported, in this order, so the output is the official
/// `generate_graphs.py` bucket representatives in first-seen order.
///
/// Hashing (~1.3 million labelled graphs) is spread over the cores in chunks of graphs;
/// chunk results are merged in chunk order, so the output does not depend on scheduling.
struct NB101Enumerator {
    /// A full DAG: vertex count and successor rows packed one byte per vertex.
    struct Graph: Sendable {
        var vertexCount: Int
        var rows: UInt64
    }

    /// One labelled graph's hash and where it came from.
    struct Hashed: Sendable {
        var digest: MD5Digest
        var graph: Int32
        var labelling: Int32
    }

    let maxVertices: Int
    let maxEdges: Int
    let graphs: [Graph]

    init(maxVertices: Int = NB101Cell.maxVertices, maxEdges: Int = NB101Cell.maxEdges) {
        precondition(maxVertices >= 2 && maxVertices <= NB101Cell.maxVertices)
        self.maxVertices = maxVertices
        self.maxEdges = maxEdges
        var graphs: [Graph] = []
        for n in 2...maxVertices {
            let entries = n * (n - 1) / 2
            for bits in 0..<(1 << entries) where bits.nonzeroBitCount <= maxEdges {
                if let rows = Self.fullDAGRows(bits: bits, vertexCount: n) {
                    graphs.append(Graph(vertexCount: n, rows: rows))
                }
            }
        }
        self.graphs = graphs
    }

    /// Rows of the official bit mask's matrix, or nil when some vertex hangs (the official
    /// `is_full_dag`: only the output may lack out-edges, only the input in-edges).
    static func fullDAGRows(bits: Int, vertexCount n: Int) -> UInt64? {
        var rows: UInt64 = 0
        var hasIn: UInt8 = 0
        var index = 0
        for y in 1..<n {
            for x in 0..<y {
                if bits >> index & 1 == 1 {
                    rows |= UInt64(1) << UInt64(8 * x + y)
                    hasIn |= 1 << UInt8(y)
                }
                index += 1
            }
        }
        for x in 0..<(n - 1) where (rows >> UInt64(8 * x)) & 0xFF == 0 { return nil }
        let needIn = UInt8(truncatingIfNeeded: (1 << n) - 2)
        return hasIn & needIn == needIn ? rows : nil
    }

    static func labellingCount(vertexCount n: Int) -> Int {
        var count = 1
        for _ in 0..<(n - 2) { count *= 3 }
        return count
    }

    /// Hashes every labelling of graphs `range`, in official order.
    func hashChunk(_ range: Range<Int>) -> [Hashed] {
        var out: [Hashed] = []
        var rowBytes = [UInt8](repeating: 0, count: NB101Cell.maxVertices)
        var labels = [Int8](repeating: 0, count: NB101Cell.maxVertices)
        for g in range {
            let graph = graphs[g]
            let n = graph.vertexCount
            for v in 0..<n { rowBytes[v] = UInt8(truncatingIfNeeded: graph.rows >> UInt64(8 * v)) }
            labels[0] = -1
            labels[n - 1] = -2
            let count = Self.labellingCount(vertexCount: n)
            out.reserveCapacity(out.count + count)
            for labelling in 0..<count {
                // Interior vertex n-2 is the least significant base-3 digit.
                var rest = labelling
                var v = n - 2
                while v >= 1 {
                    labels[v] = Int8(rest % 3)
                    rest /= 3
                    v -= 1
                }
                let digest = rowBytes.withUnsafeBufferPointer { r in
                    labels.withUnsafeBufferPointer { l in
                        NB101ModuleHash.compute(vertexCount: n, successors: r.baseAddress!, labels: l.baseAddress!)
                    }
                }
                out.append(Hashed(digest: digest, graph: Int32(g), labelling: Int32(labelling)))
            }
        }
        return out
    }

    func cell(for hashed: Hashed) -> NB101Cell {
        let graph = graphs[Int(hashed.graph)]
        let n = graph.vertexCount
        var codes = UInt32(NB101Operation.input.rawValue) | UInt32(NB101Operation.output.rawValue) << UInt32(3 * (n - 1))
        var rest = Int(hashed.labelling)
        var v = n - 2
        while v >= 1 {
            codes |= UInt32(NB101Operation.interior[rest % 3].rawValue) << UInt32(3 * v)
            rest /= 3
            v -= 1
        }
        return NB101Cell(vertexCount: n, successorRows: graph.rows, operationCodes: codes, hash: hashed.digest)
    }

    /// Calls `visit` with every unique cell, in the official first-seen order. `threads`
    /// workers hash ahead; `visit` runs on the calling thread.
    func run(threads: Int, _ visit: (NB101Cell) throws -> Void) rethrows {
        let chunkSize = 16
        let chunkCount = (graphs.count + chunkSize - 1) / chunkSize
        let batchChunks = max(1, threads) * 8
        var seen = Set<MD5Digest>(minimumCapacity: 1 << 19)
        var firstChunk = 0
        while firstChunk < chunkCount {
            let chunksInBatch = min(batchChunks, chunkCount - firstChunk)
            let results = ResultSlots(count: chunksInBatch)
            let base = firstChunk
            let this = self
            DispatchQueue.concurrentPerform(iterations: chunksInBatch) { k in
                let start = (base + k) * chunkSize
                let end = min(start + chunkSize, this.graphs.count)
                results.store(this.hashChunk(start..<end), at: k)
            }
            for k in 0..<chunksInBatch {
                for hashed in results.take(k) where seen.insert(hashed.digest).inserted {
                    try visit(cell(for: hashed))
                }
            }
            firstChunk += chunksInBatch
        }
    }
}

/// Per-chunk result slots written by worker threads, read after the batch completes.
private final class ResultSlots: @unchecked Sendable {
    // Each slot is written by exactly one worker and read only after `concurrentPerform`
    // returns, which orders the accesses; the lock only keeps the array's storage sound.
    private var slots: [[NB101Enumerator.Hashed]]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ value: [NB101Enumerator.Hashed], at index: Int) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }

    func take(_ index: Int) -> [NB101Enumerator.Hashed] {
        lock.wait()
        defer { lock.signal() }
        return slots[index]
    }
}
