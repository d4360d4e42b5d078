import ONNXNetSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: the process's stdout/stderr, or buffers that tests read.
public final class CommandIO: Sendable {
    private let sink: Mutex<(out: [UInt8], err: [UInt8])> = Mutex(([], []))
    private let captures: Bool
    /// Standard input bytes for tests (nil: the real stdin).
    public let stdinOverride: [UInt8]?

    private init(captures: Bool, stdin: [UInt8]?) {
        self.captures = captures
        self.stdinOverride = stdin
    }

    /// Writes to the real standard output and error.
    public static func standard() -> CommandIO { CommandIO(captures: false, stdin: nil) }
    /// Keeps everything in memory (for tests).
    public static func capturing(stdin: [UInt8]? = nil) -> CommandIO { CommandIO(captures: true, stdin: stdin) }

    public func out(_ text: String) {
        if captures { sink.withLock { $0.out += Array(text.utf8) } } else { Self.writeAll(1, text) }
    }

    /// Raw bytes to standard output (a model written to a pipe).
    public func outBytes(_ bytes: [UInt8]) {
        if captures { sink.withLock { $0.out += bytes } } else { Self.writeAll(1, bytes) }
    }

    public func err(_ text: String) {
        if captures { sink.withLock { $0.err += Array(text.utf8) } } else { StandardError.write(text) }
    }

    public var capturedOut: String { sink.withLock { String(decoding: $0.out, as: UTF8.self) } }
    public var capturedOutBytes: [UInt8] { sink.withLock { $0.out } }
    public var capturedErr: String { sink.withLock { String(decoding: $0.err, as: UTF8.self) } }

    /// Whether progress lines should be drawn (only on a terminal).
    public var showsProgress: Bool { !captures && isatty(2) != 0 }

    private static func writeAll(_ fd: Int32, _ text: String) { writeAll(fd, Array(text.utf8)) }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var bytes = bytes
        bytes.withUnsafeMutableBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                off += n
            }
        }
    }
}
