import Foundation
import WirescoreArchive
import WirescoreCore
import WirescoreFeeds
import WirescoreFetch

/// Finds the sources behind a URL a user has, for `wirescore feeds add`: the URL itself when it
/// is a feed or a sitemap; else the feeds its page announces; else feeds at well-known paths;
/// else the news sitemaps its site's robots.txt names. (The order Miniflux's subscription
/// finder uses, plus the sitemaps.)
///
/// Every step is bounded: one page, at most ``FeedDiscovery/maxLinks`` announced feeds (not
/// fetched: the page's word is taken, as Miniflux does), the fixed well-known paths, and at
/// most ``maxRobotsSitemaps`` sitemaps from robots.txt. The URLs are ones the user typed or
/// their site's conventions, so robots.txt is not consulted for them (only read for Sitemap
/// lines). Requests go through the pipeline's fetch policy (its private-network rule too).
public struct FeedDiscoverer: Sendable {
    /// A source found, with how it was found.
    public struct Found: Sendable, Equatable {
        public var url: String
        public var title: String?
        public var kind: FeedSpec.Kind
        /// "the URL itself", "<link rel=alternate>", "well-known path", "robots.txt Sitemap".
        public var via: String
        /// "rss", "atom", "json", "news sitemap", "sitemap index".
        public var format: String
    }

    /// Why nothing could be looked at (the URL itself could not be fetched or read).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// robots.txt Sitemap lines looked at.
    public static let maxRobotsSitemaps = 10

    let fetcher: Fetcher

    public init(pipeline: PipelineConfig) throws {
        fetcher = try Fetcher(policy: pipeline.fetchPolicy())
    }

    /// Stops the fetcher's threads; call when done.
    public func shutdown() { fetcher.shutdown() }

    /// The sources behind `url`, best first (the first is the one to add). Empty when the URL
    /// is a page that names none and its site has none at the usual places.
    /// - Throws: ``Failure`` when `url` cannot be fetched, answers an HTTP error, or is
    ///   neither a feed, a sitemap nor an HTML page.
    public func discover(_ url: String) async throws(Failure) -> [Found] {
        let response: FetchResponse
        switch await fetcher.fetch(FetchRequest(url: url)) {
        case let .failure(error): throw Failure(message: "cannot fetch \(url): \(error)")
        case let .success(r): response = r
        }
        guard (200..<300).contains(response.status) else {
            throw Failure(message: "\(url) answered HTTP \(response.status)")
        }
        if let itself = classify(response, via: "the URL itself") { return [itself] }
        guard Self.looksLikeHTML(response) else {
            throw Failure(message: "\(url) is neither a feed, a sitemap nor an HTML page (Content-Type: \(response.contentType ?? "none"))")
        }

        let announced = FeedDiscovery.alternateLinks(inHTML: response.body, contentType: response.contentType,
                                                     pageURL: response.finalURL)
        if !announced.isEmpty {
            return announced.map { Found(url: $0.url, title: $0.title, kind: .feed, via: "<link rel=alternate>", format: $0.format.rawValue) }
        }
        let wellKnown = await firstUsable(FeedDiscovery.wellKnownURLs(for: response.finalURL), via: "well-known path") {
            $0.kind == .feed
        }
        if !wellKnown.isEmpty { return wellKnown }
        return await robotsSitemaps(for: response.finalURL)
    }

    /// The news sitemaps named by the site's robots.txt: a sitemap with Google News entries,
    /// or an index whose URL or entries say "news" (a site's general sitemap index is not a
    /// news source).
    private func robotsSitemaps(for pageURL: String) async -> [Found] {
        guard let robotsURL = FeedDiscovery.robotsURL(for: pageURL) else { return [] }
        var request = FetchRequest(url: robotsURL)
        request.maxBodyBytes = 500 * 1024
        request.truncatesBody = true
        guard case let .success(response) = await fetcher.fetch(request), (200..<300).contains(response.status) else { return [] }
        let rules = RobotsRules(parsing: response.body, userAgent: "wirescore", truncated: response.truncated)
        let named = rules.sitemaps.prefix(Self.maxRobotsSitemaps).compactMap { URLCanonicalizer.resolve($0, against: robotsURL) }
        return await firstUsable(Array(named), via: "robots.txt Sitemap", all: true) { $0.kind == .sitemap }
    }

    /// Fetches `urls` concurrently and keeps those that are sources `accept` takes, in the
    /// order given, each final URL once; only the first unless `all`.
    private func firstUsable(_ urls: [String], via: String, all: Bool = false,
                             accept: @escaping @Sendable (Found) -> Bool) async -> [Found] {
        let fetcher = self.fetcher
        let results = await withTaskGroup(of: (Int, Found?).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask {
                    guard case let .success(response) = await fetcher.fetch(FetchRequest(url: url)),
                          (200..<300).contains(response.status),
                          let found = Self.classify(response, via: via), accept(found) else { return (index, nil) }
                    return (index, found)
                }
            }
            var collected: [(Int, Found?)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.compactMap(\.1)
        }
        var seen: Set<String> = []
        let unique = results.filter { seen.insert($0.url).inserted }
        return all ? unique : Array(unique.prefix(1))
    }

    private func classify(_ response: FetchResponse, via: String) -> Found? { Self.classify(response, via: via) }

    /// The response as a source: a feed (by the feed parser) or a sitemap (by its root
    /// element); nil for anything else.
    static func classify(_ response: FetchResponse, via: String) -> Found? {
        var body = response.body
        if body.starts(with: [0x1F, 0x8B]), let inflated = try? Gzip.decompressMembers(body, limit: 50 << 20) {
            body = inflated.flatMap { $0 }
        }
        if let sitemap = try? SitemapParser(maxEntries: 1000).parse(body) {
            let news = sitemap.isNews
                || sitemap.kind == .index && (response.finalURL.lowercased().contains("news")
                                              || sitemap.sitemaps.contains { $0.lowercased().contains("news") })
            guard news || via == "the URL itself" else { return nil }
            return Found(url: response.finalURL, title: sitemap.urls.first?.publication, kind: .sitemap, via: via,
                         format: sitemap.kind == .index ? "sitemap index" : (sitemap.isNews ? "news sitemap" : "sitemap"))
        }
        guard !looksLikeHTML(response),
              let document = try? FeedParser().parse(response.body, url: response.finalURL, contentType: response.contentType),
              !document.version.isEmpty else { return nil }
        let format = document.version.hasPrefix("atom") ? "atom" : document.version.hasPrefix("json") ? "json" : "rss"
        return Found(url: response.finalURL, title: document.feed.title.map(FeedPlainText.from), kind: .feed, via: via,
                     format: format)
    }

    /// An HTML page by its Content-Type, or by its first bytes when the type says nothing.
    static func looksLikeHTML(_ response: FetchResponse) -> Bool {
        let type = response.contentType?.lowercased() ?? ""
        if type.contains("html") { return true }
        if !type.isEmpty && !type.contains("text/plain") && !type.contains("octet-stream") { return false }
        let head = String(decoding: response.body.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }
}
