/// `stories/<ID>.html`: the articles that told one story, their outlets, times and novelty.
struct StoryPage {
    let story: StorySummary
    let index: ReportIndex

    func render() -> String {
        var body = "<p class=\"lede\"><a href=\"../index.html\">Overview</a> / story</p>"
        body += "<h1>\(HTMLEscape.text(story.title))</h1>"
        body += "<p class=\"lede\">First seen \(Fragments.time(story.firstSeen)) · \(story.articles.count) article(s) from \(story.outlets.count) outlet(s): \(HTMLEscape.text(story.outlets.joined(separator: ", ")))</p>"
        body += "<div class=\"card\"><table id=\"story-articles\"><thead><tr><th>Time (UTC)</th><th>Outlet</th><th>Article</th><th class=\"num\">Novelty</th><th class=\"num\">Tone</th><th>Companies</th></tr></thead><tbody>"
        for article in story.articles {
            body += "<tr><td>\(Fragments.time(article.time))</td><td>\(HTMLEscape.text(article.source))</td>"
            body += "<td>\(Fragments.externalLink(article.link, text: article.title))</td>"
            body += "<td class=\"num\">\(article.novelty)</td><td class=\"num\">\(article.sentiment.map { Number.signed($0, 2) } ?? "–")</td><td>"
            body += article.mentions.prefix(6).map { index.companyTag($0.id, root: "../") }.joined(separator: " ")
            body += "</td></tr>"
        }
        body += "</tbody></table></div>"
        let evidence = story.articles.flatMap { a in a.events.compactMap { e in e.evidence.map { (a.source, e.type, $0) } } }
        if !evidence.isEmpty {
            body += "<h2>What the articles report</h2><div class=\"card\">"
            for (source, type, sentence) in evidence.prefix(10) {
                body += "<p class=\"evidence\"><b>\(HTMLEscape.text(type))</b> · \(HTMLEscape.text(source)): \(HTMLEscape.text(sentence))</p>"
            }
            body += "</div>"
        }
        return PageLayout.page(title: story.title, root: "../", subtitle: "story \(story.id)", body: body)
    }
}
