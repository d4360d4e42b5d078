import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ordered parallel map over worker threads: results come back in input order whatever the
/// scheduling, so parallel output (files, tables, trained models) stays deterministic. The
/// one implementation behind every parallel loop of the package.
public enum ParallelMap {
    /// Online processors (the default worker count).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `body(i)` for every i in 0..<count on at most `jobs` threads. `startOrder` (a
    /// permutation of 0..<count) is the order items are handed out in: costly ones first
    /// balance the threads better. `progress` advances once per item and is finished.
    public static func indices<R: Sendable>(_ count: Int, jobs: Int, startOrder: [Int]? = nil,
                                            progress: ProgressReporter? = nil,
                                            _ body: @Sendable (Int) -> R) -> [R] {
        precondition(startOrder.map { $0.count == count } ?? true, "startOrder must list every item")
        defer { progress?.finish() }
        guard count > 0 else { return [] }
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            var out = [R?](repeating: nil, count: count)
            for k in 0..<count {
                let i = startOrder?[k] ?? k
                out[i] = body(i)
                progress?.advance()
            }
            return out.map { $0! }
        }
        let results = Mutex<[R?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= count { break }
                let i = startOrder?[k] ?? k
                let r = body(i)
                results.withLock { $0[i] = r }
                progress?.advance()
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// `body(item)` for every item, results in input order.
    public static func run<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, progress: ProgressReporter? = nil,
                                                     _ body: @Sendable (T) -> R) -> [R] {
        indices(items.count, jobs: jobs, progress: progress) { body(items[$0]) }
    }
}
