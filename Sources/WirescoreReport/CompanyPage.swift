/// `companies/<ID>.html`: the company's panel per composite, its score history, daily tone and
/// volume, events, and the stories behind them.
struct CompanyPage {
    let index: ReportIndex
    let entity: String
    var storyCount = 8

    func render() -> (html: String, stories: [String]) {
        let info = index.names[entity] ?? (entity, nil)
        let articles = (index.articlesByCompany[entity] ?? []).map { index.input.articles[$0] }
        var body = "<p class=\"lede\"><a href=\"../index.html\">Overview</a> / \(HTMLEscape.text(info.sector ?? "Sector unknown"))</p>"
        body += "<h1>\(HTMLEscape.text(info.name)) <span class=\"muted\">\(HTMLEscape.text(entity))</span></h1>"
        body += priceContext()
        body += "<div class=\"grid g2\">"
        for composite in index.composites {
            if let latest = index.latest(entity, composite, onOrBefore: index.day) {
                body += panel(latest.current, previous: latest.previous)
            }
        }
        body += "</div>"
        body += history()
        body += sentiment(articles)
        body += events(articles)
        let (storiesHTML, storyIDs) = topStories(articles)
        body += storiesHTML
        let title = "\(info.name) (\(entity)) – wirescore report"
        return (PageLayout.page(title: title, root: "../", subtitle: "\(index.input.from) – \(index.input.to)", body: body), storyIDs)
    }

    /// The reference product's panel: score and band, one bar per signal, the summary sentence,
    /// coverage and cap, price context.
    private func panel(_ line: ScoreLine, previous: ScoreLine?) -> String {
        var out = "<section class=\"panel\" data-composite=\"\(HTMLEscape.text(line.composite))\"><h3>\(HTMLEscape.text(Fragments.compositeTitle(line))) · \(HTMLEscape.text(line.date))</h3>"
        out += "<div class=\"head\"><span class=\"big\" data-score=\"\(line.score.map(String.init) ?? "")\">\(line.score.map(String.init) ?? "–")</span>"
        out += "<span class=\"label \(PageLayout.bandClass(line.label))\">\(HTMLEscape.text(line.label))</span>"
        if let score = line.score, let before = previous?.score {
            out += "<span>\(Fragments.change(score - before)) <span class=\"muted\">since \(HTMLEscape.text(previous?.date ?? ""))</span></span>"
        }
        out += "</div>"
        for signal in line.signals {
            let word = signal.label ?? "no data"
            out += "<div class=\"signal\" data-signal=\"\(HTMLEscape.text(signal.name))\"><span>\(HTMLEscape.text(signal.name))</span>"
            out += "<div class=\"track\"><div class=\"fill \(PageLayout.wordClass(signal.label))\" style=\"width:\(signal.score ?? 0)%\"></div></div>"
            out += "<b class=\"num\">\(signal.score.map(String.init) ?? "–")</b><span class=\"word\">\(HTMLEscape.text(word))</span></div>"
        }
        out += "<p class=\"summary\">\(HTMLEscape.text(line.summary))</p>"
        var note = "Based on \(line.available) of \(line.total) signals"
        note += line.capped ? " — capped at 90 until the rest ingests." : "."
        note += " \(line.articles) article(s) in the news window."
        out += "<p class=\"note\">\(note)</p>"
        return out + "</section>"
    }

    /// Price and day change from the factor file, once for the page (not per composite).
    private func priceContext() -> String {
        guard let price = index.input.prices[entity] else { return "" }
        var out = "<p class=\"price\">Price <b>\(Number.fixed(price.price, 2))</b>"
        if let change = price.change {
            out += " <span class=\"\(change >= 0 ? "up" : "down")\">\(Number.percent(change))</span> on the day"
        }
        return out + " <span class=\"muted\">(factor file, as of \(price.asOf))</span></p>"
    }

    private func history() -> String {
        let series = index.composites.compactMap { composite -> ScoreHistoryChart.Series? in
            guard let lines = index.history[entity]?[composite] else { return nil }
            let byDay = Dictionary(lines.map { ($0.date, $0.score) }, uniquingKeysWith: { _, b in b })
            let title = lines.last.map(Fragments.compositeTitle) ?? composite
            return ScoreHistoryChart.Series(name: title, values: index.days.map { byDay[$0] ?? nil })
        }
        guard !series.isEmpty else { return "" }
        let chart = ScoreHistoryChart(days: index.days, series: series)
        return "<h2>Score history</h2>" + chartBlock(id: "score-history", title: "Composite scores with the label bands", svg: chart.svg, table: chart.table)
    }

