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
    // The lookups are inlinable, so that decoders of other modules, which intern a name at
    // every reference, pay no call for it; adding a name is out of line.

    /// Per id: its hash and where its UTF-8 bytes are (a probe reads one entry): at `start` in
    /// `bytes`, or, when `start < 0`, at `~start` in `lender`.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var hash: UInt64
        @usableFromInline var start: Int
        @usableFromInline var count: Int

        @inlinable
        init(hash: UInt64, start: Int, count: Int) {
            self.hash = hash
            self.start = start
            self.count = count
        }
    }
    @usableFromInline var entries: [Entry] = []
    /// The names' UTF-8 bytes back to back (compared instead of the strings).
    @usableFromInline var bytes: AppendOnlyBytes
    /// The bytes of a decoded file that names interned from it are left in (see
    /// `intern(bytes:lender:recent:checkingNew:)`), kept alive by the table, and their address.
    @usableFromInline var lender: ByteStorage?
    @usableFromInline var lenderBase: UInt = 0
    /// id -> name, for names interned with one; a name interned by its bytes alone has none
    /// (nil, or no element when no later id has one) and is made when asked for.
    @usableFromInline var strings: [String?] = []
    /// Open addressing with linear probing: 0 = empty, else id + 1.
    @usableFromInline var slots: [Int32]
    @usableFromInline var mask: Int

    public init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        entries.reserveCapacity(expectedCount)
        bytes = AppendOnlyBytes(capacity: expectedCount * 24)
    }

    @inlinable
    public var count: Int { entries.count }

    /// The string with id `id` (made from its bytes when it was interned without one: a
    /// caller that reads a name often should keep the result).
    public subscript(id: Int) -> String {
        if id < strings.count, let s = strings[id] { return s }
        return withBytes(of: entries[id]) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every string, in id order.
    public var names: [String] { (0..<count).map { self[$0] } }

    /// The length in UTF-8 bytes of the string with id `id` (0: the empty string).
    @inlinable
    public func byteCount(id: Int) -> Int { entries[id].count }

    /// The id of `name`, adding it when it is new.
    public mutating func intern(_ name: String) -> Int {
        Self.withBytes(name) { key in intern(bytes: key) { name } }
    }

    /// The id of the string with UTF-8 bytes `key`; `make` builds that string when it is new.
    @inlinable @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, _ make: () throws -> String) rethrows -> Int {
        try intern(bytes: key, storing: { try make() })
    }

    /// The id of the string with UTF-8 bytes `key`; `check` runs on them when they are new
    /// (e.g. UTF-8 validation). No `String` is made until `subscript` asks for one: for
    /// passes that work on ids (a graph view's value names).
    @inlinable @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, checkingNew check: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int {
        try intern(bytes: key, storing: { try check(key); return nil })
    }

    @inlinable @inline(__always)
    mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, lender: ByteStorage? = nil,
                         storing make: () throws -> String?) rethrows -> Int {
        let h = hash(key)
        let (found, slot) = probe(key, hash: h)
        if found >= 0 { return found }
        return add(key, lender: lender, hash: h, slot: slot, string: try make())
    }

    /// Adds `key` (not in the table) at the empty `slot` its probe ended at; returns its id.
    @usableFromInline
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, lender storage: ByteStorage?, hash h: UInt64, slot: Int,
                      string name: String?) -> Int {
        let id = entries.count
        entries.append(Entry(hash: h, start: place(key, lender: storage), count: key.count))
        if let name {
            if strings.isEmpty { strings.reserveCapacity(entries.capacity) }
            if strings.count < id { strings.append(contentsOf: repeatElement(nil, count: id - strings.count)) }
            strings.append(name)
        }
        // Ids fit Int32: 2^31 strings would not fit in memory.
        slots[slot] = Int32(truncatingIfNeeded: id + 1)
        if entries.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of the string with UTF-8 bytes `key` (or -1), and the slot where it is or would go.
    @inlinable @inline(__always)
    func probe(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int, slot: Int) {
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
    @inlinable
    public func id(ofBytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        let found = probe(key, hash: hash(key)).id
        return found >= 0 ? found : nil
    }

    /// Calls `body` with the UTF-8 bytes of the string with id `id` (valid only during the call).
    @inlinable
    public func withBytes<R>(id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withBytes(of: entries[id], body)
    }

    /// Whether the string with id `id` has the UTF-8 bytes `key`: a decoder that can guess a
    /// name's id (value_info lists the node outputs in order) checks it without hashing.
    @inlinable @inline(__always)
    public func hasBytes(_ key: UnsafeBufferPointer<UInt8>, id: Int) -> Bool {
        id >= 0 && id < entries.count && equals(id, key)
    }

    /// The UTF-8 bytes of a name (contiguous for every native Swift string).
    @inline(__always)
    private static func withBytes<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = name.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(name.utf8).withUnsafeBufferPointer(body)
    }

    @inlinable @inline(__always)
    func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = entries[id]
        guard e.count == key.count else { return false }
        if e.count == 0 { return true }
        return withBytes(of: e) { memcmpEqual($0.baseAddress.unsafelyUnwrapped, key.baseAddress.unsafelyUnwrapped, e.count) }
    }

    /// The bytes of an entry, wherever they are.
    @inlinable @inline(__always)
    func withBytes<R>(of e: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if e.start < 0 {
            // `lender` holds these bytes for as long as the table lives.
            let base = UnsafePointer<UInt8>(bitPattern: lenderBase).unsafelyUnwrapped
            return body(UnsafeBufferPointer(start: base + ~e.start, count: e.count))
        }
        return bytes.storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[e.start..<e.start + e.count])) }
    }

    /// Where a new key's bytes go: left where they are when they lie in `storage` (the table's
    /// lender, or its first), else copied. The `start` of its entry.
    @inline(__always)
    private mutating func place(_ key: UnsafeBufferPointer<UInt8>, lender storage: ByteStorage?) -> Int {
        if let storage, let address = key.baseAddress {
            if lender == nil, let base = storage.base {
                lender = storage
                lenderBase = UInt(bitPattern: base)
            }
            if storage === lender {
                let offset = Int(bitPattern: UInt(bitPattern: address)) &- Int(bitPattern: lenderBase)
                if offset >= 0, offset <= storage.count - key.count { return ~offset }
            }
        }
        return bytes.append(UnsafeRawBufferPointer(key))
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
    @usableFromInline let seed = StringTable.processSeed

    private static let processSeed: UInt64 = {
        var h = Hasher()
        h.combine(0x6f6e6e78 as UInt64)
        return UInt64(bitPattern: Int64(h.finalize()))
    }()

    @inlinable @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let m = a.multipliedFullWidth(by: b)
        return m.high ^ m.low
    }

    /// 16 bytes per multiply (two words folded into one 128-bit product), the last block
    /// overlapping the ones before (the length is mixed in first); shorter keys as two
    /// overlapping 8-, 4-byte or three single-byte loads. Wrapping arithmetic throughout:
    /// this runs for every string a model decodes. Both factors of a product depend on the
    /// seed, so that no input can choose a word that zeroes one (and the state with it).
    @inlinable @inline(__always)
    func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k0: UInt64 = 0x9E37_79B9_7F4A_7C15, k1: UInt64 = 0xBF58_476D_1CE4_E5B9
        let secret = seed ^ k0
        let n = key.count
        var h = seed ^ UInt64(truncatingIfNeeded: n)
        guard n > 0, let base = key.baseAddress else { return Self.mix(h, k0) }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func word(_ i: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        if n > 16 {
            let last = n &- 16
            var i = 0
            while i < last {
                h = Self.mix(h ^ word(i), secret ^ word(i &+ 8))
                i &+= 16
            }
            h = Self.mix(h ^ word(last), secret ^ word(last &+ 8))
        } else if n >= 8 {
            h = Self.mix(h ^ word(0), secret ^ word(n &- 8))
        } else if n >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
            h = Self.mix(h ^ (low | high &<< 32), k0)
        } else {
            let v = UInt64(base[0]) | UInt64(base[n &>> 1]) &<< 8 | UInt64(base[n &- 1]) &<< 16
            h = Self.mix(h ^ v, k0)
        }
        return Self.mix(h, k1)
    }
}

