import Foundation
import WirescoreCore

/// A feed item whose page the article stage should fetch.
struct ArticleJob: Sendable {
    var feed: FeedSpec
    /// The item's key in run state: its canonical link.
    var itemKey: String
    var link: String
    var feedTitle: String?
    var entryTitle: String?
    var entryAuthor: String?
    var entryPublished: Date?
}

/// Everything the sink receives: the only stage that writes to disk or counts.
enum SinkEvent: Sendable {
    case article(ArticleRecord, itemKey: String)
    /// A failed feed or article; `settled` marks an item that must not be retried.
    case failure(ErrorRecord, itemKey: String?, settled: Bool)
    case feed(FeedOutcome)
    case deferred(itemKey: String)
}

/// How fetching one feed ended.
enum FeedOutcome: Sendable {
    case ok, notModified, failed, backingOff
}
