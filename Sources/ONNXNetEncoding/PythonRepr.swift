/// Python's `repr` for the values the reference encoder prints through `str(list)`, so
/// that our text matches its output byte for byte.
enum PythonRepr {
    /// `repr(float)`: shortest round-trip digits; positional for 1e-4 <= |x| < 1e16,
    /// otherwise `d.ddde+XX` (at least two exponent digits).
    static func double(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, pointPosition) = shortestDigits(x)
        var out = negative ? "-" : ""
        // pointPosition: value = 0.DIGITS x 10^pointPosition
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 16 {
            out += String(digits.first!)
            if digits.count > 1 { out += "." + String(digits.dropFirst()) }
            out += "e" + (exponent < 0 ? "-" : "+")
            let e = String(abs(exponent))
            out += (e.count < 2 ? "0" : "") + e
            return out
        }
        if pointPosition <= 0 {
            out += "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            out += digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        } else {
            let i = digits.index(digits.startIndex, offsetBy: pointPosition)
            out += digits[..<i] + "." + digits[i...]
        }
        return out
    }

    /// Shortest round-trip decimal digits of `x` (from Swift's own shortest printer) and the
    /// decimal point position.
    static func shortestDigits(_ x: Double) -> (Bool, String, Int) {
        var text = "\(abs(x))"  // e.g. "0.1", "1e-05", "1.5e+20", "123.0"
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var point = intPart.count + exp
        // strip leading zeros (moving the point) and trailing zeros
        while digits.first == "0" && digits.count > 1 { digits.removeFirst(); point -= 1 }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (x < 0, digits, point)
    }

    /// `repr(bytes)`: `b'...'`, with double quotes when the text has `'` but no `"`.
    static func bytes(_ b: [UInt8]) -> String {
        let useDouble = b.contains(0x27) && !b.contains(0x22)
        let quote: UInt8 = useDouble ? 0x22 : 0x27
        var out = "b" + String(UnicodeScalar(quote))
        for c in b {
            switch c {
            case 0x5C: out += "\\\\"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case quote: out += "\\" + String(UnicodeScalar(c))
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(c))
            default:
                let hex = String(c, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out + String(UnicodeScalar(quote))
    }

    /// `str(list)` without spaces (the reference strips them).
    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
