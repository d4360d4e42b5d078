#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes that decoded messages can point into without copying: either a
/// memory-mapped file or an owned buffer. Slices keep their storage alive.
public final class ByteStorage: @unchecked Sendable {
    // Safe to share: the bytes are never mutated after init and are freed only in deinit.
    public let base: UnsafeRawPointer?
    public let count: Int
    private let release: (@Sendable (UnsafeRawPointer?, Int) -> Void)?

    /// Copies `bytes` into storage owned by this object.
    public convenience init(copying bytes: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { src in
            if let s = src.baseAddress { p.copyMemory(from: s, byteCount: src.count) }
        }
        self.init(base: UnsafeRawPointer(p), count: bytes.count) { ptr, _ in
            UnsafeMutableRawPointer(mutating: ptr)?.deallocate()
        }
    }

    /// Takes ownership of memory that `release` frees.
    public init(base: UnsafeRawPointer?, count: Int, release: (@Sendable (UnsafeRawPointer?, Int) -> Void)?) {
        self.base = base
        self.count = count
        self.release = release
    }

    deinit { release?(base, count) }

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// A window into a `ByteStorage`. Equality compares contents.
public struct ByteSlice: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let storage: ByteStorage
    public let offset: Int
    public let count: Int

    public init(storage: ByteStorage, offset: Int, count: Int) {
        precondition(offset >= 0 && count >= 0 && offset + count <= storage.count, "slice out of range")
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    public init(_ bytes: [UInt8]) {
        self.init(storage: ByteStorage(copying: bytes), offset: 0, count: bytes.count)
    }

    public static let empty = ByteSlice([])

    public var isEmpty: Bool { count == 0 }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = storage.base.map { $0 + offset }
        return try body(UnsafeRawBufferPointer(start: count == 0 ? nil : start, count: count))
    }

    public var array: [UInt8] { withUnsafeBytes { Array($0) } }

    public static func == (a: ByteSlice, b: ByteSlice) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public var description: String { "<\(count) bytes>" }
}

/// Bytes appended run after run, each with one `memcpy`: a generic `append(contentsOf:)` costs
/// about a hundred instructions a call, which decoding pays for every name it keeps. The array
/// holds zeroed room past `count`, made a kilobyte at a time.
public struct AppendOnlyBytes: Sendable {
    /// The first `count` bytes are the appended ones.
    public private(set) var storage: [UInt8] = []
    public private(set) var count = 0
    /// Reserved at the first append (a string table may never copy a byte).
    private let initialCapacity: Int

    public init(capacity: Int = 0) {
        initialCapacity = capacity
    }

    /// Appends `run` and returns the offset where it starts.
    @discardableResult
    public mutating func append(_ run: UnsafeRawBufferPointer) -> Int {
        let start = count, n = run.count
        guard n > 0, let source = run.baseAddress else { return start }
        if storage.count - start < n {
            if storage.capacity == 0 { storage.reserveCapacity(initialCapacity) }
            // Zeros from a `memset` array: appending `repeatElement(0, ...)` goes byte by byte.
            storage.append(contentsOf: [UInt8](repeating: 0, count: Swift.max(n, 1024)))
        }
        storage.withUnsafeMutableBytes { Self.copy(n, from: source, to: $0.baseAddress.unsafelyUnwrapped.advanced(by: start)) }
        count = start + n
        return start
    }

    /// Runs of 8 to 64 bytes (nearly every name) as 8-byte words, the last overlapping the
    /// ones before, without a call to `memcpy`.
    @inline(__always)
    private static func copy(_ n: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
        guard n >= 8, n <= 64 else { return target.copyMemory(from: source, byteCount: n) }
        var i = 0
        while i &+ 8 < n {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
    }

    /// The appended bytes as an array of their own length.
    public var array: [UInt8] { Array(storage[..<count]) }
}
