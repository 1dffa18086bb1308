import Foundation
import WirescoreCore
import WirescoreFetch

/// Follows a URL's redirects one hop at a time instead of letting libcurl follow them inside
/// one transfer, so that every hop's response reaches the raw archive (as crawlers' WARCs keep
/// them) and, where the caller asks, every hop's URL is screened before it is requested (the
/// article stage asks robots.txt: a page allowed on one host may redirect into a section, or
/// a host, that is not). Feeds, sitemaps and article pages all go through it, so they share
/// one redirect rule: 301, 302, 303, 307 and 308 with a Location, at most `maxRedirects` hops.
struct RedirectWalk: Sendable {
    let fetcher: Fetcher
    let stop: RunStop
    let maxRedirects: Int

    /// A redirect answered on the way: its response (for the archive) and the next hop.
    struct Hop: Sendable {
        var response: FetchResponse
        /// When its request started (the archive's WARC-Date: a capture's start).
        var fetchedAt: Date
        var location: String
    }

    /// What the screen says about the next URL before it is requested.
    enum Screen<Refusal: Sendable>: Sendable {
        /// Request it, no faster than `hostInterval` after the host's last request (a site's
        /// `Crawl-delay`), when given.
        case allow(hostInterval: Duration?)
        /// Do not request it; the walk ends with `.refused(refusal)`.
        case refuse(Refusal)
    }

    /// How the walk ended, after the redirects in `hops`.
    enum End<Refusal: Sendable>: Sendable {
        /// A response that is not a followable redirect (a 2xx, a 304, an error status, or a
        /// 3xx without a usable Location), and when its request started.
        case response(FetchResponse, fetchedAt: Date)
        /// The transfer failed (not because the run is stopping).
        case failed(FetchError)
        /// The run is stopping: the URL was not really tried.
        case interrupted
        /// More than `maxRedirects` hops; the last redirect answer is in `hops`.
        case tooManyRedirects(status: Int)
        /// The screen refused a hop's URL.
        case refused(Refusal)
    }

    struct Outcome<Refusal: Sendable>: Sendable {
        var hops: [Hop]
        var end: End<Refusal>
    }

    /// Requests `first` and each hop it redirects to. Hops keep the first request's validators
    /// and headers (as libcurl did when it followed them) but never read a `file:` URL; every
    /// request, the first included, is screened when `screen` is given.
    func follow<Refusal: Sendable>(_ first: FetchRequest,
                                   screen: ((String) async -> Screen<Refusal>)?) async -> Outcome<Refusal> {
        var request = first
        request.followsRedirects = false
        var hops: [Hop] = []
        while true {
            if let screen {
                switch await screen(request.url) {
                case let .allow(hostInterval): request.hostInterval = hostInterval
                case let .refuse(refusal): return Outcome(hops: hops, end: .refused(refusal))
                }
            }
            let sent = request
            let startedAt = Date()
            switch await stop.interruptible({ await fetcher.fetch(sent) }) {
            case let .failure(error) where error.code == .cancelled && stop.isRequested:
                return Outcome(hops: hops, end: .interrupted)
            case let .failure(error):
                return Outcome(hops: hops, end: .failed(error))
            case let .success(response):
                guard let next = Self.redirectTarget(of: response, requested: request.url) else {
                    return Outcome(hops: hops, end: .response(response, fetchedAt: startedAt))
                }
                hops.append(Hop(response: response, fetchedAt: startedAt, location: next))
                guard hops.count <= maxRedirects else {
                    return Outcome(hops: hops, end: .tooManyRedirects(status: response.status))
                }
                request.url = next
                request.allowsFile = false
            }
        }
    }

    /// ``follow(_:screen:)`` with no screen.
    func follow(_ first: FetchRequest) async -> Outcome<Never> {
        await follow(first, screen: nil)
    }

    /// The next hop of a redirect answer: the Location of a 301, 302, 303, 307 or 308, resolved
    /// against the URL that was asked for; nil for any other answer (a 3xx without a usable
    /// Location goes on like any other non-2xx answer).
    static func redirectTarget(of response: FetchResponse, requested: String) -> String? {
        guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location"),
              !location.isEmpty else { return nil }
        return URLCanonicalizer.resolve(location, against: requested)
    }

    /// The reason line for ``End/tooManyRedirects(status:)``.
    var tooManyReason: String { "more than \(maxRedirects) redirects" }
}
