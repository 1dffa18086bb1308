import Foundation

/// One article's view of one company: a row of an article's `entities` plus its `story`.
public struct NewsObservation: Sendable, Equatable {
    public var articleID: String
    public var entity: String
    public var published: Date
    /// Entity-level sentiment, -1...1.
    public var sentiment: Double
    /// 0...100: how much the article is about this company.
    public var relevance: Double
    /// 0...100 from the story stage.
    public var novelty: Double

    public init(articleID: String, entity: String, published: Date, sentiment: Double,
                relevance: Double, novelty: Double) {
        self.articleID = articleID; self.entity = entity; self.published = published
        self.sentiment = sentiment; self.relevance = relevance; self.novelty = novelty
    }
}

/// A company in the scored universe.
public struct Company: Sendable, Equatable {
    public var ticker: String
    public var name: String
    public var sector: String?

    public init(ticker: String, name: String, sector: String?) {
        self.ticker = ticker; self.name = name; self.sector = sector
    }
}
