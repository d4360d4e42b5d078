/// Why simplification refused to run.
public enum SimplifyError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidOption(String)

    public var description: String {
        switch self {
        case .invalidOption(let why): return "invalid simplify option: \(why)"
        }
    }
}
