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

    /// The article record's `sentiment`.
    public var sentimentField: SentimentField {
        SentimentField(score: Self.rounded(score), label: label.rawValue)
    }

    /// The article record's `entities`.
    public var entityFields: [EntityField] {
        entities.map { e in
            EntityField(id: e.id, name: e.name, type: e.type, exchange: e.exchange, sector: e.sector, mentions: e.mentions,
                        relevance: e.relevance, sentiment: Self.rounded(e.sentiment), label: e.label.rawValue,
                        evidence: e.evidence)
        }
    }

    /// A score as records carry it: four decimals keep records short and byte-stable across runs.
    public static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
