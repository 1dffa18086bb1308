import Foundation
import Logging
import WirescoreCore
import WirescoreFetch
import WirescoreStore

/// Each site's robots.txt, asked before an article page is fetched: fetched once per site,
/// kept in memory for the run and in run state until it expires, so cron runs a few minutes
/// apart do not ask again.
///
/// What a site's answer means (as StormCrawler and Google read it):
/// - 2xx: the file's rules for our product token (``RobotsRules``), its first
///   ``maxBodyBytes`` only; kept for the answer's ``lifetime(cacheControl:)``.
/// - 4xx (429 aside): no rules, everything allowed; kept the same way.
/// - 5xx, 429, a timeout or no connection: everything disallowed for ``unreachableFor``; the
///   pages wait (handed back to a later run, not settled), then the file is asked for again.
///
/// Concurrent questions about one site share one fetch. An actor: its tables are its own.
actor RobotsCache {
    /// What the article stage does with a page.
    enum Verdict: Sendable, Equatable {
        /// Fetch it, starting at least `crawlDelay` after the previous request to the host.
        case allowed(crawlDelay: Duration?)
        /// The site's rules disallow it: settle it without fetching.
        case disallowed
        /// The site's robots.txt could not be read: hand the page back for a later run.
        case unreachable
        /// The run is stopping (the robots.txt fetch was cancelled): hand the page back.
        case cancelled
        /// Run state could not be read or written: the run ends (``RunState``'s policy).
        case stateFailure(String)
    }

    /// robots.txt is read up to this size, the rest ignored (Google reads 500 KiB).
    static let maxBodyBytes = 500 * 1024
    /// The longest an answer is kept: RFC 9309 §2.4 asks crawlers not to use a cached
    /// robots.txt for more than 24 hours.
    static let freshFor: TimeInterval = 24 * 3600
    /// The shortest: a site saying `no-cache` (or `max-age=0`) is asked again after this, not
    /// before every page, which would double the requests it gets from us.
    static let leastFreshFor: TimeInterval = 15 * 60
    static let unreachableFor: TimeInterval = 30 * 60

    private struct Entry {
        var rules: RobotsRules
        var unreachable: Bool
        var expires: Date
    }

    private let fetcher: Fetcher
    private let state: RunState
    private let stop: RunStop
    private let userAgent: String
    private let maxCrawlDelay: Double
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    private var loading: [String: Task<Result<Entry, StateFailure>?, Never>] = [:]

    /// - Parameters:
    ///   - userAgent: the product token groups are chosen by (`wirescore`).
    ///   - maxCrawlDelay: the longest Crawl-delay honoured, in seconds.
    ///   - stop: a signal cancels a robots.txt fetch in flight (its pages are handed back).
    init(fetcher: Fetcher, state: RunState, stop: RunStop, userAgent: String = "wirescore", maxCrawlDelay: Double,
         logger: Logger) {
        self.fetcher = fetcher; self.state = state; self.stop = stop; self.userAgent = userAgent
        self.maxCrawlDelay = maxCrawlDelay; self.logger = logger
    }

    /// Whether `url` may be fetched, and how slowly. URLs that are not http(s) are allowed
    /// (robots.txt is a web convention; `file:` items of the offline demo have none).
    func verdict(for url: String) async -> Verdict {
        guard let origin = Self.origin(of: url) else { return .allowed(crawlDelay: nil) }
        let now = Date()
        let entry: Entry
        if let known = entries[origin], known.expires > now {
            entry = known
        } else {
            let task: Task<Result<Entry, StateFailure>?, Never>
            if let running = loading[origin] {
                task = running
            } else {
                task = Task { await self.load(origin) }
                loading[origin] = task
            }
            let result = await task.value
            loading[origin] = nil
            switch result {
            case nil: return .cancelled
            case let .failure(failure)?: return .stateFailure(failure.message)
            case let .success(loaded)?:
                entries[origin] = loaded
                entry = loaded
            }
        }
        if entry.unreachable { return .unreachable }
        guard entry.rules.allows(url) else { return .disallowed }
        let delay = entry.rules.crawlDelay.map { min($0, maxCrawlDelay) }
        return .allowed(crawlDelay: delay.flatMap { $0 > 0 ? .milliseconds(Int($0 * 1000)) : nil })
    }

    /// The site's rules from run state when still fresh, else from the site (then saved).
    /// nil when the fetch was cancelled (nothing is saved then).
    private func load(_ origin: String) async -> Result<Entry, StateFailure>? {
        let now = Date()
        do throws(StateFailure) {
            if let kept = try state.access("read a kept robots.txt", { try $0.robots(for: origin) }), kept.expiresAt > now {
                return .success(entry(kept))
            }
            guard let record = await fetch(origin, at: now) else { return nil }
            try state.access("keep a robots.txt") { try $0.saveRobots(record, for: origin) }
            return .success(entry(record))
        } catch {
            return .failure(error)
        }
    }

    private func entry(_ record: RobotsRecord) -> Entry {
        switch record.answer {
        case .rules:
            return Entry(rules: RobotsRules(parsing: Array(record.body.utf8), userAgent: userAgent, truncated: record.truncated),
                         unreachable: false, expires: record.expiresAt)
        case .allowAll:
            return Entry(rules: .allowAll, unreachable: false, expires: record.expiresAt)
        case .unreachable:
            return Entry(rules: .disallowAll, unreachable: true, expires: record.expiresAt)
        }
    }

    /// Asks the site for its robots.txt; nil when cancelled.
    private func fetch(_ origin: String, at now: Date) async -> RobotsRecord? {
        var request = FetchRequest(url: origin + "/robots.txt")
        request.maxBodyBytes = Self.maxBodyBytes
        request.truncatesBody = true
        let unreachable = RobotsRecord(answer: .unreachable, fetchedAt: now, expiresAt: now.addingTimeInterval(Self.unreachableFor))
        let fetcher = self.fetcher
        let robotsRequest = request
        switch await stop.interruptible({ await fetcher.fetch(robotsRequest) }) {
        case let .failure(error):
            let fresh = now.addingTimeInterval(Self.freshFor)
            switch error.code {
            case .cancelled:
                return nil
            case .timeout, .connection, .dns, .tls, .transfer:
                logger.warning("robots.txt unreachable; the site's pages wait",
                               metadata: ["site": "\(origin)", "error": "\(error)"])
                return unreachable
            default:
                // The fetch policy refuses the site itself (a blocked address, a scheme): its
                // pages fail with that reason when fetched, which says more than robots would.
                return RobotsRecord(answer: .allowAll, fetchedAt: now, expiresAt: fresh)
            }
        case let .success(response):
            let fresh = now.addingTimeInterval(Self.lifetime(cacheControl: response.header("Cache-Control")))
            switch response.status {
            case 200..<300:
                if response.truncated {
                    logger.notice("robots.txt longer than the read limit; its first bytes are used",
                                  metadata: ["site": "\(origin)", "limit": "\(Self.maxBodyBytes)"])
                }
                let text = String(decoding: response.body.filter { $0 != 0 }, as: UTF8.self)
                return RobotsRecord(answer: .rules, body: text, truncated: response.truncated, fetchedAt: now, expiresAt: fresh)
            case 429, 500...:
                logger.warning("robots.txt answered HTTP \(response.status); the site's pages wait",
                               metadata: ["site": "\(origin)"])
                return unreachable
            default:
                // 4xx (and a redirect chain that ended on a 3xx): no rules apply.
                return RobotsRecord(answer: .allowAll, fetchedAt: now, expiresAt: fresh)
            }
        }
    }

    /// How long a robots.txt answer is kept: the response's `Cache-Control: max-age` (the
    /// HTTP caching RFC 9309 allows crawlers to use) within ``leastFreshFor``...``freshFor``;
    /// `no-cache` and `no-store` mean the shortest; no directive (or one that does not parse)
    /// means the longest, as crawlers without caching support do. `Expires` is not read: every
    /// server that sets it for robots.txt also sets `max-age`, which wins over it.
    static func lifetime(cacheControl: String?) -> TimeInterval {
        guard let cacheControl else { return freshFor }
        var maxAge: TimeInterval?
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "no-cache", "no-store":
                return leastFreshFor
            case "max-age":
                guard parts.count == 2 else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                // Delta-seconds: digits only; a huge value means "forever", capped below anyway.
                if !value.isEmpty, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) {
                    maxAge = TimeInterval(value.prefix(12)) ?? freshFor
                }
            default:
                continue
            }
        }
        guard let maxAge else { return freshFor }
        return min(max(maxAge, leastFreshFor), freshFor)
    }

    /// `scheme://host[:port]` of an http(s) URL, lowercased, without userinfo; nil otherwise.
    static func origin(of url: String) -> String? {
        // An already-canonical link (nearly every article link) is its origin up to the path:
        // URLComponents on every fetch showed in profiles.
        if let plain = URLCanonicalizer.plainOrigin(of: url) { return String(plain) }
        return originByComponents(url)
    }

    static func originByComponents(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost.lowercased())\(port)"
    }
}
