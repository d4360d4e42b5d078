/// The inferred tensor type of every value id of a graph (nil: no type), read in place from
/// inference's own array: mapping it to an array of optionals would copy every type, and such
/// an array is destroyed through Optional's generic value witnesses, element by element.
public struct InferredTypes: RandomAccessCollection, Sendable {
    let types: [InferredType]

    public var startIndex: Int { 0 }
    public var endIndex: Int { types.count }

    public subscript(id: Int) -> InferredType? {
        types[id].isPlaceholder ? nil : types[id]
    }
}
