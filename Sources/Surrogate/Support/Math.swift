#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libm functions the surrogate needs, without pulling in Foundation.
enum Math {
    @inline(__always) static func exp(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.exp(x)
        #else
        Darwin.exp(x)
        #endif
    }
    @inline(__always) static func log(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log(x)
        #else
        Darwin.log(x)
        #endif
    }
    @inline(__always) static func log2(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log2(x)
        #else
        Darwin.log2(x)
        #endif
    }
    @inline(__always) static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log1p(x)
        #else
        Darwin.log1p(x)
        #endif
    }
    @inline(__always) static func expf(_ x: Float) -> Float {
        #if canImport(Glibc)
        Glibc.expf(x)
        #else
        Darwin.expf(x)
        #endif
    }

    /// log(1 + x) of a non-negative count; the scale every count feature uses.
    @inline(__always) static func logCount(_ x: Double) -> Double { log1p(max(0, x)) }
}
