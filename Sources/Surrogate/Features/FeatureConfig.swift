/// Which features `GraphFeatures` computes. Stored in the model file, so that a saved
/// surrogate featurises new models exactly as it was trained.
public struct FeatureConfig: Sendable, Equatable, Hashable {
    /// The hashed features live in 2^hashBits slots.
    public var hashBits: Int
    /// Weisfeiler-Lehman rounds (0 = operator counts only); negative turns the family off.
    public var wlIterations: Int
    /// Also run WL with output channels in the vertex labels.
    public var wlChannels: Bool
    /// Longest token n-gram of the chain_slim text (0 = no text features).
    public var tokenNGramOrder: Int
    /// Longest chain of operations counted along graph paths (0 = no path features).
    public var pathLength: Int

    public init(hashBits: Int = 16, wlIterations: Int = 3, wlChannels: Bool = false, tokenNGramOrder: Int = 0,
                pathLength: Int = 4) {
        self.hashBits = hashBits
        self.wlIterations = wlIterations
        self.wlChannels = wlChannels
        self.tokenNGramOrder = tokenNGramOrder
        self.pathLength = pathLength
    }

    public static let `default` = FeatureConfig()

    public var hashedDimension: Int { 1 << hashBits }

    /// Bounds that keep a model file from asking for absurd allocations.
    var isValid: Bool {
        (8...22).contains(hashBits) && (-1...8).contains(wlIterations) && (0...6).contains(tokenNGramOrder)
            && (0...8).contains(pathLength)
    }
}
