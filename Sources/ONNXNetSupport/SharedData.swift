#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Locates the read-only `../shared` folder next to the package (specs and golden examples).
/// Tests use it only to compare against goldens and skip when it returns nil.
public enum SharedData {
    /// `filePath` is any source file of the package (pass `#filePath`).
    public static func root(from filePath: String = #filePath) -> String? {
        var dir = filePath
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            if dir.isEmpty { break }
            if access(dir + "/Package.swift", F_OK) == 0 {
                let shared = dir + "/../shared"
                return access(shared + "/spec", F_OK) == 0 ? shared : nil
            }
        }
        return nil
    }
}
