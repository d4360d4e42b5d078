#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ONNXProto
import ONNXNetSupport

/// Why a model could not be loaded or saved.
public enum ModelIOError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case notAFile(path: String)
    case decoding(path: String, ProtoDecodingError)
    case emptyFile(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open \(path): \(reason)"
        case let .notAFile(path): return "\(path) is not a regular file"
        case let .decoding(path, e): return "\(path): not a valid ONNX model: \(e)"
        case let .emptyFile(path): return "\(path): empty file"
        }
    }
}

/// Loads and saves `.onnx` files. Files are memory-mapped, so opening a large model costs
/// little until tensor payloads are read.
public enum ModelLoader {
    /// Loads a model from `path`; `-` reads standard input.
    public static func load(path: String, options: ProtoDecodingOptions = .init()) throws -> Model {
        try decodeFile(path: path) { try Model(decoding: $0, options: options) }
    }

    /// Maps the file at `path` (or reads standard input for `-`, once) and decodes it, naming
    /// the path in the errors; shared by `load`, `loadView` and callers that decode one file's
    /// bytes in more than one way.
    public static func decodeFile<T>(path: String, _ decode: (ByteStorage) throws -> T) throws -> T {
        let storage = try path == "-" ? readStandardInput() : map(path: path)
        if storage.count == 0 { throw ModelIOError.emptyFile(path: path) }
        do {
            return try decode(storage)
        } catch let e as ProtoDecodingError {
            throw ModelIOError.decoding(path: path, e)
        }
    }

    /// Maps a file read-only. The mapping lives as long as any slice into it.
    public static func map(path: String) throws -> ByteStorage {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ModelIOError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ModelIOError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw ModelIOError.notAFile(path: path) }
        let size = Int(st.st_size)
        if size == 0 { return ByteStorage(copying: []) }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw ModelIOError.cannotOpen(path: path, reason: "mmap: " + String(cString: strerror(errno)))
        }
        return ByteStorage(base: UnsafeRawPointer(p), count: size) { ptr, n in
            if let ptr { munmap(UnsafeMutableRawPointer(mutating: ptr), n) }
        }
    }

    /// Reads all of standard input (it cannot be mapped).
    public static func readStandardInput() throws -> ByteStorage {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ModelIOError.cannotOpen(path: "-", reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ByteStorage(copying: bytes)
    }

    /// Writes a model atomically (a reader never sees a half-written file).
    public static func save(_ model: Model, to path: String) throws {
        try AtomicFile.write(model.serialized(), to: path)
    }
}
