import Dispatch
import NetworkBuilder
import Synchronization

extension NB201Space {
    /// The generation benchmark: builds the graph of every cell in memory (official index
    /// order, split over `workers` threads) and returns how many graphs and nodes were made.
    /// The budget is 5 s for a release build on 2 cores.
    public func generateAll(weights: WeightMode = .shapesOnly, workers: Int) throws -> (graphs: Int, nodes: Int) {
        let threads = max(1, workers)
        let totals = Mutex<(graphs: Int, nodes: Int, error: SearchSpaceError?)>((0, 0, nil))
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var graphs = 0, nodes = 0
            var failure: SearchSpaceError?
            for index in stride(from: worker, to: NB201Cell.count, by: threads) {
                do {
                    let network = TinyCellNetwork.nb201(NB201OfficialIndex.cell(at: index))
                    nodes += try network.model(weights: weights).graph.nodes.count
                    graphs += 1
                } catch {
                    failure = SearchSpaceError(space: Self.id, "cell \(index): \(error)")
                    break
                }
            }
            totals.withLock { $0.graphs += graphs; $0.nodes += nodes; $0.error = $0.error ?? failure }
        }
        let result = totals.withLock { $0 }
        if let error = result.error { throw error }
        return (result.graphs, result.nodes)
    }
}
