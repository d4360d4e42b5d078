/// The official NAS-Bench-101 module hash (`graph_util.hash_module`), byte for byte:
///
/// 1. every vertex starts with md5 of Python's `str((out_degree, in_degree, label))`, e.g.
///    `"(2, 0, -1)"` (labels: -1 input, -2 output, else the index in `available_ops`);
/// 2. `vertexCount` times, every vertex becomes md5 of the hex digests of its in-neighbours,
///    sorted and concatenated, then `|`, the same for its out-neighbours, `|`, its own digest;
/// 3. the fingerprint is md5 of Python's `str(sorted(hashes))`: `['<hex>', '<hex>', ...]`.
///
/// Sorting hex strings equals sorting `MD5Digest`s, so vertices are ranked once per round
/// and neighbour lists are read off in rank order. Everything runs in stack scratch space:
/// the enumeration calls this about 1.3 million times.
enum NB101ModuleHash {
    /// Largest vertex count the scratch space is sized for (the cell limit).
    static let maxVertices = 7

    /// `successors[v]` has bit `w` set for an edge v -> w; `labels[v]` is the hash label.
    static func compute(vertexCount n: Int, successors: UnsafePointer<UInt8>, labels: UnsafePointer<Int8>) -> MD5Digest {
        precondition(n >= 1 && n <= maxVertices)
        // Scratch: two digest arrays, hex of the current digests, the message, ranks and
        // predecessor masks, carved out of one stack allocation.
        let digestBytes = MemoryLayout<MD5Digest>.stride * maxVertices
        let hexOffset = 2 * digestBytes
        let messageOffset = hexOffset + 32 * maxVertices
        let messageCapacity = 32 * (2 * maxVertices + 1) + 8
        let rankOffset = messageOffset + messageCapacity
        let predecessorOffset = rankOffset + maxVertices
        let total = predecessorOffset + maxVertices
        return withUnsafeTemporaryAllocation(byteCount: total, alignment: 16) { scratch in
            let base = scratch.baseAddress!
            var current = base.bindMemory(to: MD5Digest.self, capacity: maxVertices)
            var next = (base + digestBytes).bindMemory(to: MD5Digest.self, capacity: maxVertices)
            let hex = (base + hexOffset).bindMemory(to: UInt8.self, capacity: 32 * maxVertices)
            let message = (base + messageOffset).bindMemory(to: UInt8.self, capacity: messageCapacity)
            let rank = (base + rankOffset).bindMemory(to: UInt8.self, capacity: maxVertices)
            let pred = (base + predecessorOffset).bindMemory(to: UInt8.self, capacity: maxVertices)

            for v in 0..<n { pred[v] = 0 }
            for v in 0..<n {
                var mask = successors[v]
                while mask != 0 {
                    pred[mask.trailingZeroBitCount] |= UInt8(1) << UInt8(v)
                    mask &= mask &- 1
                }
            }
            let table = initialDigests
            for v in 0..<n {
                let outDegree = successors[v].nonzeroBitCount
                let inDegree = pred[v].nonzeroBitCount
                current[v] = table[(outDegree * 8 + inDegree) * 5 + Int(labels[v]) + 2]
            }
            for _ in 0..<n {
                for v in 0..<n { current[v].writeHex(to: hex + 32 * v) }
                sortedOrder(current, n, into: rank)
                for v in 0..<n {
                    var length = 0
                    let inMask = pred[v], outMask = successors[v]
                    for k in 0..<n where inMask & (UInt8(1) << rank[k]) != 0 {
                        (message + length).update(from: hex + 32 * Int(rank[k]), count: 32)
                        length += 32
                    }
                    message[length] = UInt8(ascii: "|")
                    length += 1
                    for k in 0..<n where outMask & (UInt8(1) << rank[k]) != 0 {
                        (message + length).update(from: hex + 32 * Int(rank[k]), count: 32)
                        length += 32
                    }
                    message[length] = UInt8(ascii: "|")
                    length += 1
                    (message + length).update(from: hex + 32 * v, count: 32)
                    length += 32
                    next[v] = MD5.digest(UnsafeRawBufferPointer(start: message, count: length))
                }
                swap(&current, &next)
            }
            // Fingerprint: md5 of str(sorted(hashes)), i.e. "['<hex>', '<hex>']".
            sortedOrder(current, n, into: rank)
            var length = 0
            message[length] = UInt8(ascii: "[")
            length += 1
            for k in 0..<n {
                if k > 0 {
                    message[length] = UInt8(ascii: ",")
                    message[length + 1] = UInt8(ascii: " ")
                    length += 2
                }
                message[length] = UInt8(ascii: "'")
                current[Int(rank[k])].writeHex(to: message + length + 1)
                message[length + 33] = UInt8(ascii: "'")
                length += 34
            }
            message[length] = UInt8(ascii: "]")
            length += 1
            return MD5.digest(UnsafeRawBufferPointer(start: message, count: length))
        }
    }

    /// Convenience for arrays (cells, tests).
    static func compute(successors: [UInt8], labels: [Int]) -> MD5Digest {
        precondition(successors.count == labels.count)
        let small = labels.map { Int8($0) }
        return successors.withUnsafeBufferPointer { s in
            small.withUnsafeBufferPointer { l in
                compute(vertexCount: s.count, successors: s.baseAddress!, labels: l.baseAddress!)
            }
        }
    }

    /// Indices 0..<n ordered by digest (insertion sort: n <= 7).
    @inline(__always)
    private static func sortedOrder(_ digests: UnsafeMutablePointer<MD5Digest>, _ n: Int, into rank: UnsafeMutablePointer<UInt8>) {
        for v in 0..<n {
            var k = v
            let d = digests[v]
            while k > 0 && d < digests[Int(rank[k - 1])] {
                rank[k] = rank[k - 1]
                k -= 1
            }
            rank[k] = UInt8(v)
        }
    }

    /// md5 of `"(out, in, label)"` for out, in in 0...7 and label in -2...2, indexed
    /// `(out * 8 + in) * 5 + label + 2`.
    static let initialDigests: [MD5Digest] = {
        var table: [MD5Digest] = []
        table.reserveCapacity(8 * 8 * 5)
        for outDegree in 0..<8 {
            for inDegree in 0..<8 {
                for label in -2...2 {
                    table.append(MD5.digest("(\(outDegree), \(inDegree), \(label))"))
                }
            }
        }
        return table
    }()
}
