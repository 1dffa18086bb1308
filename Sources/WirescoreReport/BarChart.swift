/// Horizontal bars for a ranked list (articles per outlet, per company), longest first.
struct BarChart {
    var name: String
    var rows: [(label: String, value: Int)]
    var valueHeader: String

    var svg: String {
        var f = ChartFrame()
        f.left = 150; f.right = 40; f.top = 6; f.bottom = 6
        f.height = f.top + f.bottom + Double(max(1, rows.count)) * 20
        let maxValue = Double(max(1, rows.map(\.value).max() ?? 1))
        var out = "<svg class=\"chart\" data-chart=\"\(HTMLEscape.text(name))\" data-points=\"\(rows.filter { $0.value > 0 }.count)\" viewBox=\"\(f.viewBox)\" role=\"img\" aria-label=\"\(HTMLEscape.text(name))\">"
        for (i, row) in rows.enumerated() {
            let y = f.top + Double(i) * 20
            let w = f.plotWidth * Double(row.value) / maxValue
            let label = row.label.count > 24 ? String(row.label.prefix(23)) + "…" : row.label
            out += "<text class=\"axis\" x=\"\(Number.coordinate(f.left - 6))\" y=\"\(Number.coordinate(y + 13))\" text-anchor=\"end\">\(HTMLEscape.text(label))</text>"
            out += "<rect class=\"bar\" data-x=\"\(HTMLEscape.text(row.label))\" data-y=\"\(row.value)\" x=\"\(Number.coordinate(f.left))\" y=\"\(Number.coordinate(y + 3))\" width=\"\(Number.coordinate(max(1, w)))\" height=\"14\"><title>\(HTMLEscape.text(row.label)): \(row.value)</title></rect>"
            out += "<text class=\"value\" x=\"\(Number.coordinate(f.left + max(1, w) + 4))\" y=\"\(Number.coordinate(y + 13))\">\(row.value)</text>"
        }
        return out + "</svg>"
    }

    func table(caption: String, firstHeader: String) -> DataTable {
        DataTable(caption: caption, headers: [firstHeader, valueHeader], rows: rows.map { [$0.label, String($0.value)] },
                  numeric: [1])
    }
}
