import AsyncAlgorithms
import Foundation
import Logging
import WirescoreCore
import WirescoreFetch

/// Fetches article pages and turns them into records (through ``ArticleBuilder``).
///
/// Runs `workers` consumers of the jobs channel; each hands its result to the sink channel,
/// whose single consumer paces them (back pressure end to end).
struct ArticleStage: Sendable {
    let fetcher: Fetcher
    let pipeline: PipelineConfig
    let builder: ArticleBuilder
    let stop: RunStop
    /// Asked before each page when the pipeline's `fetch.robots` is on; nil when off.
    let robots: RobotsCache?
    let logger: Logger

    func run(workers: Int, jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    // Once the run is stopping, the remaining jobs are handed back untouched: they
                    // stay open in run state, and the next run fetches them.
                    for await job in jobs {
                        if stop.isRequested {
                            await sink.send(.deferred(itemKey: job.itemKey))
                            continue
                        }
                        for event in await process(job) { await sink.send(event) }
                    }
                }
            }
        }
    }

    func process(_ job: ArticleJob) async -> [SinkEvent] {
        let fetched = Date()
        let context = job.context
        // Redirects are followed here, one hop at a time, not by libcurl: every hop's URL is
        // checked against its own host's robots.txt (when checks are on) before it is requested,
        // and every hop's response goes to the raw archive, as crawlers' WARCs keep them.
        var url = job.link
        var hops = 0
        var hopArchives: [SinkEvent] = []
        while true {
            var request = FetchRequest(url: url, allowsFile: hops == 0 && context.allowsFile)
            request.followsRedirects = false
            if let robots {
                switch await robots.verdict(for: url) {
                case let .allowed(crawlDelay):
                    request.hostInterval = crawlDelay
                case .disallowed:
                    logger.debug("robots.txt disallows the page", metadata: ["url": "\(url)"])
                    return hopArchives + [.robotsDisallowed(itemKey: job.itemKey, feed: job.feed.id)]
                case .unreachable, .cancelled:
                    return hopArchives + [.deferred(itemKey: job.itemKey)]
                case let .stateFailure(message):
                    return hopArchives + [.stateFailure(StateFailure(message: message))]
                }
            }
            let paced = request
            switch await stop.interruptible({ await fetcher.fetch(paced) }) {
            case let .failure(error) where error.code == .cancelled && stop.isRequested:
                // Interrupted by a signal: not an attempt, handed back for the next run.
                return hopArchives + [.deferred(itemKey: job.itemKey)]
            case let .failure(error):
                let code = ErrorCode(error.code)
                return hopArchives + [failure(job, code: code, reason: error.message, status: nil, settled: !code.isTransient())]
            case let .success(response):
                if let next = Self.redirectTarget(of: response, requested: url) {
                    hopArchives.append(.archiving(response.archivedExchange(at: Date()),
                                                  role: .redirect(context, location: next)))
                    hops += 1
                    guard hops <= pipeline.fetch.maxRedirects else {
                        return hopArchives + [failure(job, code: .tooManyRedirects, reason: "more than \(pipeline.fetch.maxRedirects) redirects",
                                                      status: response.status, settled: true)]
                    }
                    url = next
                    continue
                }
                return hopArchives + build(job, response, fetched: fetched)
            }
        }
    }

    /// The next hop of a redirect answer: the Location of a 301, 302, 303, 307 or 308, resolved
    /// against the URL that was asked for; nil for any other answer (a 3xx without a usable
    /// Location goes on to the builder, which reports its status like any other non-2xx).
    static func redirectTarget(of response: FetchResponse, requested: String) -> String? {
        guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location"),
              !location.isEmpty else { return nil }
        return URLCanonicalizer.resolve(location, against: requested)
    }

    private func build(_ job: ArticleJob, _ response: FetchResponse, fetched: Date) -> [SinkEvent] {
        let archived = SinkEvent.archiving(response.archivedExchange(at: fetched), role: .article(job.context))
        let page = ArticleBuilder.Page(finalURL: response.finalURL, status: response.status,
                                       contentType: response.contentType, body: response.body, fetched: fetched)
        switch builder.build(job.context, page) {
        case let .success(draft):
            guard let record = draft.record else { return [archived] }
            return [archived, .article(record, features: draft.storyFeatures, itemKey: job.itemKey)]
        case let .failure(failure):
            return [archived, self.failure(job, code: failure.code, reason: failure.reason, status: failure.status,
                                           settled: failure.settled)]
        }
    }

    private func failure(_ job: ArticleJob, code: ErrorCode, reason: String, status: Int?, settled: Bool) -> SinkEvent {
        logger.info("article failed", metadata: ["url": "\(job.link)", "reason": "\(reason)"])
        let record = ErrorRecord(kind: .article, feed: job.feed.id, url: job.link, code: code, reason: reason,
                                 status: status, at: Date(), pipeline: pipeline.name)
        return .failure(record, itemKey: job.itemKey, settled: settled)
    }
}
