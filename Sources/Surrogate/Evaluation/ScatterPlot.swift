import ONNXNetSupport

/// A predicted-versus-true accuracy scatter plot as a self-contained SVG document (for
/// `onnxnet evaluate --svg`). Large test sets are thinned to an evenly spaced subset of
/// `maxPoints` so that the file stays small.
public enum ScatterPlot {
    public static func svg(points: [(predicted: Double, actual: Double)], title: String, maxPoints: Int = 4000) -> String {
        let size = 560.0, margin = 60.0, plot = size - 2 * margin
        let finite = points.filter { $0.predicted.isFinite && $0.actual.isFinite }
        let values = finite.flatMap { [$0.predicted, $0.actual] }
        var lo = values.min() ?? 0, hi = values.max() ?? 100
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let pad = (hi - lo) * 0.03
        lo -= pad; hi += pad
        func x(_ v: Double) -> Double { margin + (v - lo) / (hi - lo) * plot }
        func y(_ v: Double) -> Double { size - margin - (v - lo) / (hi - lo) * plot }
        func f(_ v: Double) -> String { SVGText.number(v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size))\" height=\"\(Int(size))\" viewBox=\"0 0 \(Int(size)) \(Int(size))\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(f(size / 2))\" y=\"24\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"15\">\(escape(title))</text>\n"
        out += "<rect x=\"\(f(margin))\" y=\"\(f(margin))\" width=\"\(f(plot))\" height=\"\(f(plot))\" fill=\"none\" stroke=\"#444\"/>\n"
        out += "<line x1=\"\(f(x(lo)))\" y1=\"\(f(y(lo)))\" x2=\"\(f(x(hi)))\" y2=\"\(f(y(hi)))\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"/>\n"
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            out += "<text x=\"\(f(x(v)))\" y=\"\(f(size - margin + 18))\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\">\(f(v))</text>\n"
            out += "<text x=\"\(f(margin - 8))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\">\(f(v))</text>\n"
        }
        out += "<text x=\"\(f(size / 2))\" y=\"\(f(size - 16))\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"13\">true accuracy (%)</text>\n"
        out += "<text x=\"18\" y=\"\(f(size / 2))\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"13\" transform=\"rotate(-90 18 \(f(size / 2)))\">predicted accuracy (%)</text>\n"
        let step = max(1, (finite.count + maxPoints - 1) / max(1, maxPoints))
        out += "<g fill=\"#1f77b4\" fill-opacity=\"0.35\">\n"
        for k in stride(from: 0, to: finite.count, by: step) {
            let p = finite[k]
            out += "<circle cx=\"\(f(x(p.actual)))\" cy=\"\(f(y(p.predicted)))\" r=\"2\"/>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    static func escape(_ s: String) -> String { SVGText.escape(s) }
}
