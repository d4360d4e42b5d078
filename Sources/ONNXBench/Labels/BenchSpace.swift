/// The search space a labelled architecture belongs to. A string-backed value rather than a
/// closed enum because `bench import` also accepts spaces whose labels we cannot ship.
public struct BenchSpace: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// NAS-Bench-201 (= NATS-Bench topology space).
    public static let nb201 = BenchSpace(rawValue: "nb201")
    /// NAS-Bench-101.
    public static let nb101 = BenchSpace(rawValue: "nb101")
    /// The DARTS cell space of NAS-Bench-301.
    public static let nb301 = BenchSpace(rawValue: "nb301")

    public var description: String { rawValue }

    public static func < (a: BenchSpace, b: BenchSpace) -> Bool { a.rawValue < b.rawValue }
}
