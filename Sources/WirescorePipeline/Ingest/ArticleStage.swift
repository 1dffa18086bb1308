import AsyncAlgorithms
import Foundation
import Logging
import WirescoreCore
import WirescoreExtract
import WirescoreFetch

/// Fetches article pages and turns them into records: fetch, extract, assess quality.
///
/// Runs `workers` consumers of the jobs channel; each hands its result to the sink channel,
/// whose single consumer paces them (back pressure end to end).
struct ArticleStage: Sendable {
    let fetcher: Fetcher
    let pipeline: PipelineConfig
    let deadline: Date?
    let logger: Logger

    func run(workers: Int, jobs: AsyncChannel<ArticleJob>, sink: AsyncChannel<SinkEvent>) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    for await job in jobs {
                        if let deadline, Date() >= deadline {
                            await sink.send(.deferred(itemKey: job.itemKey))
                            continue
                        }
                        await sink.send(await process(job))
                    }
                }
            }
        }
    }

    func process(_ job: ArticleJob) async -> SinkEvent {
        let fetched = Date()
        switch await fetcher.fetch(FetchRequest(url: job.link)) {
        case let .failure(error):
            let transient: Bool = [FetchError.Code.timeout, .connection, .dns, .transfer].contains(error.code)
            return failure(job, code: error.code.rawValue, reason: error.message, status: nil, settled: !transient)
        case let .success(response):
            guard response.isUsable else {
                return failure(job, code: "http_status", reason: "HTTP \(response.status)", status: response.status,
                               settled: !response.isTransientFailure)
            }
            do {
                let page = try ArticleExtractor().extract(html: response.body, url: response.finalURL,
                                                         contentType: response.contentType)
                return makeRecord(job, response: response, page: page, fetched: fetched)
            } catch let error as ExtractionError {
                return failure(job, code: error.code, reason: error.description, status: response.status, settled: true)
            } catch {
                return failure(job, code: "extraction", reason: "\(error)", status: response.status, settled: true)
            }
        }
    }

    private func makeRecord(_ job: ArticleJob, response: FetchResponse, page: ExtractedPage, fetched: Date) -> SinkEvent {
        let text = page.text
        let words = WordCount.count(text)
        guard words > 0 else {
            return failure(job, code: "no_text", reason: "no main text found on the page", status: response.status, settled: true)
        }
        // The id names the article, not the route to it: prefer the page's own canonical URL
        // when it is a web URL, so two feeds linking one story agree.
        let canonical = page.canonicalURL.flatMap { url -> String? in
            (url.hasPrefix("http://") || url.hasPrefix("https://")) ? URLCanonicalizer.canonical(url) : nil
        }
        let id = URLCanonicalizer.articleID(for: canonical ?? response.finalURL)
        let source = page.siteName ?? job.feedTitle ?? URLCanonicalizer.host(of: canonical ?? response.finalURL) ?? job.feed.id
        let title = nonEmpty(job.entryTitle) ?? nonEmpty(page.title) ?? ""
        let quality = QualityAssessor(minWords: pipeline.extract.minWords).assess(text: text, words: words, title: title)
        let record = ArticleRecord(
            id: id, url: response.finalURL, canonicalURL: canonical, feed: job.feed.id, source: source,
            title: title, author: nonEmpty(page.author) ?? nonEmpty(job.entryAuthor), lang: page.lang,
            published: page.published ?? job.entryPublished, fetched: fetched, text: text, words: words,
            quality: quality, pipeline: pipeline.name, version: WirescoreVersion.scoring)
        return .article(record, itemKey: job.itemKey)
    }

    private func failure(_ job: ArticleJob, code: String, reason: String, status: Int?, settled: Bool) -> SinkEvent {
        logger.info("article failed", metadata: ["url": "\(job.link)", "reason": "\(reason)"])
        let record = ErrorRecord(kind: .article, feed: job.feed.id, url: job.link, code: code, reason: reason,
                                 status: status, at: Date(), pipeline: pipeline.name)
        return .failure(record, itemKey: job.itemKey, settled: settled)
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
