import ONNXModel

/// Losses, detection and sampling operators, Det, string operators.
enum MiscellaneousRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["Det"], since: 11, det)
        r.add(["NegativeLogLikelihoodLoss"], since: 12, negativeLogLikelihoodLoss)
        r.add(["SoftmaxCrossEntropyLoss"], since: 12, softmaxCrossEntropyLoss)
        r.add(["GridSample"], since: 16, gridSample)
        r.add(["AffineGrid"], since: 20, affineGrid)
        r.add(["RoiAlign"], since: 10, roiAlign)
        r.add(["NonMaxSuppression"], since: 10, CommonRules.versioned([(10, nonMaxSuppression10), (11, nonMaxSuppression)]))
        r.add(["Col2Im"], since: 18, col2Im)
        r.add(["StringNormalizer"], since: 10, stringNormalizer)
        r.add(["TfIdfVectorizer"], since: 9, tfIdfVectorizer)
        r.add(["RegexFullMatch"], since: 20, regexFullMatch)
        r.add(["StringConcat"], since: 20, CommonRules.broadcastBinary)
        r.add(["StringSplit"], since: 20, stringSplit)
        r.add(["ImageDecoder"], since: 20, imageDecoder)
        return r
    }()

    /// The batch dims of a stack of square matrices.
    static let det: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        let r = s.rank
        guard r >= 2 else { throw InferenceFailure("Det input must have rank >= 2") }
        if let w = s.dims[r - 1].fixedValue, let h = s.dims[r - 2].fixedValue, w != h {
            throw InferenceFailure("Det matrices must be square")
        }
        c.setShape(Array(s.dims[0..<(r - 2)]), output: 0)
    }

    /// (N, d1, ...) with reduction "none", a scalar otherwise.
    static let negativeLogLikelihoodLoss: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let t = c.inputShape(1) else { return }
        let r = x.rank
        guard r >= 2 else { throw InferenceFailure("input must have rank >= 2") }
        guard t.rank == r - 1 else { throw InferenceFailure("target rank must be one less than the input's") }
        for d in 0..<t.rank {
            let xd = d == 0 ? x.dims[0] : x.dims[d + 1]
            if let a = xd.fixedValue, let b = t.dims[d].fixedValue, a != b { throw InferenceFailure("input and target dims differ") }
        }
        if c.inputCount == 3, let w = c.inputShape(2), w.rank != 1 { throw InferenceFailure("weight must be 1-D") }
        var dims: [Dimension] = []
        if c.string("reduction", default: "mean") == "none" {
            for i in 0..<(r - 1) { dims.append(i == 0 ? x.dims[0] : x.dims[i + 1]) }
        }
        c.setShape(dims, output: 0)
    }

    /// Loss like the labels (reduction "none") or a scalar; optional log_prob like the scores.
    static let softmaxCrossEntropyLoss: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if c.string("reduction", default: "mean") == "none" {
            if c.inputShape(1) != nil { try c.propagateShape(from: 1, to: 0) }
        } else {
            c.setShape([Dimension](), output: 0)
        }
        if c.outputCount == 2 {
            try c.propagateElementType(from: 0, to: 1)
            try c.propagateShape(from: 0, to: 1)
        }
    }

    /// (N, C, grid spatial dims).
    static let gridSample: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let g = c.inputShape(1) else { return }
        guard x.rank == g.rank else { throw InferenceFailure("input and grid ranks differ") }
        let n = x.rank
        guard n >= 3 else { throw InferenceFailure("GridSample inputs must have rank >= 3") }
        if let last = g.dims[n - 1].fixedValue, last != Int64(n - 2) { throw InferenceFailure("grid's last dim must be rank - 2") }
        var batch = Dimension.unknown
        try TypeMerging.mergeDimension(x.dims[0], into: &batch)
        try TypeMerging.mergeDimension(g.dims[0], into: &batch)
        var channels = Dimension.unknown
        try TypeMerging.mergeDimension(x.dims[1], into: &channels)
        var dims = [batch, channels]
        for i in 0..<(n - 2) {
            var d = Dimension.unknown
            try TypeMerging.mergeDimension(g.dims[1 + i], into: &d)
            dims.append(d)
        }
        c.setShape(dims, output: 0)
    }

    static let affineGrid: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard c.inputShape(0) != nil else { return }
        if let s = c.inputShape(1), s.rank != 1 { throw InferenceFailure("size must be 1-D") }
        guard let size = try c.shapeInput(1) else { return }
        switch size.count {
        case 4: c.setShape([size[0], size[2], size[3], .fixed(2)], output: 0)
        case 5: c.setShape([size[0], size[2], size[3], size[4], .fixed(3)], output: 0)
        default: throw InferenceFailure("size must have 4 or 5 elements")
        }
    }

    /// (num_rois, C, output_height, output_width).
    static let roiAlign: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        for (i, rank) in [(0, 4), (1, 2), (2, 1)] {
            if let s = c.inputShape(i), s.rank != rank { throw InferenceFailure("RoiAlign input has the wrong rank") }
        }
        var rois = Dimension.unknown, channels = Dimension.unknown
        if let x = c.inputShape(0) { try TypeMerging.mergeDimension(x.dims[1], into: &channels) }
        if let r = c.inputShape(1) { try TypeMerging.mergeDimension(r.dims[0], into: &rois) }
        if let b = c.inputShape(2) { try TypeMerging.mergeDimension(b.dims[0], into: &rois) }
        c.setShape([rois, channels, .fixed(c.int("output_height", default: 1)), .fixed(c.int("output_width", default: 1))], output: 0)
    }

    static let nonMaxSuppression10: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.int64, output: 0)
    }

    /// (number of selected boxes, 3).
    static let nonMaxSuppression: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.int64, output: 0)
        c.setShape([Dimension.unknown, .fixed(3)], output: 0)
    }

    static let col2Im: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let imageShapeShape = c.inputShape(1), let blockShapeShape = c.inputShape(2) else { return }
        var n = Dimension.unknown
        guard imageShapeShape.rank > 0, blockShapeShape.rank > 0 else { throw InferenceFailure("Col2Im shapes must be 1-D") }
        try TypeMerging.mergeDimension(imageShapeShape.dims[0], into: &n)
        try TypeMerging.mergeDimension(blockShapeShape.dims[0], into: &n)
        guard imageShapeShape.rank == 1, blockShapeShape.rank == 1 else { throw InferenceFailure("Col2Im shapes must be 1-D") }
        var image: [Int64] = []
        if let t = c.inputData(1) {
            image = try ConstantData.int64s(t)
            try TypeMerging.mergeDimension(.fixed(Int64(image.count)), into: &n)
        }
        if let p = c.ints("pads") {
            guard p.count % 2 == 0 else { throw InferenceFailure("pads must have an even length") }
            try TypeMerging.mergeDimension(.fixed(Int64(p.count / 2)), into: &n)
        }
        if let d = c.ints("dilations") { try TypeMerging.mergeDimension(.fixed(Int64(d.count)), into: &n) }
        if let s = c.ints("strides") { try TypeMerging.mergeDimension(.fixed(Int64(s.count)), into: &n) }
        guard x.rank == 3 else { throw InferenceFailure("Col2Im input must be 3-D") }
        var block: [Int64] = []
        if let t = c.inputData(2) {
            block = try ConstantData.int64s(t)
            try TypeMerging.mergeDimension(.fixed(Int64(block.count)), into: &n)
        }
        var blockSize: Int32 = 0
        if !block.isEmpty {
            blockSize = 1
            for b in block { blockSize = blockSize &* Int32(truncatingIfNeeded: b) }
        }
        guard let spatial = n.fixedValue, spatial >= 0, spatial <= 64 else { return }
        var dims: [Dimension] = [x.dims[0].fixedValue != nil ? x.dims[0] : .unknown]
        dims.append(blockSize > 0 ? x.dims[1] / Int64(blockSize) : .unknown)
        for i in 0..<Int(spatial) { dims.append(i < image.count ? .fixed(image[i]) : .unknown) }
        c.setShape(dims, output: 0)
    }

    static let stringNormalizer: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.string, output: 0)
        guard let s = c.inputShape(0) else { return }
        switch s.rank {
        case 1: c.setShape([Dimension.unknown], output: 0)
        case 2:
            guard s.dims[0].fixedValue == 1 else { throw InferenceFailure("StringNormalizer input must be [C] or [1, C]") }
            c.setShape([s.dims[0], .unknown], output: 0)
        default: throw InferenceFailure("StringNormalizer input must be [C] or [1, C]")
        }
    }

    static let tfIdfVectorizer: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.float, output: 0)
        guard let s = c.inputShape(0) else { return }
        let indexes = c.ints("ngram_indexes") ?? []
        guard !indexes.isEmpty, indexes.allSatisfy({ $0 >= 0 }) else { throw InferenceFailure("ngram_indexes must be non-empty and non-negative") }
        let width = indexes.max()! &+ 1
        switch s.rank {
        case 1: c.setShape([.fixed(width)], output: 0)
        case 2: c.setShape([s.dims[0], .fixed(width)], output: 0)
        default: throw InferenceFailure("TfIdfVectorizer input must have rank 1 or 2")
        }
    }

    static let regexFullMatch: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.bool, output: 0)
        try c.propagateShape(from: 0, to: 0)
    }

    /// Substrings: the input's shape plus an unknown last dim; lengths: the input's shape.
    static let stringSplit: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let x = c.inputType(0), let s = x.shape, x.elementType == .string else { return }
        c.setElementType(.string, output: 0)
        c.setShape(s.dims + [Dimension.unknown], output: 0)
        if c.outputCount > 1 {
            c.setElementType(.int64, output: 1)
            c.setShape(s, output: 1)
        }
    }

    /// A uint8 image of unknown height, width and channels.
    static let imageDecoder: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if let s = c.inputShape(0), s.rank != 1 { throw InferenceFailure("ImageDecoder input must be 1-D") }
        c.setElementType(.uint8, output: 0)
        c.setShape([Dimension.unknown, .unknown, .unknown], output: 0)
    }
}
