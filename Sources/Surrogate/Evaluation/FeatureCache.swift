import ONNXNetSupport

/// A file of featurised, labelled architectures, so that repeated evaluations skip building
/// and featurising the same 15,625 + 20,001 networks. A cache written by another feature
/// version or setting is refused (the caller rebuilds it).
public enum FeatureCache {
    static let magic = Array("ONNXNETF".utf8)

    public static func write(_ pool: LabelledPool, config: FeatureConfig, to path: String) throws {
        var w = BinaryWriter()
        w.raw(magic)
        w.u32(GraphFeatures.version)
        w.int(config.hashBits); w.int(config.wlIterations); w.bool(config.wlChannels); w.int(config.tokenNGramOrder); w.int(config.pathLength)
        w.int(StructuralFeatures.count)
        w.string(pool.space)
        w.u32(UInt32(pool.count))
        for i in 0..<pool.count {
            w.string(pool.names[i])
            w.f64(pool.accuracies[i])
            let v = pool.features[i]
            w.f64s(v.dense)
            w.i32s(v.indices)
            w.f32s(v.values)
            w.f64(v.parameterCount)
            w.f64(v.multiplyAdds)
        }
        w.u32(CRC32.checksum(w.bytes[...]))
        try AtomicFile.write(w.bytes, to: path)
    }

    /// The pool in the cache at `path`, or nil when the file is missing, stale (other feature
    /// version or settings) or damaged.
    public static func read(path: String, config: FeatureConfig) -> LabelledPool? {
        guard let bytes = try? SurrogateModel.readFile(path), bytes.count > magic.count + 4,
              Array(bytes[0..<magic.count]) == magic else { return nil }
        var tail = BinaryReader(bytes, offset: bytes.count - 4)
        guard let crc = try? tail.u32("checksum"), crc == CRC32.checksum(bytes[0..<(bytes.count - 4)]) else { return nil }
        var r = BinaryReader(bytes, offset: magic.count, end: bytes.count - 4)
        do {
            guard try r.u32("version") == GraphFeatures.version,
                  try r.int("hash bits") == config.hashBits, try r.int("wl") == config.wlIterations,
                  try r.bool("wl channels") == config.wlChannels, try r.int("ngrams") == config.tokenNGramOrder, try r.int("paths") == config.pathLength,
                  try r.int("dense") == StructuralFeatures.count else { return nil }
            let space = try r.string("space")
            let n = Int(try r.u32("count"))
            var pool = LabelledPool(space: space, names: [], accuracies: [], features: [])
            for _ in 0..<n {
                pool.names.append(try r.string("name"))
                pool.accuracies.append(try r.f64("accuracy"))
                let dense = try r.f64s("dense"), indices = try r.i32s("indices"), values = try r.f32s("values")
                guard dense.count == StructuralFeatures.count, indices.count == values.count else { return nil }
                pool.features.append(FeatureVector(dense: dense, indices: indices, values: values,
                                                   parameterCount: try r.f64("params"), multiplyAdds: try r.f64("macs")))
            }
            return r.remaining == 0 ? pool : nil
        } catch {
            return nil
        }
    }
}
