import Foundation
import ONNXModel
import ONNXProto

/// Turning command-line paths into model files and loaded models.
enum ModelFiles {
    /// Expands directories into their `.onnx` files (recursively, sorted), keeps files and `-`.
    static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            if p != "-", fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                guard let e = fm.enumerator(atPath: p) else { throw CommandFailure("cannot read directory \(p)") }
                var found: [String] = []
                while let f = e.nextObject() as? String {
                    if f.hasSuffix(".onnx") { found.append(p.hasSuffix("/") ? p + f : p + "/" + f) }
                }
                out += found.sorted()
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// Loads one model, turning any failure into a `CommandFailure` that names the file.
    static func load(_ path: String, io: CommandIO? = nil) throws -> Model {
        try decode(path, io: io) { try Model(decoding: $0) }
    }

    /// The same, read as a view (the encode path: no `Node` per node).
    static func loadView(_ path: String, io: CommandIO? = nil) throws -> ModelView {
        try decode(path, io: io) { try ModelView(decoding: $0) }
    }

    /// Decodes the bytes of one file (`-`: standard input, read once, or the captured input
    /// of tests), turning any failure into a `CommandFailure` that names the file.
    static func decode<T>(_ path: String, io: CommandIO?, _ body: (ByteStorage) throws -> T) throws -> T {
        do {
            if path == "-", let bytes = io?.stdinOverride {
                do { return try body(ByteStorage(copying: bytes)) } catch let e as ProtoDecodingError {
                    throw ModelIOError.decoding(path: "-", e)
                }
            }
            return try ModelLoader.decodeFile(path: path, body)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// Display name of a file: its base name without `.onnx`.
    static func displayName(_ path: String) -> String {
        if path == "-" { return "-" }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".onnx") ? String(base.dropLast(5)) : base
    }
}
