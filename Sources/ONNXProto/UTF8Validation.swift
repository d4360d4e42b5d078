/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF), used only for strings that are not plain ASCII.
enum UTF8Validation {
    static func isValid(_ buf: UnsafeRawBufferPointer) -> Bool {
        let n = buf.count
        var i = 0
        func byte(_ k: Int) -> UInt8 { buf[k] }
        func isContinuation(_ k: Int) -> Bool { k < n && byte(k) & 0xC0 == 0x80 }
        while i < n {
            let b = byte(i)
            if b < 0x80 { i += 1; continue }
            if b >= 0xC2 && b <= 0xDF {
                guard isContinuation(i + 1) else { return false }
                i += 2
            } else if b >= 0xE0 && b <= 0xEF {
                guard isContinuation(i + 1), isContinuation(i + 2) else { return false }
                let b1 = byte(i + 1)
                if b == 0xE0 && b1 < 0xA0 { return false }      // overlong
                if b == 0xED && b1 >= 0xA0 { return false }      // surrogates
                i += 3
            } else if b >= 0xF0 && b <= 0xF4 {
                guard isContinuation(i + 1), isContinuation(i + 2), isContinuation(i + 3) else { return false }
                let b1 = byte(i + 1)
                if b == 0xF0 && b1 < 0x90 { return false }      // overlong
                if b == 0xF4 && b1 >= 0x90 { return false }      // above U+10FFFF
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
