import Foundation
import Testing

/// A small output tree written to a temporary folder: three days, three scored companies
/// (one with no signal at all), a story told by two outlets, events and errors.
struct OutputTreeFixture {
    let root: String

    static let days = ["2026-11-18", "2026-11-19", "2026-11-20"]
    /// alpha scores by company and day (nil: no line that day).
    static let alpha: [String: [Int?]] = ["AAA": [60, 64, 71], "BBB": [40, 38, 30], "CCC": [nil, 50, 52]]

    init(_ name: String) throws {
        root = NSTemporaryDirectory() + "wirescore-report-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: root)
        for (d, day) in Self.days.enumerated() {
            var scores: [String] = []
            for ticker in ["AAA", "BBB", "CCC"] {
                guard let score = Self.alpha[ticker]?[d] else { continue }
                scores.append(Self.score(day, ticker, "alpha", score))
            }
            for ticker in ["AAA", "BBB"] { scores.append(Self.score(day, ticker, "news", 50 + d)) }
            // A line with no signal at all: left out of every view.
            scores.append(#"{"date":"\#(day)","entity":"ZZZ","name":"Zed Co","sector":null,"composite":"news","score":null,"label":"Insufficient data","signals":{"sentiment":null,"momentum":null},"coverage":{"available":0,"total":2},"capped":false,"summary":"News Score unavailable: insufficient data (0 of 2 signals).","articles":0,"top_articles":[],"version":"t"}"#)
            try write("scores", day, scores)
        }
        try write("articles", "2026-11-19", [
            Self.article("a1", "2026-11-19T09:00:00Z", source: "Wire One", story: "s1", novelty: 100, title: "AAA beats estimates",
                         mentions: [("AAA", 0.6)], event: "earnings/result/beat"),
        ])
        try write("articles", "2026-11-20", [
            Self.article("a2", "2026-11-20T10:00:00Z", source: "Wire One", story: "s2", novelty: 100, title: "AAA raises guidance <b>again</b>",
                         mentions: [("AAA", 0.5), ("BBB", -0.2)], event: "earnings/guidance/raise"),
            Self.article("a3", "2026-11-20T11:30:00Z", source: "Daily Two", story: "s2", novelty: 30, title: "AAA lifts outlook",
                         mentions: [("AAA", 0.3)], event: nil),
            Self.article("a4", "2026-11-20T12:00:00Z", source: "Daily Two", story: "s3", novelty: 100, title: "BBB cuts jobs",
                         mentions: [("BBB", -0.7)], event: "labor/layoffs"),
            "{not json",
        ])
        try write("errors", "2026-11-20", [
            #"{"at":"2026-11-20T08:00:00Z","kind":"feed","feed":"wire-one","url":"https://one.example/rss","code":"timeout","reason":"no answer in 30 s","status":null,"pipeline":"t"}"#,
            #"{"at":"2026-11-20T08:01:00Z","kind":"article","feed":"daily-two","url":"https://two.example/x","code":"http_status","reason":"HTTP 404","status":404,"pipeline":"t"}"#,
        ])
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    private func write(_ kind: String, _ day: String, _ lines: [String]) throws {
        let dir = "\(root)/\(kind)/date=\(day)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/part-0.jsonl"))
    }

    static func score(_ day: String, _ ticker: String, _ composite: String, _ score: Int) -> String {
        let label = score >= 75 ? "Strong" : score >= 55 ? "Moderate" : score >= 26 ? "Weak" : "Poor"
        let title = composite == "alpha" ? "Alpha Score" : "News Score"
        return #"{"date":"\#(day)","entity":"\#(ticker)","name":"\#(ticker) Corp","sector":"Tech","composite":"\#(composite)","score":\#(score),"label":"\#(label)","signals":{"momentum":{"score":\#(score),"label":"moderate","weight":30},"value":null,"sentiment":{"score":55,"label":"moderate","weight":20}},"coverage":{"available":2,"total":3},"capped":true,"summary":"\#(title) of \#(score) reflects moderate overall profile with moderate momentum, moderate sentiment. Based on 2 of 3 signals — score is capped at 90 until remaining data ingests.","articles":2,"top_articles":["a2"],"version":"t"}"#
    }

    static func article(_ id: String, _ published: String, source: String, story: String, novelty: Int, title: String,
                        mentions: [(String, Double)], event: String?) -> String {
        let entities = mentions.map { ticker, sentiment in
            #"{"id":"\#(ticker)","name":"\#(ticker) Corp","type":"company","exchange":"NYSE","sector":"Tech","mentions":2,"relevance":80,"sentiment":\#(sentiment),"label":"positive","evidence":"\#(ticker) said things on \#(id)."}"#
        }.joined(separator: ",")
        let events = event.map { #"[{"type":"\#($0)","company":"\#(mentions[0].0)","role":"subject","sentiment":0.5,"ess":75,"confidence":0.9,"evidence":"Evidence for \#($0).","novelty":\#(novelty)}]"# } ?? "[]"
        let escapedTitle = title.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"id":"\#(id)","url":"https://\#(source.lowercased().replacingOccurrences(of: " ", with: "")).example/\#(id)","canonical_url":null,"feed":"f","source":"\#(source)","title":"\#(escapedTitle)","author":null,"lang":"en","published":"\#(published)","fetched":"2026-11-21T00:00:00Z","words":300,"story":{"id":"\#(story)","novelty":\#(novelty),"first_seen":"\#(published)"},"sentiment":{"score":0.2,"label":"positive"},"entities":[\#(entities)],"events":\#(events),"quality":{"status":"ok","reasons":[]},"pipeline":"t","version":"t"}"#
    }
}

/// Attribute values of `attribute` on elements whose opening tag contains `marker`, in order.
func attributeValues(_ attribute: String, in html: String, marker: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    while let open = rest.range(of: "<") {
        guard let close = rest[open.upperBound...].range(of: ">") else { break }
        let tag = rest[open.lowerBound..<close.upperBound]
        if tag.contains(marker), let a = tag.range(of: " \(attribute)=\"") {
            let value = tag[a.upperBound...].prefix { $0 != "\"" }
            values.append(String(value))
        }
        rest = rest[close.upperBound...]
    }
    return values
}

/// The HTML between `<figure ... id="ID"` and its `</figure>`.
func figure(_ id: String, in html: String) throws -> String {
    let start = try #require(html.range(of: "id=\"\(id)\""))
    let end = try #require(html[start.upperBound...].range(of: "</figure>"))
    return String(html[start.lowerBound..<end.upperBound])
}
