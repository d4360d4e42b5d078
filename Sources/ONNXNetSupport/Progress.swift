#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writes text to standard error (progress, warnings), never to standard output, so that
/// piped output stays clean.
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc_write2(2, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { break }
                off += n
            }
        }
    }
}

/// A thread-safe progress counter that prints `label: done/total` to stderr at most a few
/// times per second, and only when stderr is a terminal or `force` is set.
public final class ProgressReporter: Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let state = Mutex<(done: Int, lastPrint: Double)>((0, 0))

    public init(label: String, total: Int, enabled: Bool = isatty(2) != 0) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    public func advance(by n: Int = 1) {
        guard enabled else { return }
        let line: String? = state.withLock { s in
            s.done += n
            let now = Self.now()
            guard now - s.lastPrint > 0.2 || s.done == total else { return nil }
            s.lastPrint = now
            return "\r\(label): \(s.done)/\(total)"
        }
        if let line { StandardError.write(line) }
    }

    public func finish() {
        guard enabled else { return }
        StandardError.write("\n")
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Monotonic wall-clock seconds, for benchmarks.
public func monotonicSeconds() -> Double { ProgressReporter.now() }

@inline(__always)
private func Glibc_write2(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
