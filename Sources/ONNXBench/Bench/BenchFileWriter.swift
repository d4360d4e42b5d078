import ONNXModel
import ONNXNetSupport

/// Writes bench files atomically (temporary file, then rename: a reader never sees a
/// partial file) but without a per-file fsync: for 15,625 files that would cost a minute.
/// Durability comes from one `sync()` when a build or import finishes; a crash before it can
/// only leave files that fail the next run's finished-check, which rewrites them.
enum BenchFileWriter {
    static func save(_ model: Model, to path: String) throws {
        do {
            try AtomicFile.write(model.serialized(), to: path, durable: false)
        } catch let e as FileWriteError {
            throw BenchError.io(path: path, message: "cannot write: " + e.reason)
        }
    }

    static func flush() { AtomicFile.flushAll() }
}
