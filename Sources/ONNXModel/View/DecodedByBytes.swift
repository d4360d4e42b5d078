import ONNXProto

/// Values decoded from messages, keyed by the messages' bytes. Exporters repeat identical
/// messages (the same attributes node after node, the same declared types value after
/// value): each distinct one is decoded, and allocated, once. Only for messages whose decoding
/// depends on their bytes alone (read at the same depth, with the same options).
struct DecodedByBytes<Value> {
    /// The keys' bytes only: no `String` is made for them.
    private var keys: StringTable
    private var values: [Value] = []
    /// A message usually recurs at short range (the next value's type, the next Conv's
    /// `kernel_shape`): it is compared with the last ones of its length before it is hashed.
    private var recent = RecentKeys()

    init(expectedCount: Int) {
        keys = StringTable(expectedCount: expectedCount)
        values.reserveCapacity(expectedCount)
    }

    enum Lookup {
        case found(Value)
        /// Not decoded yet: decode it and `store` the value under `key`.
        case missing(key: Int)
    }

    /// The value decoded from `bytes`, which lie in `storage` (they are not copied).
    @inline(__always)
    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>, in storage: ByteStorage) -> Lookup {
        let key = keys.intern(bytes: bytes, lender: storage, recent: &recent, checkingNew: { _ in })
        return key < values.count ? .found(values[key]) : .missing(key: key)
    }

    /// Keys and values stay in step: a key is stored only when it is the next one (a decoding
    /// that failed leaves its key without a value, and later keys are then decoded uncached).
    mutating func store(_ value: Value, for key: Int) {
        if key == values.count { values.append(value) }
    }
}
