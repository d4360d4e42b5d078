/// MD5 (RFC 1321), our own implementation. NAS-Bench-101 identifies a cell by an iterated
/// MD5 "module hash", so enumerating the space means computing millions of small digests:
/// the compression function is written out in full and the one-shot entry point pads on the
/// stack without allocating. Not for security (MD5 is broken); only for the benchmark's ids.
public struct MD5Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Digest bytes 0...7 read big-endian. With `low` (bytes 8...15) this orders digests
    /// exactly like their lower-case hex strings, which the official hash sorts.
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The 16 digest bytes, in output order.
    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (i % 8)))
        }
    }

    /// Lower-case hex, 32 characters (Python's `hexdigest()`).
    public var description: String { hex }

    public var hex: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            writeHex(to: buffer.baseAddress!)
            return 32
        }
    }

    /// Parses 32 hex digits (either case); nil for anything else.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (i, c) in utf8.enumerated() {
            let nibble: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if i < 16 { words.0 = words.0 << 4 | UInt64(nibble) } else { words.1 = words.1 << 4 | UInt64(nibble) }
        }
        self.init(high: words.0, low: words.1)
    }

    /// Writes the 32 lower-case hex characters at `out`.
    @inline(__always)
    public func writeHex(to out: UnsafeMutablePointer<UInt8>) {
        Self.writeHexWord(high, to: out)
        Self.writeHexWord(low, to: out + 16)
    }

    @inline(__always)
    private static func writeHexWord(_ word: UInt64, to out: UnsafeMutablePointer<UInt8>) {
        var w = word
        var i = 15
        while i >= 0 {
            let nibble = UInt8(truncatingIfNeeded: w & 0xF)
            out[i] = nibble < 10 ? nibble &+ 48 : nibble &+ 87
            w >>= 4
            i -= 1
        }
    }

    public static func < (a: MD5Digest, b: MD5Digest) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

/// Incremental MD5: `update` any number of times, then `finalize`.
public struct MD5: Sendable {
    private var state = MD5State()
    private var pending: [UInt8] = []
    private var totalBytes: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        totalBytes &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { state.compress(block: $0.baseAddress!) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while bytes.count - offset >= 64 {
            state.compress(block: bytes.baseAddress! + offset)
            offset += 64
        }
        if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of everything passed to `update`.
    public func finalize() -> MD5Digest {
        var copy = state
        return pending.withUnsafeBytes { copy.finish(tail: $0, totalBytes: totalBytes) }
    }

    /// One-shot digest of a buffer (no allocation).
    @inline(__always)
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> MD5Digest {
        var state = MD5State()
        let fullBlocks = bytes.count / 64
        var offset = 0
        for _ in 0..<fullBlocks {
            state.compress(block: bytes.baseAddress! + offset)
            offset += 64
        }
        let tail = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        return state.finish(tail: tail, totalBytes: UInt64(bytes.count))
    }

    public static func digest(_ bytes: [UInt8]) -> MD5Digest {
        bytes.withUnsafeBytes { digest($0) }
    }

    public static func digest(_ text: String) -> MD5Digest {
        var text = text
        return text.withUTF8 { digest(UnsafeRawBufferPointer($0)) }
    }
}

/// The four-word chaining state and the compression function.
struct MD5State: Sendable {
    var a: UInt32 = 0x6745_2301
    var b: UInt32 = 0xEFCD_AB89
    var c: UInt32 = 0x98BA_DCFE
    var d: UInt32 = 0x1032_5476

