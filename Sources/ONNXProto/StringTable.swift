/// Dense integer ids for strings, keyed by their UTF-8 bytes. Decoding interns the strings
/// of a message (an ONNX value name recurs as a node output, node inputs and value_info: one
/// `String` is made and shared), and passes that look value names up for every node input
/// and output (shape inference, the encodings) intern each name once and then index arrays
/// by id, instead of hashing a `String` with SipHash at every reference.
///
/// The table hashes the bytes with a fast multiply-fold mix seeded once per process (from
/// Swift's randomly seeded `Hasher`), so that a hostile input cannot precompute names that
/// all collide.
public struct StringTable: Sendable {
    /// Per id: its hash and where its UTF-8 bytes are in `bytes` (a probe reads one entry).
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
    }
    private var entries: [Entry] = []
    /// The names' UTF-8 bytes back to back (compared instead of the strings) in the first
    /// `usedBytes`; the rest is zeroed room, so that a new name is one `memcpy` (a generic
    /// `append(contentsOf:)` costs several times as much for a short name).
    private var bytes: [UInt8]
    private var usedBytes = 0
    /// id -> name, for names interned with one; a name interned by its bytes alone has none
    /// (nil, or no element when no later id has one) and is made when asked for.
    private var strings: [String?] = []
    /// Open addressing with linear probing: 0 = empty, else id + 1.
    private var slots: [Int32]
    private var mask: Int

    public init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        entries.reserveCapacity(expectedCount)
        bytes = Array(repeating: 0, count: Swift.max(expectedCount, 1) * 24)
    }

    public var count: Int { entries.count }

    /// The string with id `id` (made from its bytes when it was interned without one: a
    /// caller that reads a name often should keep the result).
    public subscript(id: Int) -> String {
        if id < strings.count, let s = strings[id] { return s }
        let e = entries[id]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[e.start..<e.start + e.count]), as: UTF8.self) }
    }

    /// Every string, in id order.
    public var names: [String] { (0..<count).map { self[$0] } }

    /// The length in UTF-8 bytes of the string with id `id` (0: the empty string).
    @inline(__always)
    public func byteCount(id: Int) -> Int { entries[id].count }

    /// The id of `name`, adding it when it is new.
    public mutating func intern(_ name: String) -> Int {
        Self.withBytes(name) { key in intern(bytes: key) { name } }
    }

    /// The id of the string with UTF-8 bytes `key`; `make` builds that string when it is new.
    @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, _ make: () throws -> String) rethrows -> Int {
        try intern(bytes: key, storing: { try make() })
    }

    /// The id of the string with UTF-8 bytes `key`; `check` runs on them when they are new
    /// (e.g. UTF-8 validation). No `String` is made until `subscript` asks for one: for
    /// passes that work on ids (a graph view's value names).
    @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, checkingNew check: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int {
        try intern(bytes: key, storing: { try check(key); return nil })
    }

    @inline(__always)
    private mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, storing make: () throws -> String?) rethrows -> Int {
        let h = hash(key)
        let (found, slot) = probe(key, hash: h)
        if found >= 0 { return found }
        let name = try make()
        let id = entries.count
        entries.append(Entry(hash: h, start: appendBytes(key), count: key.count))
        if let name {
            if strings.count < id { strings.append(contentsOf: repeatElement(nil, count: id - strings.count)) }
            strings.append(name)
        }
        // Ids fit Int32: 2^31 strings would not fit in memory.
        slots[slot] = Int32(truncatingIfNeeded: id + 1)
        if entries.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of the string with UTF-8 bytes `key` (or -1), and the slot where it is or would go.
    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int, slot: Int) {
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = Int(slots[s])
            if slot == 0 { return (-1, s) }
            if entries[slot - 1].hash == h, equals(slot - 1, key) { return (slot - 1, s) }
            s = (s + 1) & mask
        }
    }

    /// The id of `name`, or nil when it was never interned.
    public func id(of name: String) -> Int? {
        Self.withBytes(name) { id(ofBytes: $0) }
    }

    /// The id of the string with UTF-8 bytes `key`, or nil when it was never interned.
    @inline(__always)
    public func id(ofBytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        let found = probe(key, hash: hash(key)).id
        return found >= 0 ? found : nil
    }

    /// Whether the string with id `id` has the UTF-8 bytes `key`: a decoder that can guess a
    /// name's id (value_info lists the node outputs in order) checks it without hashing.
    @inline(__always)
    public func hasBytes(_ key: UnsafeBufferPointer<UInt8>, id: Int) -> Bool {
        id >= 0 && id < entries.count && equals(id, key)
    }

    /// Copies `key` after the bytes in use, making room when needed; returns where it starts.
    @inline(__always)
    private mutating func appendBytes(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let start = usedBytes, n = key.count
        guard n > 0, let source = key.baseAddress else { return start }
        if bytes.count - start < n { bytes.append(contentsOf: repeatElement(0, count: Swift.max(n, bytes.count))) }
        bytes.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped.advanced(by: start).update(from: source, count: n) }
        usedBytes = start + n
        return start
    }

    /// The UTF-8 bytes of a name (contiguous for every native Swift string).
    @inline(__always)
    private static func withBytes<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = name.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(name.utf8).withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = entries[id]
        guard e.count == key.count else { return false }
        if e.count == 0 { return true }
        return bytes.withUnsafeBufferPointer { all in
            memcmpEqual(all.baseAddress! + e.start, key.baseAddress!, e.count)
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for id in entries.indices {
            var s = Int(truncatingIfNeeded: entries[id].hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(truncatingIfNeeded: id + 1)
        }
    }

    /// Copied into each table: a `static let` costs a `swift_once` check at every use.
    private let seed = StringTable.processSeed

    private static let processSeed: UInt64 = {
        var h = Hasher()
        h.combine(0x6f6e6e78 as UInt64)
        return UInt64(bitPattern: Int64(h.finalize()))
    }()

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let m = a.multipliedFullWidth(by: b)
        return m.high ^ m.low
    }

    /// 8 bytes at a time, the last 8 overlapping the ones before (the length is mixed in
    /// first); shorter keys as two overlapping 4-byte or three single-byte loads. Wrapping
    /// arithmetic throughout: this runs for every string a model decodes.
    @inline(__always)
    func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h = seed ^ UInt64(truncatingIfNeeded: n)
        guard n > 0, let base = key.baseAddress else { return Self.mix(h, 0x9E37_79B9_7F4A_7C15) }
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            let last = n &- 8
            var i = 0
            while i < last {
                h = Self.mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0x9E37_79B9_7F4A_7C15)
                i &+= 8
            }
            h = Self.mix(h ^ raw.loadUnaligned(fromByteOffset: last, as: UInt64.self), 0x9E37_79B9_7F4A_7C15)
        } else if n >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
            h = Self.mix(h ^ (low | high &<< 32), 0x9E37_79B9_7F4A_7C15)
        } else {
            let v = UInt64(base[0]) | UInt64(base[n &>> 1]) &<< 8 | UInt64(base[n &- 1]) &<< 16
            h = Self.mix(h ^ v, 0x9E37_79B9_7F4A_7C15)
        }
        return Self.mix(h, 0xBF58_476D_1CE4_E5B9)
    }
}

/// Byte equality of two `n`-byte runs, 8 bytes at a time (the last 8 overlapping).
@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
    if n >= 8 {
        let last = n &- 8
        var i = 0
        while i < last {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        return x.loadUnaligned(fromByteOffset: last, as: UInt64.self) == y.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i &+= 1
    }
    return true
}
