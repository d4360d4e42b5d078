/// The UTF-8 bytes of an encoding being built, turned into one `String` at the end.
///
/// Appending is the walk's inner loop (a few bytes at a time, tens of thousands of times per
/// model). `String +=` goes through grapheme-aware storage management for every piece, and
/// `[UInt8].append(contentsOf:)` checks uniqueness and capacity through a generic path; this
/// buffer owns its storage (non-copyable, so it is never shared), and an append is a capacity
/// check and a copy.
struct TextBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The text so far (invalid UTF-8, which no caller appends, would be repaired).
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity &* 2
        while newCapacity < needed { newCapacity &*= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends bytes `range` of `other` (a name kept in an arena).
    @inline(__always)
    mutating func append(_ other: borrowing TextBuffer, _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= other.count, "range outside the buffer")
        append(UnsafeBufferPointer(start: other.base + range.lowerBound, count: range.count))
    }

    mutating func append(_ other: borrowing TextBuffer) { append(other, 0..<other.count) }

    /// Appends ASCII text known at compile time.
    @inline(__always)
    mutating func append(ascii s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    /// Appends the UTF-8 bytes of `s`.
    mutating func append(utf8 s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// Appends `v` in decimal, as `String(v)` prints it (most values are a few digits: they
    /// are appended one by one, from the highest power of ten down).
    mutating func appendDecimal(_ v: Int64) {
        if v >= 0 && v < 10 { append(0x30 &+ UInt8(truncatingIfNeeded: v)); return }
        reserve(20)
        var magnitude = v.magnitude
        if v < 0 { append(0x2D) }  // "-"
        var power: UInt64 = 1
        while magnitude / power >= 10 { power &*= 10 }
        while power > 0 {
            base[count] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude / power)
            count &+= 1
            magnitude %= power
            power /= 10
        }
    }

    /// The byte at `i` (`i < count`).
    subscript(i: Int) -> UInt8 {
        precondition(i >= 0 && i < count, "index outside the buffer")
        return base[i]
    }

    mutating func removeLast() {
        precondition(count > 0, "removeLast on an empty buffer")
        count &-= 1
    }

    mutating func removeAll() { count = 0 }
}
