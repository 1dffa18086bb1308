import Foundation
import Logging
import WirescoreArchive
import WirescoreCore
import WirescoreFeeds
import WirescoreFetch
import WirescoreStore

/// Reads a news sitemap (or sitemap index) the feed list names, as the feed stage reads a feed:
/// its pages become open items, to be fetched and settled like feed items.
///
/// A `<urlset>` is one listing, accepted with its validators (a 304 next run lists nothing
/// new, as for a feed). A `<sitemapindex>` is read through: each sitemap it names is fetched
/// conditionally and accepted with its own validators, and the index itself keeps none, so it
/// is read again every run (publishers rewrite the child sitemaps, not the index). Bounded: at
/// most ``maxSitemaps`` sitemaps per source per run, two levels of index, each URL read once
/// per run (an index naming itself or an ancestor is a cycle, skipped with a note), and at
/// most `maxItems` pages, newest first by `news:publication_date` (else `lastmod`). Bodies
/// that are gzip files (`sitemap.xml.gz`) are inflated, up to ``maxInflatedBytes``.
struct SitemapSource: Sendable {
    /// Fetches a child sitemap, following its redirects hop by hop.
    let redirects: RedirectWalk
    let state: RunState
    let maxItems: Int
    let pipelineName: String
    let logger: Logger

    static let maxSitemaps = 50
    static let maxDepth = 2
    /// The sitemap protocol's own limit for one uncompressed file.
    static let maxInflatedBytes = 50 * 1024 * 1024

    /// One sitemap's answer to accept: its pages and validators.
    struct Part: Sendable {
        var url: String
        var validators: HTTPValidators
        var items: [OpenItem]
    }

    enum Outcome: Sendable {
        /// The parts to accept, and what the sink must hear first (child responses for the
        /// archive, one error line per child sitemap that failed).
        case listing([Part], events: [SinkEvent])
        /// The sitemap the feed list names is unusable: the source failed.
        case failed(code: ErrorCode, reason: String)
        case stateFailure(StateFailure)
        /// The run is stopping: nothing accepted.
        case interrupted
    }

