import WirescoreCore

/// One signal's contribution to a composite: `score` is nil when its data is missing.
public struct SignalScore: Sendable, Equatable {
    public var name: String
    public var score: Int?
    public var weight: Double

    public init(name: String, score: Int?, weight: Double) {
        self.name = name; self.score = score; self.weight = weight
    }
}

/// One line of `scores/date=.../part-N.jsonl`: a company's composite on a date.
///
/// Built with ``init(date:entity:name:sector:composite:title:signals:minimumSignals:articles:topArticles:version:)``,
/// which does the combining, so the score, cap, label and summary can never disagree.
public struct ScoreRecord: Sendable, Equatable {
    public var date: String
    public var entity: String
    public var name: String
    public var sector: String?
    public var composite: String
    /// How the summary names the composite ("Alpha Score").
    public var title: String
    public var score: Int?
    public var signals: [SignalScore]
    public var articles: Int
    public var topArticles: [String]
    public var version: String
    /// The corporate event that drives the composite's events signal ("an analyst downgrade"),
    /// named at the end of the summary.
    public var drivingEvent: String?

    /// Combines signal scores into the composite.
    ///
    /// The score is the weighted mean of the available signals' scores (weights renormalised
    /// over what is available), rounded half away from zero, then capped at 90 when any signal
    /// is missing: a company should not look best-in-class on partial evidence. With fewer
    /// than `minimumSignals` available the score is nil ("Insufficient data").
    public init(date: String, entity: String, name: String, sector: String?, composite: String, title: String,
                signals: [SignalScore], minimumSignals: Int, articles: Int, topArticles: [String], version: String,
                drivingEvent: String? = nil) {
        self.drivingEvent = drivingEvent
        self.date = date; self.entity = entity; self.name = name; self.sector = sector
        self.composite = composite; self.title = title; self.signals = signals
        self.articles = articles; self.topArticles = topArticles; self.version = version
        let available = signals.filter { $0.score != nil }
        let weight = available.reduce(0) { $0 + $1.weight }
        if available.count >= max(1, minimumSignals), weight > 0 {
            let mean = available.reduce(0.0) { $0 + Double($1.score ?? 0) * $1.weight } / weight
            let rounded = Int(mean.rounded())
            score = available.count < signals.count ? min(rounded, Self.cap) : rounded
        } else {
            score = nil
        }
    }

    /// The ceiling for a score built from fewer than all of its signals.
    public static let cap = 90

    public var available: Int { signals.filter { $0.score != nil }.count }
    public var total: Int { signals.count }
    /// True when the score stands on fewer than all signals (and so was held to at most 90).
    public var capped: Bool { score != nil && available < total }

    public var label: String {
        guard let score else { return CompositeBand.insufficientData }
        return CompositeBand(score: score).rawValue
    }

    /// DESIGN.md's sentence: "Alpha Score of 65 reflects moderate overall profile with moderate
    /// momentum, moderate value, strong quality, weak sentiment." plus, when signals are
    /// missing, " Based on 3 of 4 signals — score is capped at 90 until remaining data ingests."
    /// Only available signals are listed. Without a score: "Alpha Score unavailable:
    /// insufficient data (1 of 4 signals)."
    public var summary: String {
        guard let score else {
            return "\(title) unavailable: insufficient data (\(available) of \(total) signals)."
        }
        let parts = signals.compactMap { signal in
            signal.score.map { "\(ProfileWord(score: $0).rawValue) \(signal.name)" }
        }
        var sentence = "\(title) of \(score) reflects \(ProfileWord(score: score).rawValue) overall profile"
        sentence += parts.isEmpty ? "" : " with " + parts.joined(separator: ", ")
        sentence += drivingEvent.map { ", led by " + $0 + "." } ?? "."
        if available < total {
            sentence += " Based on \(available) of \(total) signals — score is capped at \(Self.cap) until remaining data ingests."
        }
        return sentence
    }

    /// The record in DESIGN.md's key order: date, entity, name, sector, composite, score, label,
    /// signals, coverage, capped, summary, articles, top_articles, version.
    public func scoreJSON() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("date", date)
        o.set("entity", entity)
        o.set("name", name)
        o.set("sector", sector)
        o.set("composite", composite)
        o.set("score", score.map(JSONValue.int) ?? .null)
        o.set("label", label)
        var signalObject = JSONObjectBuilder()
        for signal in signals {
            guard let value = signal.score else { signalObject.set(signal.name, .null); continue }
            var s = JSONObjectBuilder()
            s.set("score", value)
            // Signal labels use the summary's words so the record and its sentence agree.
            s.set("label", ProfileWord(score: value).rawValue)
            s.set("weight", Self.number(signal.weight))
            signalObject.set(signal.name, s.value)
        }
        o.set("signals", signalObject.value)
        o.set("coverage", .object([("available", .int(available)), ("total", .int(total))]))
        o.set("capped", capped)
        o.set("summary", summary)
        o.set("articles", articles)
        o.set("top_articles", .array(topArticles.map(JSONValue.string)))
        o.set("version", version)
        return o.value
    }

    /// Whole weights print as integers (30, not 30.0) so the record reads like the YAML.
    private static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }
}
