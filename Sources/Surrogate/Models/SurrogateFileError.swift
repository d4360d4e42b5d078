/// Why a surrogate model file could not be read.
public enum SurrogateFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case notASurrogateFile
    case unsupportedVersion(found: UInt32, supported: UInt32)
    case checksumMismatch
    case truncated(offset: Int, reading: String)
    case invalid(offset: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "cannot read surrogate file \(path): \(reason)"
        case .notASurrogateFile: return "not an ONNXNet surrogate file (bad magic number)"
        case let .unsupportedVersion(found, supported):
            return "surrogate file format version \(found) is not supported (this build reads version \(supported))"
        case .checksumMismatch: return "surrogate file is damaged (checksum mismatch)"
        case let .truncated(offset, what): return "surrogate file is truncated at byte \(offset) (reading \(what))"
        case let .invalid(offset, reason): return "surrogate file is invalid at byte \(offset): \(reason)"
        }
    }
}
