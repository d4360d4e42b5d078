/// A byte cursor shared by the derivation readers.
struct DerivationReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[position] }

    mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }

    mutating func consume(_ c: UInt8) -> Bool {
        guard peek == c else { return false }
        position += 1
        return true
    }

    /// A maximal run of characters other than space, parentheses and commas.
    mutating func word() -> String? {
        let from = position
        while let c = peek, !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: "(")
                                || c == UInt8(ascii: ")") || c == UInt8(ascii: ",")) {
            position += 1
        }
        guard position > from else { return nil }
        return String(decoding: bytes[from..<position], as: UTF8.self)
    }
}
