/// One story as the report shows it: the articles that told it, in time order.
struct StorySummary {
    var id: String
    var articles: [ArticleLine]
    /// Distinct outlets (sources), in the order they first told the story.
    var outlets: [String]
    var firstSeen: String
    var title: String

    init?(id: String, index: ReportIndex) {
        guard let members = index.articlesByStory[id], !members.isEmpty else { return nil }
        self.id = id
        articles = members.map { index.input.articles[$0] }
        var outlets: [String] = []
        for article in articles where !outlets.contains(article.source) { outlets.append(article.source) }
        self.outlets = outlets
        let first = articles[0]
        firstSeen = articles.compactMap(\.firstSeen).min() ?? first.time
        title = first.title
    }

    /// Stories ranked as "top": told by more outlets, then more articles, then earlier.
    static func ranked(_ stories: [StorySummary]) -> [StorySummary] {
        stories.sorted {
            ($1.outlets.count, $1.articles.count, $0.firstSeen, $0.id) < ($0.outlets.count, $0.articles.count, $1.firstSeen, $1.id)
        }
    }
}