    /// Pads `tail` (< 64 bytes, the unprocessed end of the message) and returns the digest.
    @inline(__always)
    mutating func finish(tail: UnsafeRawBufferPointer, totalBytes: UInt64) -> MD5Digest {
        precondition(tail.count < 64)
        // Two blocks suffice: the tail, 0x80, zeros, and the 8-byte bit length.
        return withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { block in
            let base = block.baseAddress!
            base.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
            if tail.count > 0 { base.copyMemory(from: tail.baseAddress!, byteCount: tail.count) }
            base.storeBytes(of: 0x80, toByteOffset: tail.count, as: UInt8.self)
            let blocks = tail.count < 56 ? 1 : 2
            base.storeBytes(of: (totalBytes &* 8).littleEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            compress(block: base)
            if blocks == 2 { compress(block: base + 64) }
            return digest
        }
    }

    var digest: MD5Digest {
        // Output bytes are a, b, c, d little-endian; pack them big-endian into two words.
        let high = UInt64(a.byteSwapped) << 32 | UInt64(b.byteSwapped)
        let low = UInt64(c.byteSwapped) << 32 | UInt64(d.byteSwapped)
        return MD5Digest(high: high, low: low)
    }

    @inline(__always)
    private static func step(_ a: UInt32, _ mixed: UInt32, _ word: UInt32, _ k: UInt32, _ s: UInt32, _ b: UInt32) -> UInt32 {
        let sum = a &+ mixed &+ word &+ k
        return b &+ (sum << s | sum >> (32 - s))
    }

    @inline(__always)
    mutating func compress(block p: UnsafeRawPointer) {
        @inline(__always) func w(_ i: Int) -> UInt32 {
            UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
        }
        let x0 = w(0), x1 = w(1), x2 = w(2), x3 = w(3), x4 = w(4), x5 = w(5), x6 = w(6), x7 = w(7)
        let x8 = w(8), x9 = w(9), x10 = w(10), x11 = w(11), x12 = w(12), x13 = w(13), x14 = w(14), x15 = w(15)
        var a = self.a, b = self.b, c = self.c, d = self.d

        @inline(__always) func f(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { z ^ (x & (y ^ z)) }
        @inline(__always) func g(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { y ^ (z & (x ^ y)) }
        @inline(__always) func h(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { x ^ y ^ z }
        @inline(__always) func i(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { y ^ (x | ~z) }

        // Round 1
        a = Self.step(a, f(b, c, d), x0, 0xd76aa478, 7, b)
        d = Self.step(d, f(a, b, c), x1, 0xe8c7b756, 12, a)
        c = Self.step(c, f(d, a, b), x2, 0x242070db, 17, d)
        b = Self.step(b, f(c, d, a), x3, 0xc1bdceee, 22, c)
        a = Self.step(a, f(b, c, d), x4, 0xf57c0faf, 7, b)
        d = Self.step(d, f(a, b, c), x5, 0x4787c62a, 12, a)
        c = Self.step(c, f(d, a, b), x6, 0xa8304613, 17, d)
        b = Self.step(b, f(c, d, a), x7, 0xfd469501, 22, c)
        a = Self.step(a, f(b, c, d), x8, 0x698098d8, 7, b)
        d = Self.step(d, f(a, b, c), x9, 0x8b44f7af, 12, a)
        c = Self.step(c, f(d, a, b), x10, 0xffff5bb1, 17, d)
        b = Self.step(b, f(c, d, a), x11, 0x895cd7be, 22, c)
        a = Self.step(a, f(b, c, d), x12, 0x6b901122, 7, b)
        d = Self.step(d, f(a, b, c), x13, 0xfd987193, 12, a)
        c = Self.step(c, f(d, a, b), x14, 0xa679438e, 17, d)
        b = Self.step(b, f(c, d, a), x15, 0x49b40821, 22, c)
        // Round 2
        a = Self.step(a, g(b, c, d), x1, 0xf61e2562, 5, b)
        d = Self.step(d, g(a, b, c), x6, 0xc040b340, 9, a)
        c = Self.step(c, g(d, a, b), x11, 0x265e5a51, 14, d)
        b = Self.step(b, g(c, d, a), x0, 0xe9b6c7aa, 20, c)
        a = Self.step(a, g(b, c, d), x5, 0xd62f105d, 5, b)
        d = Self.step(d, g(a, b, c), x10, 0x02441453, 9, a)
        c = Self.step(c, g(d, a, b), x15, 0xd8a1e681, 14, d)
        b = Self.step(b, g(c, d, a), x4, 0xe7d3fbc8, 20, c)
        a = Self.step(a, g(b, c, d), x9, 0x21e1cde6, 5, b)
        d = Self.step(d, g(a, b, c), x14, 0xc33707d6, 9, a)
        c = Self.step(c, g(d, a, b), x3, 0xf4d50d87, 14, d)
        b = Self.step(b, g(c, d, a), x8, 0x455a14ed, 20, c)
        a = Self.step(a, g(b, c, d), x13, 0xa9e3e905, 5, b)
        d = Self.step(d, g(a, b, c), x2, 0xfcefa3f8, 9, a)
        c = Self.step(c, g(d, a, b), x7, 0x676f02d9, 14, d)
        b = Self.step(b, g(c, d, a), x12, 0x8d2a4c8a, 20, c)
        // Round 3
        a = Self.step(a, h(b, c, d), x5, 0xfffa3942, 4, b)
        d = Self.step(d, h(a, b, c), x8, 0x8771f681, 11, a)
        c = Self.step(c, h(d, a, b), x11, 0x6d9d6122, 16, d)
        b = Self.step(b, h(c, d, a), x14, 0xfde5380c, 23, c)
        a = Self.step(a, h(b, c, d), x1, 0xa4beea44, 4, b)
        d = Self.step(d, h(a, b, c), x4, 0x4bdecfa9, 11, a)
        c = Self.step(c, h(d, a, b), x7, 0xf6bb4b60, 16, d)
        b = Self.step(b, h(c, d, a), x10, 0xbebfbc70, 23, c)
        a = Self.step(a, h(b, c, d), x13, 0x289b7ec6, 4, b)
        d = Self.step(d, h(a, b, c), x0, 0xeaa127fa, 11, a)
        c = Self.step(c, h(d, a, b), x3, 0xd4ef3085, 16, d)
        b = Self.step(b, h(c, d, a), x6, 0x04881d05, 23, c)
        a = Self.step(a, h(b, c, d), x9, 0xd9d4d039, 4, b)
        d = Self.step(d, h(a, b, c), x12, 0xe6db99e5, 11, a)
        c = Self.step(c, h(d, a, b), x15, 0x1fa27cf8, 16, d)
        b = Self.step(b, h(c, d, a), x2, 0xc4ac5665, 23, c)
        // Round 4
        a = Self.step(a, i(b, c, d), x0, 0xf4292244, 6, b)
        d = Self.step(d, i(a, b, c), x7, 0x432aff97, 10, a)
        c = Self.step(c, i(d, a, b), x14, 0xab9423a7, 15, d)
        b = Self.step(b, i(c, d, a), x5, 0xfc93a039, 21, c)
        a = Self.step(a, i(b, c, d), x12, 0x655b59c3, 6, b)
        d = Self.step(d, i(a, b, c), x3, 0x8f0ccc92, 10, a)
        c = Self.step(c, i(d, a, b), x10, 0xffeff47d, 15, d)
        b = Self.step(b, i(c, d, a), x1, 0x85845dd1, 21, c)
        a = Self.step(a, i(b, c, d), x8, 0x6fa87e4f, 6, b)
        d = Self.step(d, i(a, b, c), x15, 0xfe2ce6e0, 10, a)
        c = Self.step(c, i(d, a, b), x6, 0xa3014314, 15, d)
        b = Self.step(b, i(c, d, a), x13, 0x4e0811a1, 21, c)
        a = Self.step(a, i(b, c, d), x4, 0xf7537e82, 6, b)
        d = Self.step(d, i(a, b, c), x11, 0xbd3af235, 10, a)
        c = Self.step(c, i(d, a, b), x2, 0x2ad7d2bb, 15, d)
        b = Self.step(b, i(c, d, a), x9, 0xeb86d391, 21, c)

        self.a &+= a
        self.b &+= b
        self.c &+= c
        self.d &+= d
    }
}
