import AsyncAlgorithms
import Foundation
import Logging
import WirescoreCore
import WirescoreFeeds
import WirescoreFetch
import WirescoreStore

/// Fetches each feed (conditionally), parses it and hands its new items to the article stage.
///
/// Sending into the jobs channel suspends while the article workers are busy, so a large feed
/// list never piles up more than a handful of pending jobs in memory (back pressure).
struct FeedStage: Sendable {
    let fetcher: Fetcher
    let state: StateStore
    let pipelineName: String
    let maxItemsPerFeed: Int
    let concurrency: Int
    let deadline: Date?
    let logger: Logger

    func run(feeds: [FeedSpec], jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>) async {
        // Items queued in this run, so two feeds listing one article fetch it once.
        let queued = QueuedItems()
        await withTaskGroup(of: Void.self) { group in
            var iterator = feeds.makeIterator()
            func startNext() -> Bool {
                guard let feed = iterator.next() else { return false }
                group.addTask { await process(feed, jobs: jobs, sink: sink, queued: queued) }
                return true
            }
            // Keep `concurrency` feeds in flight; past the deadline, start no new ones.
            var running = 0
            while running < max(1, concurrency), startNext() { running += 1 }
            while await group.next() != nil {
                if let deadline, Date() >= deadline { continue }
                _ = startNext()
            }
        }
    }

    private func process(_ feed: FeedSpec, jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>,
                         queued: QueuedItems) async {
        let now = Date()
        if let health = try? state.health(of: feed.id), let next = health.nextAttempt, next > now {
            logger.debug("feed backing off", metadata: ["feed": "\(feed.id)", "until": "\(UTCTimestamp.rfc3339(next))"])
            await sink.send(.feed(.backingOff))
            return
        }
        let validators = (try? state.validators(for: feed.url)) ?? nil
        let request = FetchRequest(url: feed.url, etag: validators?.etag, lastModified: validators?.lastModified)
        let response: FetchResponse
        switch await fetcher.fetch(request) {
        case let .failure(error):
            await fail(feed, code: error.code.rawValue, reason: error.message, status: nil, retryAfter: nil, sink: sink)
            return
        case let .success(r):
            response = r
        }
        if !response.isNotModified {
            await sink.send(.archiving(response.archivedExchange(at: now), role: .feed(id: feed.id)))
        }
        if response.isNotModified {
            try? state.recordFeedSuccess(feed.id, url: feed.url, status: 304, at: Date())
            await sink.send(.feed(.notModified))
            return
        }
        guard HTTPStatusRule.isUsable(response.status) else {
            await fail(feed, code: "http_status", reason: "HTTP \(response.status)", status: response.status,
                       retryAfter: response.retryAfter, sink: sink)
            return
        }
        let document: FeedDocument
        do {
            document = try FeedParser().parse(response.body, url: response.finalURL, contentType: response.contentType,
                                              contentLocation: response.header("Content-Location"),
                                              contentLanguage: response.header("Content-Language"))
        } catch {
            await fail(feed, code: "not_a_feed", reason: "\(error)", status: response.status, retryAfter: nil, sink: sink)
            return
        }
        if document.bozo {
            // Ill-formed but recovered: the entries are still used, and the problem is
            // recorded so the feed's owner (or ours) can see it.
            let problem = document.bozoException ?? "ill-formed document"
            logger.warning("feed is ill-formed; content recovered", metadata: ["feed": "\(feed.id)", "problem": "\(problem)"])
            let record = ErrorRecord(kind: .feed, feed: feed.id, url: feed.url, code: "malformed_feed",
                                     reason: "\(problem); \(document.entries.count) entries recovered",
                                     status: response.status, at: Date(), pipeline: pipelineName)
            await sink.send(.failure(record, itemKey: nil, settled: true))
        }
        try? state.setValidators(HTTPValidators(etag: response.etag, lastModified: response.lastModified),
                                 for: feed.url, at: Date())
        try? state.recordFeedSuccess(feed.id, url: feed.url, status: response.status, at: Date())
        await sink.send(.feed(.ok))

        for entry in document.entries.prefix(maxItemsPerFeed) {
            guard let rawLink = entry.link, !rawLink.isEmpty,
                  let link = URLCanonicalizer.resolve(rawLink, against: response.finalURL) else {
                let key = entry.id.map { "guid:" + $0 }
                if let key, (try? state.isItemSettled(key)) == true { continue }
                let error = ErrorRecord(kind: .article, feed: feed.id, url: feed.url, code: "no_link",
                                        reason: "feed entry '\(entry.title ?? entry.id ?? "?")' has no link",
                                        at: Date(), pipeline: pipelineName)
                await sink.send(.failure(error, itemKey: key, settled: true))
                continue
            }
            let key = URLCanonicalizer.canonical(link) ?? link
            if (try? state.isItemSettled(key)) == true { continue }
            guard queued.insert(key) else { continue }
            let context = ArticleBuilder.Context(
                feedID: feed.id, itemKey: key, link: link, feedTitle: document.feed.title.map(FeedPlainText.from),
                entryTitle: entry.title.map(FeedPlainText.from), entryAuthor: entry.author.map(FeedPlainText.from),
                entryPublished: entry.publishedParsed ?? entry.updatedParsed)
            await jobs.send(ArticleJob(feed: feed, context: context))
        }
    }

    private func fail(_ feed: FeedSpec, code: String, reason: String, status: Int?, retryAfter: Double?,
                      sink: AsyncChannel<SinkEvent>) async {
        logger.warning("feed failed", metadata: ["feed": "\(feed.id)", "reason": "\(reason)"])
        try? state.recordFeedFailure(feed.id, url: feed.url, error: reason, status: status,
                                     retryAfter: retryAfter, at: Date())
        let record = ErrorRecord(kind: .feed, feed: feed.id, url: feed.url, code: code, reason: reason,
                                 status: status, at: Date(), pipeline: pipelineName)
        await sink.send(.failure(record, itemKey: nil, settled: true))
        await sink.send(.feed(.failed))
    }
}

/// The item keys queued in this run, shared by concurrent feed tasks.
///
/// Kept as 64-bit hashes, not strings, so a run over 100,000 items holds about a megabyte; a
/// collision (odds ~10^-10 at that size) only postpones one item to the next run, since an
/// item that was never queued is not settled.
final class QueuedItems: @unchecked Sendable {
    // @unchecked: `hashes` is only touched while `lock` is held.
    private let lock = NSLock()
    private var hashes: Set<UInt64> = []

    /// True when `key` was not queued before.
    func insert(_ key: String) -> Bool {
        let hash = StableHash.mix(StableHash.fnv1a64(key))
        lock.lock()
        defer { lock.unlock() }
        return hashes.insert(hash).inserted
    }
}
