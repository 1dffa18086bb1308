import Foundation

/// An item a feed listed that has not settled yet: what the article stage needs to fetch it,
/// kept in run state from the moment the feed's answer is accepted.
///
/// Why it is stored rather than re-read from the feed: once the feed's validators are saved,
/// the next run gets `304 Not Modified` and no items at all. Every item the feed ever listed
/// therefore stays open here until it is written, fails for good, or runs out of attempts,
/// whatever the feed answers later.
public struct OpenItem: Sendable, Equatable {
    /// The item's key in run state (its canonical link, or `guid:` and the entry id).
    public var key: String
    public var feed: String
    /// The absolute link to fetch.
    public var link: String
    public var feedTitle: String?
    public var title: String?
    public var author: String?
    public var published: Date?
    /// Companies the source says the item is about, as `EXCHANGE:SYMBOL` (a news sitemap's
    /// `news:stock_tickers`); empty for feed items.
    public var entityHints: [String]
    /// The language the source declares for the item, as it wrote it (`en`, `zh-cn`): a news
    /// sitemap's `news:language` or the feed's `<language>`; nil when it declares none.
    public var language: String?

    public init(key: String, feed: String, link: String, feedTitle: String? = nil, title: String? = nil,
                author: String? = nil, published: Date? = nil, entityHints: [String] = [], language: String? = nil) {
        self.key = key; self.feed = feed; self.link = link; self.feedTitle = feedTitle
        self.title = title; self.author = author; self.published = published; self.entityHints = entityHints
        self.language = language
    }
}

/// A written article as run state remembers it.
public struct WrittenArticle: Sendable, Equatable {
    /// SimHash of the article's title and text; nil when not recorded.
    public var fingerprint: UInt64?
    public init(fingerprint: UInt64?) { self.fingerprint = fingerprint }
}
