import Foundation
import ONNXNetSupport
@testable import ONNXNetCLI

/// What every CLI test needs: run the CLI in-process with captured output, and the paths of
/// the bundled examples.
enum CLITest {
    static func run(_ args: [String], stdin: [UInt8]? = nil) -> (code: Int32, out: String, err: String) {
        let io = CommandIO.capturing(stdin: stdin)
        let code = ONNXNetCLI.run(args, io: io)
        return (code, io.capturedOut, io.capturedErr)
    }

    /// The repository's `Examples/` folder.
    static var examples: String {
        var dir = #filePath
        for _ in 0..<3 { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
        return dir + "/Examples"
    }

    /// A fresh, empty folder under the temporary directory (the caller removes it).
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
