/// Daily article volume as bars and the day's mean sentiment (-1..1) as a line over them:
/// whether a move in tone rests on one article or on fifty.
struct SentimentVolumeChart {
    struct Day {
        var day: String
        var articles: Int
        /// Relevance-weighted mean sentiment toward the company; nil on days without articles.
        var sentiment: Double?
    }

    var days: [Day]
    var sentimentLabel = "Sentiment"

    var pointCount: Int { days.filter { $0.articles > 0 }.count + days.compactMap(\.sentiment).count }

    var svg: String {
        let f = ChartFrame()
        let maxCount = Double(max(1, days.map(\.articles).max() ?? 1))
        var out = "<svg class=\"chart\" data-chart=\"sentiment-volume\" data-points=\"\(pointCount)\" viewBox=\"\(f.viewBox)\" role=\"img\" aria-label=\"Daily sentiment and article volume\">"
        for tick in [-1.0, -0.5, 0, 0.5, 1] {
            let y = f.y(tick, min: -1, max: 1)
            out += "<line class=\"grid\(tick == 0 ? " zero" : "")\" x1=\"\(Number.coordinate(f.left))\" x2=\"\(Number.coordinate(f.left + f.plotWidth))\" y1=\"\(Number.coordinate(y))\" y2=\"\(Number.coordinate(y))\"/>"
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.left - 6))\" y=\"\(Number.coordinate(y + 3))\" text-anchor=\"end\">\(Number.signed(tick, 1))</text>"
        }
        out += "<text class=\"axis\" x=\"\(Number.coordinate(f.left + f.plotWidth + 4))\" y=\"\(Number.coordinate(f.top + 8))\">\(Int(maxCount))</text>"
        out += "<text class=\"axis\" x=\"\(Number.coordinate(f.left + f.plotWidth + 4))\" y=\"\(Number.coordinate(f.top + f.plotHeight))\">0</text>"
        let barWidth = max(1, f.plotWidth / Double(max(1, days.count)) * 0.7)
        for (i, day) in days.enumerated() where day.articles > 0 {
            let h = f.plotHeight * Double(day.articles) / maxCount
            let x = f.bandX(i, of: days.count) - barWidth / 2
            out += "<rect class=\"bar\" data-x=\"\(day.day)\" data-y=\"\(day.articles)\" x=\"\(Number.coordinate(x))\" y=\"\(Number.coordinate(f.top + f.plotHeight - h))\" width=\"\(Number.coordinate(barWidth))\" height=\"\(Number.coordinate(h))\"><title>\(day.day): \(day.articles) articles</title></rect>"
        }
        var path = "", pen = false
        for (i, day) in days.enumerated() {
            guard let s = day.sentiment else { pen = false; continue }
            path += "\(pen ? "L" : "M")\(Number.coordinate(f.bandX(i, of: days.count))),\(Number.coordinate(f.y(s, min: -1, max: 1)))"
            pen = true
        }
        out += "<path class=\"line\" d=\"\(path)\" stroke=\"#0f172a\" fill=\"none\" stroke-width=\"1.6\"/>"
        for (i, day) in days.enumerated() {
            guard let s = day.sentiment else { continue }
            out += "<circle class=\"point\" data-x=\"\(day.day)\" data-y=\"\(Number.fixed(s, 2))\" cx=\"\(Number.coordinate(f.bandX(i, of: days.count)))\" cy=\"\(Number.coordinate(f.y(s, min: -1, max: 1)))\" r=\"2.5\" fill=\"\(s >= 0.05 ? "#15803d" : s <= -0.05 ? "#b91c1c" : "#64748b")\"><title>\(day.day): \(Number.signed(s, 2))</title></circle>"
        }
        for tick in dayTicks(days.map(\.day)) {
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.bandX(tick.index, of: days.count)))\" y=\"\(Number.coordinate(f.height - 8))\" text-anchor=\"middle\">\(tick.day)</text>"
        }
        return out + "</svg><div class=\"legend\"><span><i class=\"bar-key\"></i>articles (right scale)</span><span><i style=\"background:#0f172a\"></i>\(HTMLEscape.text(sentimentLabel)) (left scale)</span></div>"
    }

    var table: DataTable {
        DataTable(caption: "Articles and sentiment by day", headers: ["Date", "Articles", sentimentLabel],
                  rows: days.reversed().map { [$0.day, String($0.articles), $0.sentiment.map { Number.signed($0, 2) } ?? "–"] },
                  numeric: [1, 2])
    }
}
