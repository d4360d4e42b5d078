#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ONNXProto

/// Follows a tensor's external-data reference, only when asked, and never to a file outside
/// the model's folder (a hostile model must not make us read `/etc/passwd`).
public enum ExternalData {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case notExternal(String)
        case missingLocation(String)
        case outsideModelFolder(String)
        case unreadable(String, String)
        case rangeOutOfFile(String)
        public var description: String {
            switch self {
            case .notExternal(let n): return "tensor \(n) has no external data"
            case .missingLocation(let n): return "tensor \(n) names no external location"
            case .outsideModelFolder(let p): return "external data path \(p) leaves the model's folder"
            case let .unreadable(p, why): return "cannot read external data \(p): \(why)"
            case .rangeOutOfFile(let p): return "external data range lies outside \(p)"
            }
        }
    }

    /// Returns the payload bytes of `tensor`, reading from `modelDirectory`.
    public static func load(_ tensor: Tensor, modelDirectory: String) throws -> ByteSlice {
        guard tensor.isExternal else { throw Failure.notExternal(tensor.name) }
        func value(_ k: String) -> String? { tensor.externalData.first { $0.key == k }?.value }
        guard let location = value("location"), !location.isEmpty else { throw Failure.missingLocation(tensor.name) }
        let components = location.split(separator: "/", omittingEmptySubsequences: true)
        if location.hasPrefix("/") || location.contains("\\") || components.contains("..") {
            throw Failure.outsideModelFolder(location)
        }
        let path = modelDirectory + "/" + location
        // Resolve symbolic links too: the real file must stay inside the real folder.
        guard let realDir = realpath(modelDirectory, nil) else { throw Failure.unreadable(modelDirectory, "no such folder") }
        defer { free(realDir) }
        guard let realFile = realpath(path, nil) else { throw Failure.unreadable(path, String(cString: strerror(errno))) }
        defer { free(realFile) }
        let dirText = String(cString: realDir), fileText = String(cString: realFile)
        guard fileText.hasPrefix(dirText.hasSuffix("/") ? dirText : dirText + "/") else { throw Failure.outsideModelFolder(location) }
        let storage = try ModelLoader.map(path: fileText)
        let offset = Int(value("offset") ?? "0") ?? -1
        let length = value("length").flatMap { Int($0) } ?? (storage.count - max(offset, 0))
        guard offset >= 0, length >= 0, offset <= storage.count, length <= storage.count - offset else {
            throw Failure.rangeOutOfFile(location)
        }
        return ByteSlice(storage: storage, offset: offset, count: length)
    }
}
