import Foundation
import WirescoreArchive
import WirescoreCore
import WirescoreStories

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
    /// A redirect answered on the way to a feed item's page; `location` is the next hop.
    /// `reprocess` skips these: the final response carries the page.
    case redirect(ArticleBuilder.Context, location: String)
    /// A redirect answered on the way to a feed or sitemap (a sitemap index's children
    /// included); `location` is the next hop. `reprocess` skips these, as it skips feeds.
    case sourceRedirect(feedID: String, location: String)
}

/// Everything the sink receives: the only stage that writes to disk or counts.
enum SinkEvent: Sendable {
    /// A built article with its story features (computed by the worker, matched by the sink;
    /// nil when the `story` step does not run). The sink assigns the story and serializes the
    /// record, once.
    case article(ArticleRecord, features: StoryFeatures?, itemKey: String)
    /// A failed feed or article; `settled` marks an item that must not be retried.
    case failure(ErrorRecord, itemKey: String?, settled: Bool)
    case feed(FeedOutcome)
    case deferred(itemKey: String)
    /// An article page its site's robots.txt disallows: settled, counted, no error line.
    case robotsDisallowed(itemKey: String, feed: String)
    /// A raw response for `raw/…warc.gz`, already encoded by the worker.
    case archive(EncodedExchange)
    /// An exchange that could not be encoded: the sink ends the run, as for a failed write.
    case archiveFailure(String)
    /// Run state could not be read or written: the sink ends the run (one error policy for
    /// the state store, whichever stage touched it).
    case stateFailure(StateFailure)

    /// The archive events of the redirects answered on the way to a feed or sitemap.
    static func sourceHops(_ hops: [RedirectWalk.Hop], feedID: String) -> [SinkEvent] {
        hops.map { .archiving($0.response.archivedExchange(at: $0.fetchedAt), role: .sourceRedirect(feedID: feedID, location: $0.location)) }
    }

    /// The archive event for one response: encoded here, on the calling worker's thread.
    static func archiving(_ exchange: ArchivedExchange, role: ArchiveRole) -> SinkEvent {
        do {
            return .archive(try RawArchive.encode(exchange, role: role))
        } catch {
            return .archiveFailure("cannot encode the raw response of \(exchange.targetURI) for the archive: \(error)")
        }
    }
}

/// How fetching one feed ended.
enum FeedOutcome: Sendable {
    case ok, notModified, failed, backingOff
}
