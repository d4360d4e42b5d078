/// 64-bit hashing that gives the same value in every process and on every platform. Swift's
/// `Hasher` is seeded per process, which would make hashed features (and so every saved
/// surrogate) unreadable by the next run.
enum StableHash {
    static let seed: UInt64 = 0x6A09_E667_F3BC_C908

    /// FNV-1a over the UTF-8 bytes, then a final mix so that short strings spread well.
    @inline(__always)
    static func string(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return finalize(h)
    }

    /// SplitMix64's finaliser: a bijective mixer with good avalanche.
    @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Order-dependent combination of `value` into `state`.
    @inline(__always)
    static func combine(_ state: UInt64, _ value: UInt64) -> UInt64 {
        finalize(state &+ 0x9E37_79B9_7F4A_7C15 &+ (value &* 0xFF51_AFD7_ED55_8CCD))
    }

    @inline(__always)
    static func combine(_ state: UInt64, _ value: Int) -> UInt64 {
        combine(state, UInt64(bitPattern: Int64(value)))
    }
}
