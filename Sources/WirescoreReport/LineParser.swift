import Foundation

/// Turns one JSONL line of each record kind into its report value; nil for a line that is not
/// a JSON object or lacks the fields that identify it (id, entity, date ...).
enum LineParser {
    static func article(_ line: Data, day: String) -> ArticleLine? {
        guard let r = JSONNode.parse(ArticleText.stripped(line)), let id = r["id"]?.string,
              let url = r["url"]?.string else { return nil }
        let story = r["story"]
        let mentions = (r["entities"]?.array ?? []).compactMap { e -> ArticleMention? in
            guard let entity = e["id"]?.string ?? e["name"]?.string else { return nil }
            return ArticleMention(id: entity, name: e["name"]?.string ?? entity, sector: e["sector"]?.string,
                                  relevance: e["relevance"]?.double ?? 0, sentiment: e["sentiment"]?.double ?? 0,
                                  evidence: e["evidence"]?.string)
        }
        let events = (r["events"]?.array ?? []).compactMap { e -> ArticleEvent? in
            guard let type = e["type"]?.string else { return nil }
            return ArticleEvent(type: type, company: e["company"]?.string, role: e["role"]?.string,
                                sentiment: e["sentiment"]?.double ?? 0, ess: e["ess"]?.int,
                                confidence: e["confidence"]?.double ?? 0, evidence: e["evidence"]?.string)
        }
        let fetched = r["fetched"]?.string ?? r["published"]?.string ?? day + "T00:00:00Z"
        return ArticleLine(
            day: day, id: id, url: url, canonicalURL: r["canonical_url"]?.string,
            feed: r["feed"]?.string ?? "", source: r["source"]?.string ?? r["feed"]?.string ?? "",
            title: r["title"]?.string ?? url, published: r["published"]?.string, fetched: fetched,
            storyID: story?["id"]?.string ?? id, novelty: story?["novelty"]?.int ?? 100,
            firstSeen: story?["first_seen"]?.string,
            sentiment: r["sentiment"]?["score"]?.double,
            mentions: mentions, events: events,
            quality: r["quality"]?["status"]?.string ?? "ok")
    }

    static func score(_ line: Data) -> ScoreLine? {
        guard let r = JSONNode.parse(line), let date = r["date"]?.string, let entity = r["entity"]?.string,
              let composite = r["composite"]?.string else { return nil }
        // Signals in the file's order (the composite's), which the panel keeps.
        let signals = (r["signals"]?.pairs ?? []).map { name, s in
            SignalLine(name: name, score: s["score"]?.int, label: s["label"]?.string, weight: s["weight"]?.double)
        }
        let coverage = r["coverage"]
        return ScoreLine(
            date: date, entity: entity, name: r["name"]?.string ?? entity, sector: r["sector"]?.string,
            composite: composite, score: r["score"]?.int, label: r["label"]?.string ?? "",
            signals: signals, available: coverage?["available"]?.int ?? signals.filter { $0.score != nil }.count,
            total: coverage?["total"]?.int ?? signals.count, capped: r["capped"]?.bool ?? false,
            summary: r["summary"]?.string ?? "", articles: r["articles"]?.int ?? 0,
            topArticles: (r["top_articles"]?.array ?? []).compactMap(\.string))
    }

    static func error(_ line: Data, day: String) -> ErrorLine? {
        guard let r = JSONNode.parse(line), let code = r["code"]?.string else { return nil }
        return ErrorLine(day: day, at: r["at"]?.string ?? day, kind: r["kind"]?.string ?? "",
                         feed: r["feed"]?.string ?? "", url: r["url"]?.string ?? "",
                         code: code, reason: r["reason"]?.string ?? "")
    }
}
