/// Stores a large, rarely present optional value out of line so that the struct holding it
/// stays small (an `Attribute` is copied for every node read; an inline `Graph?` or
/// `Tensor?` would make each copy hundreds of bytes). Absent values cost no allocation; the
/// box is immutable, so value semantics hold.
@propertyWrapper
public struct Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    private final class Storage: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage?

    public init(wrappedValue: Value?) { storage = wrappedValue.map(Storage.init) }

    public var wrappedValue: Value? {
        get { storage?.value }
        set { storage = newValue.map(Storage.init) }
    }

    /// `$name` reaches the wrapper itself, for `isPresent`.
    public var projectedValue: Boxed { self }

    /// Whether a value is stored: a check that does not copy the value out of its box.
    public var isPresent: Bool { storage != nil }

    public static func == (a: Boxed, b: Boxed) -> Bool { a.storage === b.storage || a.wrappedValue == b.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}
