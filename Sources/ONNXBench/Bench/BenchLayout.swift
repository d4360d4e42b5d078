/// The on-disk layout of a bench directory (what `bench build` and `bench import` write and
/// what the official ONNX-Bench looks like: one ONNX file per architecture, accuracy as the
/// first metadata entry):
///
///     DIR/index.csv              name,space,notation,accuracy,source,file,surrogate_label
///     DIR/<space>/<name>.onnx    one file per labelled architecture
///     DIR/encodings.csv          (only after importing a reference CSV) rows that have an
///                                encoding but no graph, in the reference schema
///
/// Files are written atomically, so a file that exists is complete; the index is rewritten
/// from the files on disk at the end of every run.
public enum BenchLayout {
    public static let indexFileName = "index.csv"
    /// Reference-schema rows imported without a graph.
    public static let encodingsFileName = "encodings.csv"
    public static let modelExtension = ".onnx"

    public static func relativePath(space: String, name: String) -> String {
        space + "/" + name + modelExtension
    }

    public static func indexPath(_ directory: String) -> String { join(directory, indexFileName) }
    public static func encodingsPath(_ directory: String) -> String { join(directory, encodingsFileName) }

    static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// Whether `name` is usable as a file stem: ASCII letters, digits, `-`, `_`, `.`, `=`, not
    /// starting with a dot, at most 200 bytes.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 200, name.first != "." else { return false }
        return name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3D
        }
    }

    /// When `fileName` is a temporary file of `AtomicFile` (`.<target>.tmp.<pid>.<random>`),
    /// the writer's process id (0 when unreadable); nil for any other file.
    static func temporaryFileWriter(_ fileName: String) -> Int32? {
        guard fileName.hasPrefix(".") else { return nil }
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[parts.count - 3] == "tmp", UInt32(parts[parts.count - 1]) != nil else { return nil }
        return Int32(parts[parts.count - 2]) ?? 0
    }
}
