/// Encodings are built as UTF-8 bytes and turned into one `String` at the end: appending to
/// a `[UInt8]` is a bounds check and a store, where `String +=` goes through grapheme-aware
/// storage management for every piece.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `s` (one copy from its contiguous storage).
    @inline(__always)
    mutating func append(utf8 s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: Array(s.utf8))
        }
    }

    /// Appends ASCII text known at compile time.
    @inline(__always)
    mutating func append(ascii s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `v` in decimal, as `String(v)` prints it (most values are a few digits: they
    /// are appended one by one, from the highest power of ten down).
    mutating func appendDecimal(_ v: Int64) {
        if v >= 0 && v < 10 { append(0x30 &+ UInt8(truncatingIfNeeded: v)); return }
        var magnitude = v.magnitude
        if v < 0 { append(0x2D) }  // "-"
        var power: UInt64 = 1
        while magnitude / power >= 10 { power &*= 10 }
        while power > 0 {
            append(0x30 &+ UInt8(truncatingIfNeeded: magnitude / power))
            magnitude %= power
            power /= 10
        }
    }
}
