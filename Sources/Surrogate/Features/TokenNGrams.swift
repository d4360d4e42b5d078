/// Hashed token n-grams of an ONNX-Net text encoding (`chain_slim`): the paper's model reads
/// this text; counting its short token sequences gives a linear model the same vocabulary.
/// Value numbers (`Value12`) only say where a value was defined, so they are dropped.
enum TokenNGrams {
    static let newline = StableHash.string("\n")

    /// Token hashes of `text`: runs split at spaces, commas and parentheses (but not inside
    /// `[...]`, so `Param[16,3,3,3]` stays one token), with a token per line break.
    static func tokens(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(text.utf8.count / 6)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var length = 0
        var bracket = 0
        var skippingDigits = false
        func flush() {
            if length > 0 { out.append(StableHash.finalize(h)) }
            h = 0xCBF2_9CE4_8422_2325
            length = 0
            skippingDigits = false
        }
        for b in text.utf8 {
            if bracket == 0 {
                switch b {
                case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"):
                    flush(); continue
                case UInt8(ascii: "\n"):
                    flush(); out.append(newline); continue
                default: break
                }
            }
            if b == UInt8(ascii: "[") { bracket += 1 }
            if b == UInt8(ascii: "]") { bracket = max(0, bracket - 1) }
            if skippingDigits {
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { continue }
                skippingDigits = false
            }
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
            length += 1
            // "Value" followed by digits: keep the word, drop the number.
            if length == 5 && h == valueWordHash { skippingDigits = true }
        }
        flush()
        return out
    }

    /// FNV-1a state after the bytes of "Value".
    static let valueWordHash: UInt64 = {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in "Value".utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01B3 }
        return h
    }()

    /// Appends every 1...`maxOrder`-gram occurrence to `keys`.
    static func accumulate(_ text: String, maxOrder: Int, family: UInt64, into keys: inout [UInt64]) {
        let t = tokens(text)
        guard maxOrder > 0 else { return }
        for i in t.indices {
            var h = family
            for order in 1...maxOrder {
                let j = i + order - 1
                if j >= t.count { break }
                h = StableHash.combine(h, t[j])
                keys.append(StableHash.combine(h, order))
            }
        }
    }
}