/// The ids one `StringTable` returned last, two per key length (mod 16), newest first. Names
/// and messages recur at short range (a node's input is an output just read, the next Conv
/// has the same `kernel_shape`): comparing a key with the one or two of its length seen last
/// costs less than hashing it.
public struct RecentKeys: Sendable {
    /// Per length (mod 16): the newest id + 1 in the low half, the one before it in the high
    /// half (0: none). A tuple read through a pointer: no heap storage to retain, check for
    /// uniqueness or release, and no copy of the whole vector at each access.
    @usableFromInline var slots: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    public init() {}

    @inlinable @inline(__always)
    mutating func pair(_ slot: Int) -> UInt64 {
        withUnsafeMutableBytes(of: &slots) { $0.load(fromByteOffset: slot &<< 3, as: UInt64.self) }
    }

    /// Makes `id` the newest key of `slot`, after the one that was (`pair`'s low half).
    @inlinable @inline(__always)
    mutating func note(_ id: Int, slot: Int, after pair: UInt64) {
        let value = UInt64(truncatingIfNeeded: id &+ 1) | pair &<< 32
        withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: value, toByteOffset: slot &<< 3, as: UInt64.self) }
    }
}

extension StringTable {
    /// `intern(bytes:checkingNew:)` that first compares `key` with the `recent` keys of its
    /// length (`recent` must only ever be used with this table). A new key that lies in
    /// `lender`, the bytes of a decoded file, is not copied: the table keeps `lender` and
    /// points into it (only one lender per table: keys of another are copied).
    @inlinable @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, lender: ByteStorage? = nil, recent: inout RecentKeys,
                                checkingNew check: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int {
        try intern(bytes: key, lender: lender, recent: &recent, storing: { try check(key); return nil })
    }

    /// `intern(bytes:_:)` that first compares `key` with the `recent` keys of its length.
    @inlinable @inline(__always)
    public mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, recent: inout RecentKeys,
                                _ make: () throws -> String) rethrows -> Int {
        try intern(bytes: key, recent: &recent, storing: { try make() })
    }

    @inlinable @inline(__always)
    mutating func intern(bytes key: UnsafeBufferPointer<UInt8>, lender: ByteStorage? = nil, recent: inout RecentKeys,
                         storing make: () throws -> String?) rethrows -> Int {
        let slot = key.count & 15
        let pair = recent.pair(slot)
        let newest = Int(truncatingIfNeeded: pair & 0xFFFF_FFFF) &- 1
        if newest >= 0, equals(newest, key) { return newest }
        let older = Int(truncatingIfNeeded: pair &>> 32) &- 1
        let id: Int
        if older >= 0, equals(older, key) { id = older } else { id = try intern(bytes: key, lender: lender, storing: make) }
        recent.note(id, slot: slot, after: pair)
        return id
    }
}

/// Byte equality of two `n`-byte runs, 8 bytes at a time (the last 8 overlapping).
@inlinable @inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
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
