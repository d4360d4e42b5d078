/// Parameter and multiply-add counts of the PyTorch `NetworkCIFAR`, from the architecture
/// alone (the ONNX graph cannot give them: its BatchNorms are folded into convolutions).
extension DARTSNetwork {
    /// Trainable parameters as declared: convolution weights (no biases in DARTS), BatchNorm
    /// scale and shift, the classifier's weight and bias. With `operationBatchNormAffine`
    /// false, the BatchNorms inside cell operations (SepConv, DilConv, the reduction cell's
    /// FactorizedReduce skip) are left out: that is how NASLib's published `params` for
    /// NAS-Bench-301 counts them. Stem and preprocessing BatchNorms always count.
    public func trainableParameters(operationBatchNormAffine: Bool = false) -> Int {
        let opBN = operationBatchNormAffine ? 2 : 0
        var total = 0
        let stem = Self.stemMultiplier * channels
        total += 3 * stem * 3 * 3 + 2 * stem
        for plan in cellPlans() {
            let c = plan.channels
            total += plan.reductionPrevious
                ? 2 * plan.inputChannels.0 * (c / 2) + 2 * c       // FactorizedReduce
                : plan.inputChannels.0 * c + 2 * c                  // ReLUConvBN 1x1
            total += plan.inputChannels.1 * c + 2 * c
            for edge in (plan.reduction ? genotype.reduce : genotype.normal).edges {
                let k = edge.operation.kernel ?? 0
                switch edge.operation {
                case .maxPool3x3, .avgPool3x3: break
                case .skipConnect:
                    if plan.reduction && edge.input < 2 { total += 2 * c * (c / 2) + opBN * c }
                case .sepConv3x3, .sepConv5x5: total += 2 * (c * k * k + c * c) + 2 * opBN * c
                case .dilConv3x3, .dilConv5x5: total += c * k * k + c * c + opBN * c
                }
            }
        }
        total += finalChannels * classes + classes
        return total
    }

    /// Multiply-adds of all convolutions and the classifier for one `imageSize` x `imageSize`
    /// image, counting every module the forward pass runs (also preprocessing whose result
    /// no edge reads).
    public func multiplyAdds(imageSize: Int = 32) -> Int {
        // One output pixel of a k x k convolution costs k*k*inPerGroup multiply-adds per channel.
        func conv(_ inPerGroup: Int, _ out: Int, _ k: Int, _ outSize: Int) -> Int { inPerGroup * out * k * k * outSize * outSize }
        let stem = Self.stemMultiplier * channels
        var total = conv(3, stem, 3, imageSize)
        for plan in cellPlans(imageSize: imageSize) {
            let c = plan.channels
            let (size0, size1) = plan.inputSize
            let sizeOut = plan.reduction ? (size1 + 1) / 2 : size1
            // Preprocessing brings input 0 to input 1's size (FactorizedReduce after a reduction).
            total += plan.reductionPrevious
                ? 2 * conv(plan.inputChannels.0, c / 2, 1, (size0 + 1) / 2)
                : conv(plan.inputChannels.0, c, 1, size0)
            total += conv(plan.inputChannels.1, c, 1, size1)
            for edge in (plan.reduction ? genotype.reduce : genotype.normal).edges {
                // Every operation of a cell outputs the cell's output size.
                let out = sizeOut
                let k = edge.operation.kernel ?? 0
                switch edge.operation {
                case .maxPool3x3, .avgPool3x3: break
                case .skipConnect:
                    if plan.reduction && edge.input < 2 { total += 2 * conv(c, c / 2, 1, out) }
                case .sepConv3x3, .sepConv5x5:
                    total += 2 * (conv(1, c, k, out) + conv(c, c, 1, out))
                case .dilConv3x3, .dilConv5x5:
                    total += conv(1, c, k, out) + conv(c, c, 1, out)
                }
            }
        }
        total += finalChannels * classes
        return total
    }
}
