import ONNXNetSupport

/// A square heatmap as a standalone SVG (the paper's Figure 2 style): one cell per pair,
/// white (0) to dark blue (1), the value printed in each cell, labels on both axes.
public enum HeatmapSVG {
    public static func render(labels: [String], matrix: [[Double]], title: String) -> String {
        let n = labels.count
        let cell = 64.0
        let left = 16.0 + 8.0 * Double(labels.map(\.count).max() ?? 4)
        let top = 56.0
        let width = left + cell * Double(n) + 90
        let height = top + cell * Double(n) + 24
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(fmt(left))" y="22" font-size="15" font-weight="bold">\(escape(title))</text>

        """
        for (j, label) in labels.enumerated() {
            let x = left + cell * (Double(j) + 0.5)
            svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(top - 8))\" font-size=\"12\" text-anchor=\"middle\">\(escape(label))</text>\n"
        }
        for i in 0..<n {
            let y = top + cell * Double(i)
            svg += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y + cell / 2 + 4))\" font-size=\"12\" text-anchor=\"end\">\(escape(labels[i]))</text>\n"
            for j in 0..<n {
                let x = left + cell * Double(j)
                let v = matrix[i][j]
                let text = v.isNaN ? "n/a" : DecimalText.fixed(v, digits: 3)
                let fill = v.isNaN ? "#dddddd" : colour(v)
                let ink = !v.isNaN && v > 0.55 ? "white" : "black"
                svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell))\" height=\"\(fmt(cell))\" fill=\"\(fill)\" stroke=\"white\"/>"
                svg += "<text x=\"\(fmt(x + cell / 2))\" y=\"\(fmt(y + cell / 2 + 4))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(ink)\">\(text)</text>\n"
            }
        }
        // Colour scale.
        let sx = left + cell * Double(n) + 24
        for k in 0..<10 {
            let v = 1 - Double(k) / 9
            svg += "<rect x=\"\(fmt(sx))\" y=\"\(fmt(top + Double(k) * cell * Double(n) / 10))\" width=\"16\" height=\"\(fmt(cell * Double(n) / 10 + 0.5))\" fill=\"\(colour(v))\"/>\n"
        }
        svg += "<text x=\"\(fmt(sx + 22))\" y=\"\(fmt(top + 10))\" font-size=\"11\">1</text>\n"
        svg += "<text x=\"\(fmt(sx + 22))\" y=\"\(fmt(top + cell * Double(n)))\" font-size=\"11\">0</text>\n"
        svg += "</svg>\n"
        return svg
    }

    /// Linear white -> #08306b.
    static func colour(_ v: Double) -> String {
        let t = min(1, max(0, v))
        let r = Int((255 - t * (255 - 8)).rounded()), g = Int((255 - t * (255 - 48)).rounded()), b = Int((255 - t * (255 - 107)).rounded())
        return "#" + [r, g, b].map { c in
            let h = String(c, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    static func fmt(_ v: Double) -> String { SVGText.number(v) }

    static func escape(_ s: String) -> String { SVGText.escape(s) }
}
