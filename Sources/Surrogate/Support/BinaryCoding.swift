/// Little-endian writer for the surrogate model file.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ x: UInt8) { bytes.append(x) }
    mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ x: Int) { u64(UInt64(bitPattern: Int64(x))) }
    mutating func bool(_ x: Bool) { u8(x ? 1 : 0) }
    mutating func f64(_ x: Double) { u64(x.bitPattern) }
    mutating func f32(_ x: Float) { u32(x.bitPattern) }
    mutating func string(_ s: String) {
        let b = Array(s.utf8)
        u32(UInt32(b.count))
        bytes.append(contentsOf: b)
    }
    mutating func f32s(_ xs: [Float]) {
        u32(UInt32(xs.count))
        bytes.reserveCapacity(bytes.count + 4 * xs.count)
        for x in xs { f32(x) }
    }
    mutating func f64s(_ xs: [Double]) {
        u32(UInt32(xs.count))
        for x in xs { f64(x) }
    }
    mutating func i32s(_ xs: [Int32]) {
        u32(UInt32(xs.count))
        for x in xs { u32(UInt32(bitPattern: x)) }
    }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
}

/// Bounds-checked little-endian reader: a truncated or damaged file gives a
/// `SurrogateFileError`, never a trap or a huge allocation.
struct BinaryReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int
    /// Caps on array lengths read from the file.
    let maxArrayCount = 1 << 26

    init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }

    private mutating func take(_ n: Int, _ what: String) throws(SurrogateFileError) -> Int {
        guard n >= 0, n <= end - offset else { throw .truncated(offset: offset, reading: what) }
        let start = offset
        offset += n
        return start
    }

    mutating func skip(_ n: Int, _ what: String) throws(SurrogateFileError) { _ = try take(n, what) }

    mutating func u8(_ what: String) throws(SurrogateFileError) -> UInt8 {
        bytes[try take(1, what)]
    }
    mutating func u32(_ what: String) throws(SurrogateFileError) -> UInt32 {
        let s = try take(4, what)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[s + k]) << UInt32(8 * k) }
        return v
    }
    mutating func u64(_ what: String) throws(SurrogateFileError) -> UInt64 {
        let s = try take(8, what)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[s + k]) << UInt64(8 * k) }
        return v
    }
    mutating func int(_ what: String, range: ClosedRange<Int> = Int.min...Int.max) throws(SurrogateFileError) -> Int {
        let at = offset
        let v = Int(Int64(bitPattern: try u64(what)))
        guard range.contains(v) else { throw .invalid(offset: at, reason: "\(what) = \(v) is out of range \(range)") }
        return v
    }
    mutating func bool(_ what: String) throws(SurrogateFileError) -> Bool {
        let at = offset
        switch try u8(what) {
        case 0: return false
        case 1: return true
        case let b: throw .invalid(offset: at, reason: "\(what): \(b) is not a boolean")
        }
    }
    mutating func f64(_ what: String) throws(SurrogateFileError) -> Double { Double(bitPattern: try u64(what)) }
    mutating func f32(_ what: String) throws(SurrogateFileError) -> Float { Float(bitPattern: try u32(what)) }
    mutating func finiteF64(_ what: String) throws(SurrogateFileError) -> Double {
        let at = offset
        let v = try f64(what)
        guard v.isFinite else { throw .invalid(offset: at, reason: "\(what) is not a finite number") }
        return v
    }

    private mutating func count(_ what: String, elementSize: Int) throws(SurrogateFileError) -> Int {
        let at = offset
        let n = Int(try u32(what))
        guard n <= maxArrayCount, n * elementSize <= remaining else {
            throw .invalid(offset: at, reason: "\(what): length \(n) exceeds the file")
        }
        return n
    }
    mutating func string(_ what: String) throws(SurrogateFileError) -> String {
        let n = try count(what, elementSize: 1)
        let s = try take(n, what)
        return String(decoding: bytes[s..<(s + n)], as: UTF8.self)
    }
    mutating func f32s(_ what: String) throws(SurrogateFileError) -> [Float] {
        let n = try count(what, elementSize: 4)
        var out = [Float](repeating: 0, count: n)
        for i in 0..<n { out[i] = try f32(what) }
        return out
    }
    mutating func f64s(_ what: String) throws(SurrogateFileError) -> [Double] {
        let n = try count(what, elementSize: 8)
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = try f64(what) }
        return out
    }
    mutating func i32s(_ what: String) throws(SurrogateFileError) -> [Int32] {
        let n = try count(what, elementSize: 4)
        var out = [Int32](repeating: 0, count: n)
        for i in 0..<n { out[i] = Int32(bitPattern: try u32(what)) }
        return out
    }
    mutating func expectTag(_ tag: String) throws(SurrogateFileError) {
        let at = offset
        let found = try string("section tag")
        guard found == tag else { throw .invalid(offset: at, reason: "expected section \(tag), found \(found.prefix(40))") }
    }
}

/// CRC-32 (IEEE 802.3, reflected), to detect damaged model files.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