    /// Reads the source whose top document is `top` (already fetched, status 2xx, archived).
    func read(_ feed: FeedSpec, top: FetchResponse) async -> Outcome {
        let feedIsFile = feed.url.lowercased().hasPrefix("file:")
        let document: SitemapDocument
        switch parse(top.body) {
        case let .failure(error): return .failed(code: .notAFeed, reason: error.message)
        case let .success(parsed): document = parsed
        }
        var visited: Set<String> = [URLCanonicalizer.canonical(top.finalURL) ?? top.finalURL,
                                    URLCanonicalizer.canonical(feed.url) ?? feed.url]
        var events: [SinkEvent] = []
        var pages: [(sitemap: String, entry: SitemapURL, order: Int)] = []
        var parts: [String: HTTPValidators] = [:]
        var partOrder: [String] = []
        var fetched = 0

        func note(_ url: String, _ code: ErrorCode, _ reason: String, status: Int? = nil) {
            logger.warning("sitemap skipped", metadata: ["feed": "\(feed.id)", "url": "\(url)", "reason": "\(reason)"])
            events.append(.failure(ErrorRecord(kind: .feed, feed: feed.id, url: url, code: code, reason: reason,
                                               status: status, at: Date(), pipeline: pipelineName), itemKey: nil, settled: true))
        }
        func collect(_ document: SitemapDocument, from url: String) {
            if let problem = document.problem { logger.info("sitemap ill-formed; entries recovered", metadata: ["url": "\(url)", "problem": "\(problem)"]) }
            if document.skippedEntries > 0 {
                logger.notice("sitemap lists more entries than are read", metadata: ["url": "\(url)", "skipped": "\(document.skippedEntries)"])
            }
            for entry in document.urls { pages.append((url, entry, pages.count)) }
        }

        // Breadth first: (sitemap URL, depth). The top document is already here.
        var queue: [(url: String, depth: Int)] = []
        if document.kind == .urlset {
            parts[feed.url] = HTTPValidators(etag: top.etag, lastModified: top.lastModified)
            partOrder.append(feed.url)
            collect(document, from: feed.url)
        } else {
            parts[feed.url] = HTTPValidators(etag: nil, lastModified: nil)
            partOrder.append(feed.url)
            queue = document.sitemaps.map { ($0, 1) }
        }
        while !queue.isEmpty {
            let (raw, depth) = queue.removeFirst()
            guard case let .fetch(url) = ItemLink.check(raw, against: top.finalURL, feedIsFile: feedIsFile) else {
                note(raw, .badURL, "sitemap index entry is not a fetchable URL: \(raw.prefix(200))")
                continue
            }
            guard visited.insert(URLCanonicalizer.canonical(url) ?? url).inserted else {
                note(url, .malformedFeed, "sitemap index names a sitemap already read in this walk (a cycle); skipped")
                continue
            }
            guard fetched < Self.maxSitemaps else {
                logger.notice("sitemap index names more sitemaps than are read per run",
                              metadata: ["feed": "\(feed.id)", "limit": "\(Self.maxSitemaps)"])
                break
            }
            fetched += 1
            let validators: HTTPValidators?
            do throws(StateFailure) {
                validators = try state.access("read validators") { try $0.validators(for: url) }
            } catch {
                return .stateFailure(error)
            }
            let request = FetchRequest(url: url, etag: validators?.etag, lastModified: validators?.lastModified,
                                       allowsFile: feedIsFile)
            let outcome = await redirects.follow(request)
            events += SinkEvent.sourceHops(outcome.hops, feedID: feed.id)
            let response: FetchResponse
            let fetchedAt: Date
            switch outcome.end {
            case .interrupted:
                return .interrupted
            case let .failed(error):
                note(url, ErrorCode(error.code), error.message)
                continue
            case let .tooManyRedirects(status):
                note(url, .tooManyRedirects, redirects.tooManyReason, status: status)
                continue
            case let .response(r, at):
                response = r
                fetchedAt = at
            }
            if response.isNotModified { continue }
            events.append(.archiving(response.archivedExchange(at: fetchedAt), role: .feed(id: feed.id)))
            guard HTTPStatusRule.isUsable(response.status) else {
                note(url, .httpStatus, "HTTP \(response.status)", status: response.status)
                continue
            }
            switch parse(response.body) {
            case let .failure(error):
                note(url, .notAFeed, error.message, status: response.status)
            case let .success(child) where child.kind == .index:
                if depth >= Self.maxDepth {
                    note(url, .malformedFeed, "sitemap index nested deeper than \(Self.maxDepth) levels; skipped")
                } else {
                    queue += child.sitemaps.map { ($0, depth + 1) }
                }
            case let .success(child):
                parts[url] = HTTPValidators(etag: response.etag, lastModified: response.lastModified)
                partOrder.append(url)
                collect(child, from: url)
            }
        }

        // Newest first, as a feed lists them; undated pages after dated ones, in document order.
        pages.sort { a, b in
            let da = a.entry.published ?? a.entry.lastModified, db = b.entry.published ?? b.entry.lastModified
            switch (da, db) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.order < b.order
            }
        }
        var itemsBySitemap: [String: [OpenItem]] = [:]
        var taken = 0
        var seen: Set<String> = []
        for page in pages {
            guard taken < maxItems else { break }
            guard case let .fetch(link) = ItemLink.check(page.entry.loc, against: page.sitemap, feedIsFile: feedIsFile) else {
                continue
            }
            let key = URLCanonicalizer.canonical(link) ?? link
            guard seen.insert(key).inserted else { continue }
            taken += 1
            itemsBySitemap[page.sitemap, default: []].append(OpenItem(
                key: key, feed: feed.id, link: link, feedTitle: page.entry.publication ?? feed.title,
                title: page.entry.title, author: nil, published: page.entry.published ?? page.entry.lastModified,
                entityHints: page.entry.stockTickers, language: page.entry.language))
        }
        // Children first, the source's own URL last: its validators are saved only once every
        // page it led to is open (the order acceptFeedListing relies on).
        let ordered = partOrder.filter { $0 != feed.url } + [feed.url]
        let result = ordered.map { Part(url: $0, validators: parts[$0] ?? HTTPValidators(etag: nil, lastModified: nil),
                                        items: itemsBySitemap[$0] ?? []) }
        return .listing(result, events: events)
    }

    /// A sitemap body (gzip or not) parsed; gzip is recognised by its magic bytes, since
    /// servers send `.xml.gz` files as `application/x-gzip`, `application/octet-stream`, or
    /// with a `Content-Encoding` that libcurl already removed.
    func parse(_ body: [UInt8]) -> Result<SitemapDocument, SitemapError> {
        var bytes = body
        if bytes.starts(with: [0x1F, 0x8B]) {
            do {
                bytes = try Gzip.decompressMembers(bytes, limit: Self.maxInflatedBytes).flatMap { $0 }
            } catch {
                return .failure(SitemapError(error.isLimit
                    ? "gzip sitemap inflates past \(Self.maxInflatedBytes) bytes (the sitemap protocol's limit)"
                    : "gzip sitemap is damaged: \(error.message)"))
            }
        }
        do {
            return .success(try SitemapParser(maxEntries: 50_000).parse(bytes))
        } catch {
            return .failure(error)
        }
    }
}
