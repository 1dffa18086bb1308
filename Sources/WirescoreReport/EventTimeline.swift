/// A company's corporate events on the report's days: one marker per event, stacked when a
/// day has several, coloured by event sentiment (ESS above 55 green, below 45 red).
struct EventTimeline {
    struct Event {
        var day: String
        var type: String
        var ess: Int
        var articleTitle: String
    }

    var days: [String]
    var events: [Event]

    var svg: String {
        var f = ChartFrame()
        f.height = 120
        let index = Dictionary(days.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "<svg class=\"chart\" data-chart=\"events\" data-points=\"\(events.filter { index[$0.day] != nil }.count)\" viewBox=\"\(f.viewBox)\" role=\"img\" aria-label=\"Events timeline\">"
        let baseline = f.top + f.plotHeight
        out += "<line class=\"grid zero\" x1=\"\(Number.coordinate(f.left))\" x2=\"\(Number.coordinate(f.left + f.plotWidth))\" y1=\"\(Number.coordinate(baseline))\" y2=\"\(Number.coordinate(baseline))\"/>"
        var stack: [String: Int] = [:]
        for event in events {
            guard let i = index[event.day] else { continue }
            let level = stack[event.day, default: 0]
            stack[event.day] = level + 1
            let x = f.bandX(i, of: days.count)
            let y = baseline - 10 - Double(min(level, 6)) * 12
            let color = event.ess > 55 ? "#15803d" : event.ess < 45 ? "#b91c1c" : "#64748b"
            out += "<circle class=\"point event\" data-x=\"\(event.day)\" data-y=\"\(event.ess)\" data-type=\"\(HTMLEscape.text(event.type))\" cx=\"\(Number.coordinate(x))\" cy=\"\(Number.coordinate(y))\" r=\"5\" fill=\"\(color)\"><title>\(event.day) \(HTMLEscape.text(event.type)) (ESS \(event.ess)): \(HTMLEscape.text(event.articleTitle))</title></circle>"
        }
        for tick in dayTicks(days) {
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.bandX(tick.index, of: days.count)))\" y=\"\(Number.coordinate(f.height - 8))\" text-anchor=\"middle\">\(tick.day)</text>"
        }
        return out + "</svg>"
    }

    var table: DataTable {
        DataTable(caption: "Events", headers: ["Date", "Event", "ESS", "Article"],
                  rows: events.reversed().map { [$0.day, $0.type, String($0.ess), $0.articleTitle] }, numeric: [2])
    }
}
