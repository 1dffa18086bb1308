/// The table of a chart's numbers, written beside it: readable without the picture, and what
/// tests and the browser check compare the chart against.
struct DataTable {
    var caption: String
    var headers: [String]
    var rows: [[String]]
    /// Right-align these columns (numbers).
    var numeric: Set<Int> = []

    var html: String {
        var out = "<table class=\"data\"><caption>\(HTMLEscape.text(caption))</caption><thead><tr>"
        for (i, h) in headers.enumerated() {
            out += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTMLEscape.text(h))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTMLEscape.text(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// A chart and its table side by side, as one figure.
func chartBlock(id: String, title: String, svg: String, table: DataTable) -> String {
    """
    <figure class="chart-block" id="\(HTMLEscape.text(id))"><figcaption>\(HTMLEscape.text(title))</figcaption>\
    <div class="chart-row"><div class="chart-svg">\(svg)</div><div class="chart-table">\(table.html)</div></div></figure>
    """
}
