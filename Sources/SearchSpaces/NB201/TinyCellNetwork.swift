/// The macro network shared by NAS-Bench-201 (`TinyNetwork`) and the NATS-Bench size space
/// (`DynamicShapeTinyNet`): a 3x3 stem (Conv + BN), three stages of `N` cells joined by two
/// ResNet basic blocks of stride 2, then BN + ReLU, global average pooling and a linear
/// classifier.
///
/// `channels` holds one entry per layer (3N + 2 of them): the stem and the first cell use
/// `channels[0]`; layer `k` turns `channels[k-1]` channels into `channels[k]`. NB201 is
/// `[16]*5 + [32]*6 + [64]*6` (C=16, N=5); the size space is the five numbers of its
/// configuration (N=1), so there a cell may change the channel count.
struct TinyCellNetwork: Sendable {
    let cell: NB201Cell
    let channels: [Int]
    let classes: Int
    let inputSize: Int

    init(cell: NB201Cell, channels: [Int], classes: Int = 10, inputSize: Int = 32) {
        precondition(channels.count % 3 == 2 && channels.allSatisfy { $0 > 0 }, "3N+2 positive channel counts")
        self.cell = cell
        self.channels = channels
        self.classes = classes
        self.inputSize = inputSize
    }

    /// Cells per stage.
    var cellsPerStage: Int { channels.count / 3 }

    /// Whether layer `k` is a ResNet reduction block (the layers after each stage).
    func isReduction(_ k: Int) -> Bool {
        let n = cellsPerStage
        return k == n || k == 2 * n + 1
    }

    /// NAS-Bench-201's network for a cell.
    static func nb201(_ cell: NB201Cell) -> TinyCellNetwork {
        TinyCellNetwork(cell: cell, channels: [Int](repeating: 16, count: 5) + [Int](repeating: 32, count: 6)
                            + [Int](repeating: 64, count: 6))
    }
}
