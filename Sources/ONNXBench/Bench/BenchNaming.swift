import SearchSpaces

/// File names of bench records: a function of the space and the canonical notation only, so
/// that `build` and `import` give one architecture the same file, and a repeated
/// architecture is detected by its name.
///
/// - `nb201_00042`, `nats-sss_01234`: the official API index (5 digits);
/// - `nb101_<32 hex>`: the official NB101 module hash (what the reference's names end with);
/// - every other space: `<space>_<first 16 hex digits of MD5(canonical notation)>`.
public enum BenchNaming {
    public static func name(space: String, canonicalNotation notation: String) throws -> String {
        switch space {
        case NB201Space.id:
            return space + "_" + padded(NB201Space.index(of: try NB201Space().cell(notation)), width: 5)
        case NATSSizeSpace.id:
            return space + "_" + padded(try NATSChannelConfig(parsing: notation).index, width: 5)
        case BenchSpace.nb101.rawValue:
            // NB101's native notation; any other form falls back to the generic name.
            if let cell = try? NB101Notation.parse(notation) { return space + "_" + cell.hash.hex }
            return space + "_" + String(MD5.digest(notation).hex.prefix(16))
        default:
            return space + "_" + String(MD5.digest(notation).hex.prefix(16))
        }
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
