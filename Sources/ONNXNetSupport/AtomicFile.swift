#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors from writing files.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary
/// file in the same directory, are flushed, and the temporary is renamed over the target
/// (rename is atomic within one file system).
///
/// `durable: false` skips the per-file `fsync` (about 4 ms each here): for writers of many
/// files that call `flushAll()` once at the end and re-check their files on the next run.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws {
        try bytes.withUnsafeBytes { try write(UnsafeRawBufferPointer($0), to: path, durable: durable) }
    }

    public static func write(_ text: String, to path: String, durable: Bool = true) throws {
        try write(Array(text.utf8), to: path, durable: durable)
    }

    /// Flushes everything written so far to disk (one `sync()` for many non-durable writes).
    public static func flushAll() { sync() }

    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String, durable: Bool = true) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(base).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, reason: errnoText()) }
        var offset = 0
        while offset < buffer.count {
            let n = Glibc_write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd); unlink(tmp)
                throw FileWriteError(path: path, reason: reason)
            }
            offset += n
        }
        if durable, fsync(fd) != 0 {
            let reason = errnoText()
            close(fd); unlink(tmp)
            throw FileWriteError(path: path, reason: reason)
        }
        close(fd)
        if rename(tmp, path) != 0 {
            let reason = errnoText()
            unlink(tmp)
            throw FileWriteError(path: path, reason: reason)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
