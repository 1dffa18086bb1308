import Foundation

/// Turns one JSONL line of each record kind into its report value; nil for a line that is not
/// a JSON object or lacks the fields that identify it (id, entity, date ...).
enum LineParser {
    private static func object(_ line: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
    }

    private static func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
    private static func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    static func article(_ line: Data, day: String) -> ArticleLine? {
        guard let r = object(ArticleText.stripped(line)), let id = r["id"] as? String, let url = r["url"] as? String else { return nil }
        let story = r["story"] as? [String: Any] ?? [:]
        let mentions = (r["entities"] as? [[String: Any]] ?? []).compactMap { e -> ArticleMention? in
            guard let entity = e["id"] as? String ?? e["name"] as? String else { return nil }
            return ArticleMention(id: entity, name: e["name"] as? String ?? entity, sector: e["sector"] as? String,
                                  relevance: double(e["relevance"]) ?? 0, sentiment: double(e["sentiment"]) ?? 0,
                                  evidence: e["evidence"] as? String)
        }
        let events = (r["events"] as? [[String: Any]] ?? []).compactMap { e -> ArticleEvent? in
            guard let type = e["type"] as? String else { return nil }
            return ArticleEvent(type: type, company: e["company"] as? String, role: e["role"] as? String,
                                sentiment: double(e["sentiment"]) ?? 0, ess: int(e["ess"]),
                                confidence: double(e["confidence"]) ?? 0, evidence: e["evidence"] as? String)
        }
        let fetched = r["fetched"] as? String ?? r["published"] as? String ?? day + "T00:00:00Z"
        return ArticleLine(
            day: day, id: id, url: url, canonicalURL: r["canonical_url"] as? String,
            feed: r["feed"] as? String ?? "", source: r["source"] as? String ?? r["feed"] as? String ?? "",
            title: r["title"] as? String ?? url, published: r["published"] as? String, fetched: fetched,
            storyID: story["id"] as? String ?? id, novelty: int(story["novelty"]) ?? 100,
            firstSeen: story["first_seen"] as? String,
            sentiment: double((r["sentiment"] as? [String: Any])?["score"]),
            mentions: mentions, events: events,
            quality: (r["quality"] as? [String: Any])?["status"] as? String ?? "ok")
    }

    static func score(_ line: Data) -> ScoreLine? {
        guard let r = object(line), let date = r["date"] as? String, let entity = r["entity"] as? String,
              let composite = r["composite"] as? String else { return nil }
        let signalObject = r["signals"] as? [String: Any] ?? [:]
        var order = JSONKeyOrder.keys(ofObjectNamed: "signals", in: line).filter { signalObject[$0] != nil }
        if Set(order) != Set(signalObject.keys) { order = signalObject.keys.sorted() }
        let signals = order.map { name -> SignalLine in
            let s = signalObject[name] as? [String: Any]
            return SignalLine(name: name, score: int(s?["score"]), label: s?["label"] as? String, weight: double(s?["weight"]))
        }
        let coverage = r["coverage"] as? [String: Any] ?? [:]
        return ScoreLine(
            date: date, entity: entity, name: r["name"] as? String ?? entity, sector: r["sector"] as? String,
            composite: composite, score: int(r["score"]), label: r["label"] as? String ?? "",
            signals: signals, available: int(coverage["available"]) ?? signals.filter { $0.score != nil }.count,
            total: int(coverage["total"]) ?? signals.count, capped: r["capped"] as? Bool ?? false,
            summary: r["summary"] as? String ?? "", articles: int(r["articles"]) ?? 0,
            topArticles: r["top_articles"] as? [String] ?? [])
    }

    static func error(_ line: Data, day: String) -> ErrorLine? {
        guard let r = object(line), let code = r["code"] as? String else { return nil }
        return ErrorLine(day: day, at: r["at"] as? String ?? day, kind: r["kind"] as? String ?? "",
                         feed: r["feed"] as? String ?? "", url: r["url"] as? String ?? "",
                         code: code, reason: r["reason"] as? String ?? "")
    }
}