    /// The day's tone toward the company: its mentions' sentiment weighted by relevance.
    private func sentiment(_ articles: [ArticleLine]) -> String {
        guard !articles.isEmpty else { return "" }
        var byDay: [String: (count: Int, weighted: Double, weight: Double)] = [:]
        for article in articles {
            guard let mention = article.mentions.first(where: { $0.id == entity }) else { continue }
            var e = byDay[article.day, default: (0, 0, 0)]
            let w = max(1, mention.relevance)
            e.count += 1; e.weighted += w * mention.sentiment; e.weight += w
            byDay[article.day] = e
        }
        let days = index.days.map { day in
            SentimentVolumeChart.Day(day: day, articles: byDay[day]?.count ?? 0,
                                     sentiment: byDay[day].flatMap { $0.weight > 0 ? $0.weighted / $0.weight : nil })
        }
        let chart = SentimentVolumeChart(days: days, sentimentLabel: "Sentiment toward \(entity)")
        return "<h2>News</h2>" + chartBlock(id: "sentiment-volume", title: "Daily sentiment and article volume", svg: chart.svg, table: chart.table)
    }

    private func events(_ articles: [ArticleLine]) -> String {
        var list: [EventTimeline.Event] = []
        var seen = Set<String>()
        for article in articles {
            for event in article.events where event.company == entity {
                // One marker per event type a story reports on a day: rewrites are not news.
                guard seen.insert("\(article.day)|\(event.type)|\(article.storyID)").inserted else { continue }
                list.append(EventTimeline.Event(day: article.day, type: event.type,
                                                ess: event.ess ?? Int((50 + 50 * event.sentiment).rounded()),
                                                articleTitle: article.title))
            }
        }
        guard !list.isEmpty else { return "<h2>Events</h2><p class=\"muted\">No corporate events detected for \(HTMLEscape.text(entity)) in this range.</p>" }
        let chart = EventTimeline(days: index.days, events: list)
        return "<h2>Events</h2>" + chartBlock(id: "events", title: "Corporate events (ESS: 50 neutral, above good news, below bad)", svg: chart.svg, table: chart.table)
    }

    /// Stories ranked by the latest score's top articles first, then by relevance x novelty.
    private func topStories(_ articles: [ArticleLine]) -> (String, [String]) {
        guard !articles.isEmpty else { return ("", []) }
        let top = index.composites.flatMap { index.latest(entity, $0, onOrBefore: index.day)?.current.topArticles ?? [] }
        func weight(_ a: ArticleLine) -> Double {
            let relevance = a.mentions.first { $0.id == entity }?.relevance ?? 0
            return relevance * Double(max(5, a.novelty))
        }
        // Keys computed once per article; the articles themselves are not moved by the sort.
        let keys = articles.indices.map { i in
            (top: top.firstIndex(of: articles[i].id) ?? Int.max, day: articles[i].day, weight: weight(articles[i]), i: i)
        }
        let ranked = keys.sorted { a, b in
            if a.top != b.top { return a.top < b.top }
            if a.day != b.day { return a.day > b.day }
            if a.weight != b.weight { return a.weight > b.weight }
            return articles[a.i].id < articles[b.i].id
        }.lazy.map { articles[$0.i] }
        var storyIDs: [String] = []
        var out = "<h2>Top stories</h2><div class=\"card\">"
        for article in ranked where !storyIDs.contains(article.storyID) {
            guard let story = StorySummary(id: article.storyID, index: index) else { continue }
            storyIDs.append(story.id)
            let mention = article.mentions.first { $0.id == entity }
            out += "<div class=\"story\"><div class=\"title\"><a href=\"../\(ReportPaths.story(story.id))\">\(HTMLEscape.text(story.title))</a></div>"
            out += "<div class=\"meta\">first seen \(Fragments.time(story.firstSeen)) · \(story.outlets.count) outlet(s) · sentiment toward \(HTMLEscape.text(entity)) \(mention.map { Number.signed($0.sentiment, 2) } ?? "–")</div>"
            if let evidence = mention?.evidence, !evidence.isEmpty { out += "<p class=\"evidence\">\(HTMLEscape.text(evidence))</p>" }
            out += "<div class=\"outlets\">"
            for member in story.articles.prefix(8) { out += Fragments.externalLink(member.link, text: member.source) + " " }
            out += "</div></div>"
            if storyIDs.count == storyCount { break }
        }
        return (out + "</div>", storyIDs)
    }
}
