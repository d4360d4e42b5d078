import ONNXModel
import ONNXNetSupport

extension ShapeInferenceResult {
    /// The result as JSON text (what `onnxnet shapes MODEL --json` prints):
    /// `{"types":{"name":{"elem":1,"shape":[1,"N",null]}},"warnings":[...]}` with names sorted;
    /// `"shape":null` is an unknown rank, a `null` dim an unknown dim, a string a symbolic dim.
    public var jsonText: String {
        var out = "{\"types\":{"
        var first = true
        for name in types.keys.sorted() {
            let t = types[name]!
            if !first { out += "," }
            first = false
            JSONValue.writeString(name, to: &out)
            out += ":{\"elem\":" + String(t.elementType.rawValue) + ",\"shape\":"
            if let s = t.shape {
                out += "["
                for (i, d) in s.dims.enumerated() {
                    if i > 0 { out += "," }
                    switch d.value {
                    case .value(let v): out += String(v)
                    case .param(let p): JSONValue.writeString(p, to: &out)
                    case .unknown: out += "null"
                    }
                }
                out += "]"
            } else {
                out += "null"
            }
            out += "}"
        }
        out += "},\"warnings\":["
        for (i, w) in warnings.enumerated() {
            if i > 0 { out += "," }
            JSONValue.writeString(w, to: &out)
        }
        out += "]}"
        return out
    }
}
