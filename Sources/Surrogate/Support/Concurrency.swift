import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ordered parallel map: results come back in input order whatever the scheduling, so
/// every parallel step of training stays deterministic.
enum Concurrency {
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `startOrder` (a permutation of 0..<count) is the order in which items are handed to
    /// workers: costly items first balance the threads better.
    static func map<R: Sendable>(count: Int, threads: Int, startOrder: [Int]? = nil, _ body: @Sendable (Int) -> R) -> [R] {
        guard count > 0 else { return [] }
        precondition(startOrder.map { $0.count == count } ?? true, "startOrder must list every item")
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let results = Mutex<[R?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= count { break }
                let i = startOrder?[k] ?? k
                let r = body(i)
                results.withLock { $0[i] = r }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
