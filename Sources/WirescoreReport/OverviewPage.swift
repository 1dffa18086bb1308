/// `index.html`: what happened on the report's day, and how the feeds behaved.
struct OverviewPage {
    let index: ReportIndex
    /// How many rows each ranked list shows.
    var listLength = 10

    /// The page and the stories it links to (each gets a page).
    func render() -> (html: String, stories: [String]) {
        var body = ""
        let input = index.input
        let dayArticles = input.articles.filter { $0.day == index.day }
        let outlets = Set(input.articles.map(\.source)).count
        body += "<h1>News and scores for \(index.day)</h1>"
        body += "<p class=\"lede\">Report range \(input.from) to \(input.to): \(index.days.count) day(s). The lists below describe \(index.day), the newest day with \(index.composites.isEmpty ? "articles" : "scores").</p>"
        body += "<div class=\"stats\">"
        body += stat(String(dayArticles.count), "articles on \(index.day)")
        body += stat(String(input.articles.count), "articles in range")
        body += stat(String(index.companies.count), "companies")
        body += stat(String(outlets), "outlets")
        body += stat(String(input.errors.count), "errors in range")
        body += "</div>"

        for composite in index.composites { body += compositeSection(composite) }

        var stories: [String] = []
        let top = topStories(dayArticles)
        stories += top.map(\.id)
        body += "<h2>Top stories on \(index.day)</h2><div class=\"card\">"
        if top.isEmpty { body += "<p class=\"muted\">No articles on this day.</p>" }
        for story in top { body += storyRow(story) }
        body += "</div>"

        body += "<h2>Coverage</h2>"
        body += mostCovered(dayArticles)
        body += volume()
        body += sourceMix()
        body += health()
        return (PageLayout.page(title: "wirescore report \(index.day)", root: "", subtitle: "\(input.from) – \(input.to)", body: body), stories)
    }

    private func stat(_ value: String, _ label: String) -> String {
        "<div class=\"stat\"><b>\(HTMLEscape.text(value))</b><span>\(HTMLEscape.text(label))</span></div>"
    }

    /// Highest, lowest and biggest changes of one composite on the day.
    private func compositeSection(_ composite: String) -> String {
        var rows: [(line: ScoreLine, delta: Int?)] = []
        for entity in index.history.keys.sorted() {
            guard let lines = index.history[entity]?[composite], let i = lines.lastIndex(where: { $0.date == index.day }),
                  let score = lines[i].score else { continue }
            let previous = lines[..<i].last { $0.score != nil }
            rows.append((lines[i], previous?.score.map { score - $0 }))
        }
        guard let sample = rows.first?.line else { return "" }
        let title = Fragments.compositeTitle(sample)
        let high = rows.sorted { ($1.line.score ?? 0, $0.line.entity) < ($0.line.score ?? 0, $1.line.entity) }
        let low = rows.sorted { ($0.line.score ?? 0, $0.line.entity) < ($1.line.score ?? 0, $1.line.entity) }
        let moved = rows.filter { ($0.delta ?? 0) != 0 }
            .sorted { (abs($1.delta ?? 0), $0.line.entity) < (abs($0.delta ?? 0), $1.line.entity) }
        var out = "<h2>\(HTMLEscape.text(title)) on \(index.day) <span class=\"muted\">(\(rows.count) companies scored)</span></h2><div class=\"grid g3\">"
        out += scoreList("Highest", Array(high.prefix(listLength)), id: "\(composite)-highest")
        out += scoreList("Lowest", Array(low.prefix(listLength)), id: "\(composite)-lowest")
        out += scoreList("Biggest changes", Array(moved.prefix(listLength)), id: "\(composite)-changes")
        return out + "</div>"
    }

    private func scoreList(_ title: String, _ rows: [(line: ScoreLine, delta: Int?)], id: String) -> String {
        var out = "<div class=\"card\"><h3>\(title)</h3><table class=\"ranked\" id=\"\(HTMLEscape.text(id))\"><thead><tr><th>Company</th><th class=\"num\">Score</th><th class=\"num\">Change</th></tr></thead><tbody>"
        for row in rows {
            out += "<tr><td>\(index.companyLink(row.line.entity, root: ""))</td>"
            out += "<td class=\"num\">\(Fragments.pill(row.line.score, label: row.line.label))</td><td class=\"num\">\(Fragments.change(row.delta))</td></tr>"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"3\" class=\"muted\">None.</td></tr>" }
        return out + "</tbody></table></div>"
    }

    private func topStories(_ dayArticles: [ArticleLine]) -> [StorySummary] {
        let ids = Set(dayArticles.map(\.storyID)).sorted()
        return Array(StorySummary.ranked(ids.compactMap { StorySummary(id: $0, index: index) }).prefix(listLength))
    }

