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
    /// Fetches a page, following its redirects hop by hop.
    let redirects: RedirectWalk
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
        let context = job.context
        // Redirects are followed one hop at a time (``RedirectWalk``): every hop's URL is
        // checked against its own host's robots.txt (when checks are on) before it is
        // requested, and every hop's response goes to the raw archive.
        let request = FetchRequest(url: job.link, allowsFile: context.allowsFile)
        let outcome = await redirects.follow(request, screen: robots.map { robots in
            { url in await Self.screen(url, robots: robots, job: job, logger: logger) }
        })
        let hopArchives = outcome.hops.map {
            SinkEvent.archiving($0.response.archivedExchange(at: $0.fetchedAt), role: .redirect(context, location: $0.location))
        }
        switch outcome.end {
        case let .response(response, fetchedAt):
            // The record's `fetched` and the archive's WARC-Date: when the request that
            // answered with the page started.
            return hopArchives + build(job, response, fetched: fetchedAt)
        case let .refused(event):
            return hopArchives + [event]
        case .interrupted:
            // Interrupted by a signal: not an attempt, handed back for the next run.
            return hopArchives + [.deferred(itemKey: job.itemKey)]
        case let .failed(error):
            let code = ErrorCode(error.code)
            return hopArchives + [failure(job, code: code, reason: error.message, status: nil, settled: !code.isTransient())]
        case let .tooManyRedirects(status):
            return hopArchives + [failure(job, code: .tooManyRedirects, reason: redirects.tooManyReason, status: status, settled: true)]
        }
    }

    /// robots.txt's word on one hop of an item's page: the event that ends the item when it
    /// may not (or cannot yet) be fetched.
    private static func screen(_ url: String, robots: RobotsCache, job: ArticleJob,
                               logger: Logger) async -> RedirectWalk.Screen<SinkEvent> {
        switch await robots.verdict(for: url) {
        case let .allowed(crawlDelay):
            return .allow(hostInterval: crawlDelay)
        case .disallowed:
            logger.debug("robots.txt disallows the page", metadata: ["url": "\(url)"])
            return .refuse(.robotsDisallowed(itemKey: job.itemKey, feed: job.feed.id))
        case .unreachable, .cancelled:
            return .refuse(.deferred(itemKey: job.itemKey))
        case let .stateFailure(message):
            return .refuse(.stateFailure(StateFailure(message: message)))
        }
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
