import Foundation
import WirescoreArchive
import WirescoreCore

/// A feed item whose page the article stage should fetch.
struct ArticleJob: Sendable {
    var feed: FeedSpec
    /// What the feed said about the item (its key in run state, link, title...).
    var context: ArticleBuilder.Context
    var itemKey: String { context.itemKey }
    var link: String { context.link }
}

/// Why a response was fetched, archived next to it so `reprocess` can rebuild records.
enum ArchiveRole: Sendable {
    case feed(id: String)
    case article(ArticleBuilder.Context)
}

/// Everything the sink receives: the only stage that writes to disk or counts.
enum SinkEvent: Sendable {
    case article(ArticleRecord, itemKey: String)
    /// A failed feed or article; `settled` marks an item that must not be retried.
    case failure(ErrorRecord, itemKey: String?, settled: Bool)
    case feed(FeedOutcome)
    case deferred(itemKey: String)
    /// A raw response for `raw/…warc.gz`.
    case archive(ArchivedExchange, role: ArchiveRole)
}

/// How fetching one feed ended.
enum FeedOutcome: Sendable {
    case ok, notModified, failed, backingOff
}
