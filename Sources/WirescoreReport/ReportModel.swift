/// The records a report is drawn from, read from an output tree (DESIGN.md's record fields).
///
/// Plain values, decoupled from the pipeline's writers: the report reads files that any
/// wirescore version (or another shard's host) wrote, so every field a record may lack is
/// optional here rather than a reason to drop the line.

/// A company's mention in one article (a row of the article's `entities`).
public struct ArticleMention: Sendable, Equatable {
    public var id: String
    public var name: String
    public var sector: String?
    public var relevance: Double
    public var sentiment: Double
    public var evidence: String?
}

/// A corporate event an article reports (docs/events.md).
public struct ArticleEvent: Sendable, Equatable {
    public var type: String
    public var company: String?
    public var role: String?
    public var sentiment: Double
    public var ess: Int?
    public var confidence: Double
    public var evidence: String?
}

/// One line of `articles/`.
public struct ArticleLine: Sendable, Equatable {
    /// The partition the line was read from (its published day, else its fetch day).
    public var day: String
    public var id: String
    public var url: String
    /// The canonical URL when the page named one: what a reader should open.
    public var canonicalURL: String?
    public var feed: String
    public var source: String
    public var title: String
    public var published: String?
    public var fetched: String
    public var storyID: String
    public var novelty: Int
    public var firstSeen: String?
    public var sentiment: Double?
    public var mentions: [ArticleMention]
    public var events: [ArticleEvent]
    public var quality: String

    /// The link a reader follows: the canonical URL, else the fetched one.
    public var link: String { canonicalURL ?? url }
    /// When the article appeared: published, else fetched (RFC 3339 UTC, sorts as text).
    public var time: String { published ?? fetched }
}

/// One signal of a score line, in the file's order.
public struct SignalLine: Sendable, Equatable {
    public var name: String
    public var score: Int?
    public var label: String?
    public var weight: Double?
}

/// One line of `scores/`: a company's composite on a day.
public struct ScoreLine: Sendable, Equatable {
    public var date: String
    public var entity: String
    public var name: String
    public var sector: String?
    public var composite: String
    public var score: Int?
    public var label: String
    public var signals: [SignalLine]
    public var available: Int
    public var total: Int
    public var capped: Bool
    public var summary: String
    public var articles: Int
    public var topArticles: [String]

    /// True when at least one signal has data (DESIGN's rule: no-signal lines are not shown).
    public var hasSignal: Bool { signals.contains { $0.score != nil } }
}

/// One line of `errors/`.
public struct ErrorLine: Sendable, Equatable {
    public var day: String
    public var at: String
    public var kind: String
    public var feed: String
    public var url: String
    public var code: String
    public var reason: String
}

/// A feed's health from the run state (`state/state.sqlite`), when the tree has one.
public struct FeedHealthLine: Sendable, Equatable {
    public var feed: String
    public var url: String
    public var consecutiveFailures: Int
    public var lastSuccess: String?
    public var lastFailure: String?
    public var lastError: String?
}

/// Price and day change for a company from the pipeline's factor file (`price`, `change`
/// columns; change as a fraction, -0.012 for -1.2%).
public struct PriceContext: Sendable, Equatable {
    public var price: Double
    public var change: Double?
    public var asOf: String
}
