import Dispatch
import ONNXNetSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

enum ProcessInfoCores {
    static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// Maps items over worker threads and returns results in input order (stable output
/// whatever the scheduling).
enum ParallelMap {
    static func run<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, progress: ProgressReporter? = nil,
                                              _ body: @Sendable (T) -> R) -> [R] {
        let n = items.count
        let results = Mutex<[R?]>(Array(repeating: nil, count: n))
        let next = Atomic<Int>(0)
        let workers = max(1, min(jobs, n))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= n { break }
                let r = body(items[i])
                results.withLock { $0[i] = r }
                progress?.advance()
            }
        }
        progress?.finish()
        return results.withLock { $0.map { $0! } }
    }
}
