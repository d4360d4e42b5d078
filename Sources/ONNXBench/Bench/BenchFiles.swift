import Foundation
import ONNXNetSupport

/// File-system chores of a bench directory.
enum BenchFiles {
    static func makeDirectory(_ path: String) throws(BenchError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, message: "cannot create directory (\(error.localizedDescription))")
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Entries of a directory, sorted (empty when it cannot be read).
    static func contents(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The space folders of a bench: subdirectories whose name is usable as a space id.
    static func spaceFolders(_ directory: String) -> [String] {
        contents(directory).filter { BenchLayout.isValidName($0) && isDirectory(BenchLayout.join(directory, $0)) }
    }

    /// Removes temporary files left by interrupted writes in the bench root and its space
    /// folders. A temporary file is stale when its writer is gone: its process id is not a
    /// live process here (or is ours from an earlier failed write) and it is more than a few
    /// seconds old, which spares a concurrent shard on another machine sharing the folder
    /// (its files live for milliseconds). Returns how many were removed.
    static func removeStaleTemporaryFiles(in directory: String, minimumAge: Double = 5) -> Int {
        var removed = 0
        let now = Date()
        for folder in [directory] + spaceFolders(directory).map({ BenchLayout.join(directory, $0) }) {
            for entry in contents(folder) {
                guard let pid = BenchLayout.temporaryFileWriter(entry) else { continue }
                let path = BenchLayout.join(folder, entry)
                if pid > 0, pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
                if let modified, now.timeIntervalSince(modified) < minimumAge { continue }
                if unlink(path) == 0 { removed += 1 }
            }
        }
        return removed
    }
}

extension BenchFiles {
    /// Hidden folder `bench import` stages its files in (`.import-staging-<pid>`).
    static let stagingPrefix = ".import-staging-"

    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes staging folders of imports whose process is gone (interrupted imports).
    static func removeStaleStagingFolders(in directory: String) {
        for entry in contents(directory) where entry.hasPrefix(stagingPrefix) {
            guard let pid = Int32(entry.dropFirst(stagingPrefix.count)) else { continue }
            if pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            removeTree(join(directory, entry))
        }
    }

    private static func join(_ a: String, _ b: String) -> String { BenchLayout.join(a, b) }
}