    private func storyRow(_ story: StorySummary) -> String {
        var out = "<div class=\"story\"><div class=\"title\"><a href=\"\(ReportPaths.story(story.id))\">\(HTMLEscape.text(story.title))</a></div>"
        out += "<div class=\"meta\">\(story.outlets.count) outlet(s), \(story.articles.count) article(s) · first seen \(Fragments.time(story.firstSeen))</div>"
        out += "<div class=\"outlets\">"
        for article in story.articles.prefix(8) {
            out += Fragments.externalLink(article.link, text: article.source) + " "
        }
        let companies = Set(story.articles.flatMap { $0.mentions.filter { $0.relevance >= 50 }.map(\.id) }).sorted().prefix(6)
        for id in companies { out += index.companyTag(id, root: "") + " " }
        return out + "</div></div>"
    }

    private func mostCovered(_ dayArticles: [ArticleLine]) -> String {
        var counts: [String: Int] = [:]
        for article in dayArticles {
            for id in Set(article.mentions.map(\.id)) { counts[id, default: 0] += 1 }
        }
        let rows = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(listLength)
            .map { (label: $0.key, value: $0.value) }
        guard !rows.isEmpty else { return "" }
        let chart = BarChart(name: "most-covered", rows: Array(rows), valueHeader: "Articles")
        return chartBlock(id: "most-covered", title: "Most-covered companies on \(index.day)", svg: chart.svg,
                          table: chart.table(caption: "Articles mentioning the company", firstHeader: "Company"))
    }

    private func volume() -> String {
        var byDay: [String: (count: Int, sum: Double, n: Int)] = [:]
        for article in index.input.articles {
            var entry = byDay[article.day, default: (0, 0, 0)]
            entry.count += 1
            if let s = article.sentiment { entry.sum += s; entry.n += 1 }
            byDay[article.day] = entry
        }
        let days = index.days.map { day -> SentimentVolumeChart.Day in
            let e = byDay[day]
            return SentimentVolumeChart.Day(day: day, articles: e?.count ?? 0,
                                            sentiment: e.flatMap { $0.n > 0 ? $0.sum / Double($0.n) : nil })
        }
        let chart = SentimentVolumeChart(days: days, sentimentLabel: "Mean article tone")
        return chartBlock(id: "volume", title: "Articles per day and their mean tone", svg: chart.svg, table: chart.table)
    }

    private func sourceMix() -> String {
        var counts: [String: Int] = [:]
        for article in index.input.articles { counts[article.source, default: 0] += 1 }
        let rows = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(15).map { (label: $0.key, value: $0.value) }
        guard !rows.isEmpty else { return "" }
        let chart = BarChart(name: "source-mix", rows: Array(rows), valueHeader: "Articles")
        let rest = counts.count > rows.count ? " (top \(rows.count) of \(counts.count) outlets)" : ""
        return chartBlock(id: "source-mix", title: "Source mix, \(index.input.from) – \(index.input.to)\(rest)",
                          svg: chart.svg, table: chart.table(caption: "Articles per outlet", firstHeader: "Outlet"))
    }

    /// Errors by code and by feed over the range, and feed health from the run state.
    private func health() -> String {
        let input = index.input
        var out = "<h2>Feed health and errors</h2><div class=\"grid g2\">"
        var byCode: [String: (feed: Int, article: Int)] = [:]
        var byFeed: [String: Int] = [:]
        for error in input.errors {
            var entry = byCode[error.code, default: (0, 0)]
            if error.kind == "feed" { entry.feed += 1 } else { entry.article += 1 }
            byCode[error.code] = entry
            byFeed[error.feed, default: 0] += 1
        }
        out += "<div class=\"card\"><h3>Errors by reason</h3>"
        out += DataTable(caption: "\(input.errors.count) error line(s) in errors/ for the range",
                         headers: ["Code", "Feeds", "Articles"],
                         rows: byCode.sorted { $0.key < $1.key }.map { [$0.key, String($0.value.feed), String($0.value.article)] },
                         numeric: [1, 2]).html
        out += "<h3 style=\"margin-top:14px\">Errors by feed</h3>"
        out += DataTable(caption: "Feeds with the most errors", headers: ["Feed", "Errors"],
                         rows: byFeed.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(listLength).map { [$0.key, String($0.value)] },
                         numeric: [1]).html
        out += "</div><div class=\"card\"><h3>Feed health (run state)</h3>"
        if input.feedHealth.isEmpty {
            out += "<p class=\"muted\">No run state in this output tree.</p>"
        } else {
            let failing = input.feedHealth.filter { $0.consecutiveFailures > 0 }
            out += "<p>\(input.feedHealth.count - failing.count) of \(input.feedHealth.count) feeds healthy; \(failing.count) failing.</p>"
            let rows = input.feedHealth.sorted { ($1.consecutiveFailures, $0.feed) < ($0.consecutiveFailures, $1.feed) }
                .prefix(20).map { [$0.feed, String($0.consecutiveFailures), Fragments.time($0.lastSuccess), $0.lastError ?? ""] }
            out += DataTable(caption: "Feeds, failing first", headers: ["Feed", "Failures in a row", "Last success", "Last error"],
                             rows: Array(rows), numeric: [1]).html
        }
        if input.unreadableLines > 0 || !input.problems.isEmpty {
            out += "<p class=\"note\">\(input.unreadableLines) unreadable line(s) skipped. \(HTMLEscape.text(input.problems.joined(separator: "; ")))</p>"
        }
        return out + "</div></div>"
    }
}
