/// The frame every page shares: one inline style sheet, system fonts, no script and nothing
/// fetched from elsewhere, so a report opens from a folder, a USB stick or an e-mail archive.
enum PageLayout {
    /// - Parameters:
    ///   - root: the relative path from the page to the report's root ("" or "../").
    static func page(title: String, root: String, subtitle: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(HTMLEscape.text(title))</title>
        <style>\(style)</style></head>
        <body><header class="top"><a class="brand" href="\(root)index.html">wirescore</a>\
        <span class="subtitle">\(HTMLEscape.text(subtitle))</span></header>
        <main>
        \(body)
        </main>
        <footer>Made by <code>wirescore report</code> from the output tree alone. Scores, labels and \
        summaries are the records' own; charts are drawn from the tables beside them.</footer>
        </body></html>

        """
    }

    /// The colour of a composite label band (DESIGN.md: Strong >= 75, Moderate 55-74, Weak 26-54, Poor <= 25).
    static func bandClass(_ label: String) -> String {
        switch label {
        case "Strong": "band-strong"
        case "Moderate": "band-moderate"
        case "Weak": "band-weak"
        case "Poor": "band-poor"
        default: "band-none"
        }
    }

    /// The colour of a signal word (strong, moderate, weak, poor).
    static func wordClass(_ word: String?) -> String {
        switch word {
        case "strong": "band-strong"
        case "moderate": "band-moderate"
        case "weak": "band-weak"
        case "poor": "band-poor"
        default: "band-none"
        }
    }

    static let style = """
    :root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--card:#fff;--bg:#f5f7fb;--accent:#2563eb;
    --strong:#15803d;--moderate:#2563eb;--weak:#b45309;--poor:#b91c1c}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
    header.top{background:var(--ink);color:#fff;padding:10px 24px;display:flex;gap:16px;align-items:baseline}
    header.top .brand{color:#fff;font-weight:700;letter-spacing:.02em;font-size:16px}
    header.top .subtitle{color:#cbd5e1}
    main{max-width:1180px;margin:0 auto;padding:20px 24px 40px}
    h1{font-size:24px;margin:6px 0 4px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:14px;margin:0 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    .lede{color:var(--muted);margin:0 0 14px}
    .grid{display:grid;gap:16px}.g3{grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}.g2{grid-template-columns:repeat(auto-fit,minmax(420px,1fr))}
    .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
    .stats{display:flex;gap:12px;flex-wrap:wrap;margin:10px 0 4px}.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px 14px;min-width:120px}
    .stat b{display:block;font-size:20px}.stat span{color:var(--muted);font-size:12px}
    table{border-collapse:collapse;width:100%}th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{font-size:12px;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    caption{text-align:left;font-size:12px;color:var(--muted);padding:0 0 4px}
    .pill{display:inline-block;min-width:34px;text-align:center;border-radius:999px;padding:1px 8px;font-weight:600;color:#fff;font-variant-numeric:tabular-nums}
    .band-strong{background:var(--strong)}.band-moderate{background:var(--moderate)}.band-weak{background:var(--weak)}.band-poor{background:var(--poor)}.band-none{background:#94a3b8}
    .up{color:var(--strong)}.down{color:var(--poor)}.muted{color:var(--muted)}
    .panel{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px}
    .panel .head{display:flex;align-items:center;gap:16px;margin-bottom:12px}
    .panel .big{font-size:44px;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
    .panel .label{font-size:13px;font-weight:600;border-radius:6px;padding:3px 8px;color:#fff}
    .signal{display:grid;grid-template-columns:110px 1fr 36px 80px;gap:10px;align-items:center;margin:6px 0}
    .track{background:#eef2f7;border-radius:4px;height:10px;overflow:hidden}.fill{height:10px;border-radius:4px}
    .signal .word{font-size:12px;color:var(--muted)}
    .summary{margin:12px 0 6px;font-size:14px}.note{font-size:12px;color:var(--muted)}
    .price{margin:0 0 14px;font-size:14px}
    figure.chart-block{margin:0 0 18px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
    figcaption{font-weight:600;margin-bottom:6px}
    .chart-row{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(0,1fr);gap:16px}
    .chart-svg svg{width:100%;height:auto;display:block}
    .chart-table{max-height:260px;overflow:auto;font-size:12px}
    svg .axis{font-size:10px;fill:#64748b}svg .value{font-size:10px;fill:#334155}svg .band-label{font-size:9px;fill:#64748b}
    svg .grid{stroke:#e2e8f0;stroke-width:1}svg .grid.zero{stroke:#94a3b8}
    svg .bar{fill:#93c5fd}
    .legend{display:flex;gap:14px;font-size:12px;color:var(--muted);margin-top:4px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}.legend i.bar-key{background:#93c5fd}
    .story{padding:8px 0;border-bottom:1px solid var(--line)}.story:last-child{border-bottom:0}
    .story .title{font-weight:600}.story .meta{font-size:12px;color:var(--muted)}
    .evidence{font-size:13px;color:#334155;border-left:3px solid var(--line);padding-left:8px;margin:4px 0}
    .outlets a{margin-right:8px}
    .tag{display:inline-block;font-size:11px;font-weight:600;color:#334155;background:#eef2f7;border-radius:4px;padding:0 6px;margin-right:4px}
    a.tag:hover{background:#dbe4f0;text-decoration:none}
    footer{max-width:1180px;margin:0 auto;padding:0 24px 30px;color:var(--muted);font-size:12px}
    @media (max-width:800px){.chart-row{grid-template-columns:1fr}}
    """
}
