import AsyncAlgorithms
import Foundation
import Synchronization
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
    /// Fetches a feed or sitemap, following its redirects hop by hop.
    let redirects: RedirectWalk
    let state: RunState
    let pipelineName: String
    let maxItemsPerFeed: Int
    let concurrency: Int
    let stop: RunStop
    let logger: Logger

    func run(feeds: [FeedSpec], jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>) async {
        // Items queued in this run, so two feeds listing one article fetch it once.
        let queued = QueuedItems()
        await withTaskGroup(of: Void.self) { group in
            var iterator = feeds.makeIterator()
            func startNext() -> Bool {
                guard !stop.isRequested, let feed = iterator.next() else { return false }
                group.addTask { await process(feed, jobs: jobs, sink: sink, queued: queued) }
                return true
            }
            // Keep `concurrency` feeds in flight; once the run is stopping, start no new ones.
            var running = 0
            while running < max(1, concurrency), startNext() { running += 1 }
            while await group.next() != nil { _ = startNext() }
        }
    }

    /// Fetches one feed, accepts its listing, then queues every open item of the feed: those
    /// it lists now and those an earlier run accepted but did not settle (the feed may answer
    /// 304 now, or fail, and they must still be worked off).
    private func process(_ feed: FeedSpec, jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>,
                         queued: QueuedItems) async {
        let feedIsFile = feed.url.lowercased().hasPrefix("file:")
        let now = Date()
        guard let health = await withState("read feed health", sink, { try $0.health(of: feed.id) }) else { return }
        if let next = health?.nextAttempt, next > now {
            logger.debug("feed backing off", metadata: ["feed": "\(feed.id)", "until": "\(UTCTimestamp.rfc3339(next))"])
            await sink.send(.feed(.backingOff))
        } else if await fetchAndAccept(feed, feedIsFile: feedIsFile, sink: sink) == .interrupted {
            return
        }
        guard let open = await withState("read open items", sink, { try $0.openItems(feed: feed.id) }) else { return }
        for item in open {
            guard queued.insert(item.key) else { continue }
            // Stopping: the item stays open for the next run; counted as handed back.
            if stop.isRequested {
                await sink.send(.deferred(itemKey: item.key))
                continue
            }
            var context = ArticleBuilder.Context(
                feedID: feed.id, itemKey: item.key, link: item.link, feedTitle: item.feedTitle,
                entryTitle: item.title, entryAuthor: item.author, entryPublished: item.published,
                allowsFile: feedIsFile)
            context.entityHints = item.entityHints
            context.languageHint = item.language
            await jobs.send(ArticleJob(feed: feed, context: context))
        }
    }

    private enum FeedFetch { case done, interrupted }

    /// Fetches the feed conditionally and, when it answers with a document, records its new
    /// items as open together with its validators (one transaction: see
    /// ``StateStore/acceptFeedListing(_:validators:feedURL:at:)``).
    private func fetchAndAccept(_ feed: FeedSpec, feedIsFile: Bool, sink: AsyncChannel<SinkEvent>) async -> FeedFetch {
        guard let validators = await withState("read validators", sink, { try $0.validators(for: feed.url) }) else {
            return .interrupted
        }
        let request = FetchRequest(url: feed.url, etag: validators?.etag, lastModified: validators?.lastModified,
                                   allowsFile: feedIsFile)
        // Redirects hop by hop, each hop archived (``RedirectWalk``); the validators go with
        // every hop, as they did when libcurl followed them.
        let outcome = await redirects.follow(request)
        for event in SinkEvent.sourceHops(outcome.hops, feedID: feed.id) { await sink.send(event) }
        let response: FetchResponse
        let fetchedAt: Date
        switch outcome.end {
        case .interrupted:
            // Stopped by a signal: the feed was not really tried; the next run tries it.
            return .interrupted
        case let .failed(error):
            await fail(feed, code: ErrorCode(error.code), reason: error.message, status: nil, retryAfter: nil, sink: sink)
            return .done
        case let .tooManyRedirects(status):
            await fail(feed, code: .tooManyRedirects, reason: redirects.tooManyReason, status: status, retryAfter: nil, sink: sink)
            return .done
        case let .response(r, at):
            response = r
            fetchedAt = at
        }
        let moved = Self.permanentMove(outcome.hops, final: response)
        if let moved {
            // Followed, as feed readers do, but the list should name the new address: a
            // permanent redirect may stop being served, and every run pays the extra hop.
            logger.warning("feed moved permanently; update the feed list to its new address",
                           metadata: ["feed": "\(feed.id)", "url": "\(feed.url)", "moved_to": "\(moved)"])
        }
        if response.isNotModified {
            await persist("record the feed's 304", sink) { store in
                try store.recordFeedSuccess(feed.id, url: feed.url, status: 304, at: Date(), movedTo: moved)
            }
            await sink.send(.feed(.notModified))
            return .done
        }
        await sink.send(.archiving(response.archivedExchange(at: fetchedAt), role: .feed(id: feed.id)))
        guard HTTPStatusRule.isUsable(response.status) else {
            await fail(feed, code: .httpStatus, reason: "HTTP \(response.status)", status: response.status,
                       retryAfter: response.retryAfter, sink: sink)
            return .done
        }
        if feed.kind == .sitemap { return await acceptSitemap(feed, response: response, movedTo: moved, sink: sink) }
        let document: FeedDocument
        do {
            document = try FeedParser().parse(response.body, url: response.finalURL, contentType: response.contentType,
                                              contentLocation: response.header("Content-Location"),
                                              contentLanguage: response.header("Content-Language"))
        } catch {
            await fail(feed, code: .notAFeed, reason: "\(error)", status: response.status, retryAfter: nil, sink: sink)
            return .done
        }
        if document.bozo {
            // Ill-formed but recovered: the entries are still used, and the problem is
            // recorded so the feed's owner (or ours) can see it.
            let problem = document.bozoException ?? "ill-formed document"
            logger.warning("feed is ill-formed; content recovered", metadata: ["feed": "\(feed.id)", "problem": "\(problem)"])
            let record = ErrorRecord(kind: .feed, feed: feed.id, url: feed.url, code: .malformedFeed,
                                     reason: "\(problem); \(document.entries.count) entries recovered",
                                     status: response.status, at: Date(), pipeline: pipelineName)
            await sink.send(.failure(record, itemKey: nil, settled: true))
        }

        var listed: [OpenItem] = []
        let feedTitle = document.feed.title.map(FeedPlainText.from)
        let feedLanguage = document.feed.language
        for entry in document.entries.prefix(maxItemsPerFeed) {
            let title = entry.title.map(FeedPlainText.from)
            switch ItemLink.check(entry.link, against: response.finalURL, feedIsFile: feedIsFile) {
            case let .fetch(link):
                let key = URLCanonicalizer.canonical(link) ?? link
                listed.append(OpenItem(key: key, feed: feed.id, link: link, feedTitle: feedTitle, title: title,
                                       author: entry.author.map(FeedPlainText.from),
                                       published: entry.publishedParsed ?? entry.updatedParsed,
                                       language: feedLanguage))
            case let .refuse(code, reason, url):
                // Settled at once under the entry's guid (or link), so it is reported once.
                let key = entry.id.map { "guid:" + $0 } ?? entry.link.map { "link:" + $0 }
                if let key {
                    guard let settled = await withState("look up an item", sink, { try $0.isItemSettled(key) }) else {
                        return .interrupted
                    }
                    if settled { continue }
                }
                let error = ErrorRecord(kind: .article, feed: feed.id, url: url ?? feed.url, code: code,
                                        reason: "feed entry '\(title ?? entry.id ?? "?")': \(reason)",
                                        at: Date(), pipeline: pipelineName)
                await sink.send(.failure(error, itemKey: key, settled: true))
            }
        }
        let accepted = await persist("accept the feed's items", sink) { store in
            try store.acceptFeedListing(listed, validators: HTTPValidators(etag: response.etag, lastModified: response.lastModified),
                                        feedURL: feed.url, at: Date())
            try store.recordFeedSuccess(feed.id, url: feed.url, status: response.status, at: Date(), movedTo: moved)
        }
        if accepted { await sink.send(.feed(.ok)) }
        return accepted ? .done : .interrupted
    }

    /// Reads a news sitemap (through its index, if it is one) and accepts its pages as open
    /// items, each sitemap with its own validators (``SitemapSource``).
    private func acceptSitemap(_ feed: FeedSpec, response: FetchResponse, movedTo: String?,
                               sink: AsyncChannel<SinkEvent>) async -> FeedFetch {
        let source = SitemapSource(redirects: redirects, state: state, maxItems: maxItemsPerFeed,
                                   pipelineName: pipelineName, logger: logger)
        switch await source.read(feed, top: response) {
        case .interrupted:
            return .interrupted
        case let .stateFailure(failure):
            await sink.send(.stateFailure(failure))
            return .interrupted
        case let .failed(code, reason):
            await fail(feed, code: code, reason: reason, status: response.status, retryAfter: nil, sink: sink)
            return .done
        case let .listing(parts, events):
            for event in events { await sink.send(event) }
            let accepted = await persist("accept the sitemap's items", sink) { store in
                for part in parts {
                    try store.acceptFeedListing(part.items, validators: part.validators, feedURL: part.url, at: Date())
                }
                try store.recordFeedSuccess(feed.id, url: feed.url, status: response.status, at: Date(), movedTo: movedTo)
            }
            if accepted { await sink.send(.feed(.ok)) }
            return accepted ? .done : .interrupted
        }
    }

    /// Runs a read or write of run state; nil when it failed, after handing the failure to the
    /// sink, which ends the run (``RunState``'s policy).
    private func withState<T>(_ what: String, _ sink: AsyncChannel<SinkEvent>,
                              _ body: (StateStore) throws -> T) async -> T? {
        do throws(StateFailure) {
            return try state.access(what, body)
        } catch {
            await sink.send(.stateFailure(error))
            return nil
        }
    }

    /// ``withState(_:_:_:)`` for a write: whether it succeeded.
    @discardableResult
    private func persist(_ what: String, _ sink: AsyncChannel<SinkEvent>,
                         _ body: (StateStore) throws -> Void) async -> Bool {
        await withState(what, sink, body) != nil
    }

    /// Where a feed has moved for good: the final URL of a walk whose redirects were all
    /// permanent (301 or 308) and that ended in a usable answer; nil otherwise (a temporary
    /// redirect anywhere on the way says the listed address is still the one to ask).
    static func permanentMove(_ hops: [RedirectWalk.Hop], final: FetchResponse) -> String? {
        guard let last = hops.last, hops.allSatisfy({ $0.response.status == 301 || $0.response.status == 308 }),
              final.isNotModified || HTTPStatusRule.isUsable(final.status) else { return nil }
        return last.location
    }

    private func fail(_ feed: FeedSpec, code: ErrorCode, reason: String, status: Int?, retryAfter: Double?,
                      sink: AsyncChannel<SinkEvent>) async {
        logger.warning("feed failed", metadata: ["feed": "\(feed.id)", "reason": "\(reason)"])
        await persist("record the feed's failure", sink) { store in
            try store.recordFeedFailure(feed.id, url: feed.url, error: reason, status: status,
                                        retryAfter: retryAfter, at: Date())
        }
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
final class QueuedItems: Sendable {
    private let hashes = Mutex<Set<UInt64>>([])

    /// True when `key` was not queued before.
    func insert(_ key: String) -> Bool {
        let hash = StableHash.mix(StableHash.fnv1a64(key))
        return hashes.withLock { $0.insert(hash).inserted }
    }
}
