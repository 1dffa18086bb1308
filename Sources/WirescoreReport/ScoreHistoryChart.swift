/// Composite scores over days as lines on 0-100, over the label bands (Poor <= 25, Weak 26-54,
/// Moderate 55-74, Strong >= 75) so a reader sees where a score sits, not only where it moved.
struct ScoreHistoryChart {
    struct Series {
        var name: String
        /// One value per day of `days`; nil where the composite had no score.
        var values: [Int?]
    }

    var days: [String]
    var series: [Series]

    static let colors = ["#2563eb", "#d97706", "#7c3aed", "#0d9488"]
    /// (lower bound, label, fill) of each band, bottom up.
    static let bands: [(from: Double, to: Double, label: String, fill: String)] = [
        (0, 25, "Poor", "#fde8e8"), (25, 55, "Weak", "#fdf3e1"), (55, 75, "Moderate", "#eaf1fd"), (75, 100, "Strong", "#e6f6ea"),
    ]

    var pointCount: Int { series.reduce(0) { $0 + $1.values.compactMap { $0 }.count } }

    var svg: String {
        let f = ChartFrame()
        var out = "<svg class=\"chart\" data-chart=\"score-history\" data-points=\"\(pointCount)\" viewBox=\"\(f.viewBox)\" role=\"img\" aria-label=\"Score history\">"
        for band in Self.bands {
            let top = f.y(band.to, min: 0, max: 100), bottom = f.y(band.from, min: 0, max: 100)
            out += "<rect class=\"band\" x=\"\(Number.coordinate(f.left))\" y=\"\(Number.coordinate(top))\" width=\"\(Number.coordinate(f.plotWidth))\" height=\"\(Number.coordinate(bottom - top))\" fill=\"\(band.fill)\"/>"
            out += "<text class=\"band-label\" x=\"\(Number.coordinate(f.left + f.plotWidth + 4))\" y=\"\(Number.coordinate((top + bottom) / 2 + 3))\">\(band.label)</text>"
        }
        for tick in [0, 25, 55, 75, 100] {
            let y = f.y(Double(tick), min: 0, max: 100)
            out += "<line class=\"grid\" x1=\"\(Number.coordinate(f.left))\" x2=\"\(Number.coordinate(f.left + f.plotWidth))\" y1=\"\(Number.coordinate(y))\" y2=\"\(Number.coordinate(y))\"/>"
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.left - 6))\" y=\"\(Number.coordinate(y + 3))\" text-anchor=\"end\">\(tick)</text>"
        }
        for tick in dayTicks(days) {
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.x(tick.index, of: days.count)))\" y=\"\(Number.coordinate(f.height - 8))\" text-anchor=\"middle\">\(tick.day)</text>"
        }
        for (s, serie) in series.enumerated() {
            let color = Self.colors[s % Self.colors.count]
            // A gap in the data breaks the line rather than bridging missing days.
            var path = "", pen = false
            for (i, value) in serie.values.enumerated() {
                guard let value else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(Number.coordinate(f.x(i, of: days.count))),\(Number.coordinate(f.y(Double(value), min: 0, max: 100)))"
                pen = true
            }
            out += "<path class=\"line\" d=\"\(path)\" stroke=\"\(color)\" fill=\"none\" stroke-width=\"2\"/>"
            for (i, value) in serie.values.enumerated() {
                guard let value else { continue }
                out += "<circle class=\"point\" data-series=\"\(HTMLEscape.text(serie.name))\" data-x=\"\(days[i])\" data-y=\"\(value)\" cx=\"\(Number.coordinate(f.x(i, of: days.count)))\" cy=\"\(Number.coordinate(f.y(Double(value), min: 0, max: 100)))\" r=\"\(days.count > 40 ? "1.8" : "3")\" fill=\"\(color)\"><title>\(HTMLEscape.text(serie.name)) \(days[i]): \(value)</title></circle>"
            }
        }
        return out + "</svg>" + legend
    }

    private var legend: String {
        var out = "<div class=\"legend\">"
        for (s, serie) in series.enumerated() {
            out += "<span><i style=\"background:\(Self.colors[s % Self.colors.count])\"></i>\(HTMLEscape.text(serie.name))</span>"
        }
        return out + "</div>"
    }

    var table: DataTable {
        DataTable(caption: "Score by day", headers: ["Date"] + series.map(\.name),
                  rows: days.indices.reversed().map { i in [days[i]] + series.map { $0.values[i].map(String.init) ?? "–" } },
                  numeric: Set(1...max(1, series.count)))
    }
}
