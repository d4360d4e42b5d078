/// Text for hand-written SVG documents (the bench heatmap, the evaluation scatter plot).
public enum SVGText {
    /// `s` escaped for use in SVG text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with one decimal.
    public static func number(_ v: Double) -> String { DecimalText.fixed(v, digits: 1) }
}
