import WirescoreCore

/// The result of ``TextAnalyzer/analyze(title:text:target:)``: article tone, per-entity
/// sentiment, and optionally the sentiment toward a named target.
public struct TextAnalysis: Sendable {
    /// One tagged entity with its sentiment, in DESIGN.md's article-record shape.
    public struct Entity: Sendable {
        public var id: String
        public var name: String
        public var type: String
        public var exchange: String?
        public var sector: String?
        public var mentions: Int
        /// 0-100: headline 100, lead paragraph high, later and rarer lower.
        public var relevance: Int
        public var sentiment: Double
        public var label: SentimentLabel
        /// The sentence that drove the sentiment (the strongest one mentioning the entity).
        public var evidence: String
    }
    public struct Target: Sendable {
        public var name: String
        public var sentiment: Double
    }

    public var score: Double
    public var label: SentimentLabel
    public var entities: [Entity]
    public var target: Target?

    /// `{score, label}` for the article record's `sentiment`.
    public func sentimentJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("score", .double(Self.rounded(score)))
        b.set("label", label.rawValue)
        return b.value
    }

    /// The article record's `entities` array.
    public func entitiesJSON() -> JSONValue {
        .array(entities.map { e in
            var b = JSONObjectBuilder()
            b.set("id", e.id)
            b.set("name", e.name)
            b.set("type", e.type)
            b.set("exchange", e.exchange)
            b.set("sector", e.sector)
            b.set("mentions", e.mentions)
            b.set("relevance", e.relevance)
            b.set("sentiment", .double(Self.rounded(e.sentiment)))
            b.set("label", e.label.rawValue)
            b.set("evidence", e.evidence)
            return b.value
        })
    }

    /// A score as records carry it: four decimals keep records short and byte-stable across runs.
    public static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
