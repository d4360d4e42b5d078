#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A resource bundle that is nowhere to be found: says every place that was searched.
public struct ResourceLocatorError: Error, Equatable, Sendable, CustomStringConvertible {
    public let bundle: String
    public let searched: [String]

    public var description: String {
        "resource bundle \(bundle).resources not found (it must lie next to the onnxnet executable, "
            + "or in the directory named by $\(ResourceLocator.environmentVariable)); searched: "
            + searched.joined(separator: ", ")
    }
}

/// Finds a SwiftPM resource bundle without SwiftPM's generated `Bundle.module`, which calls
/// `fatalError` when the bundle is missing (e.g. when the binary was copied elsewhere). Looks
/// where SwiftPM puts it (next to the executable, which for `swift test` is the `.xctest`
/// binary inside the build directory) and where the caller says, and throws otherwise.
public enum ResourceLocator {
    /// A directory that holds `<bundle>.resources` folders (for installs that keep the
    /// resources apart from the binary).
    public static let environmentVariable = "ONNXNET_RESOURCES"

    /// The path of `<bundle>.resources`, the first candidate that contains `required` (a path
    /// relative to the bundle, e.g. `Resources/table.bin`). Candidates, in order:
    /// `$ONNXNET_RESOURCES/<bundle>.resources`, the directory of the running executable (the
    /// symlink-resolved one and the one it was started as), then `fallbacks` as given (full
    /// paths of directories that stand in for the bundle, e.g. the source folder).
    public static func directory(bundle: String, containing required: String, fallbacks: [String] = [])
        throws(ResourceLocatorError) -> String
    {
        var candidates: [String] = []
        if let root = getenv(environmentVariable).map({ String(cString: $0) }), !root.isEmpty {
            candidates.append(root + "/" + bundle + ".resources")
        }
        for dir in executableDirectories() { candidates.append(dir + "/" + bundle + ".resources") }
        candidates += fallbacks
        var searched: [String] = []
        for candidate in candidates where !searched.contains(candidate) {
            searched.append(candidate)
            if access(candidate + "/" + required, R_OK) == 0 { return candidate }
        }
        throw ResourceLocatorError(bundle: bundle, searched: searched)
    }

    /// Directories the running executable lives in: the resolved `/proc/self/exe` and the
    /// directory of `argv[0]` (which differs when the binary is started through a symlink).
    static func executableDirectories() -> [String] {
        var dirs: [String] = []
        var buffer = [Int8](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let dir = parent(of: path) { dirs.append(dir) }
        }
        if let first = CommandLine.arguments.first, first.contains("/"), let dir = parent(of: first) {
            dirs.append(dir)
        }
        return dirs
    }

    static func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
