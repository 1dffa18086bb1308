import Foundation
import WirescoreCore
import WirescoreExtract
import WirescoreSentiment

/// Turns one fetched page into an article record, or the reason it is not one.
///
/// Pure: the same inputs give the same record, which is what lets `reprocess` rebuild
/// partitions from the raw archive byte for byte. Both ingest and reprocess call it.
struct ArticleBuilder: Sendable {
    let pipeline: PipelineConfig
    /// Company tagging and sentiment; built once per run (its matcher is costly to build).
    let analyzer: TextAnalyzer

    /// What the feed said about the item: context the page itself may lack.
    struct Context: Sendable {
        var feedID: String
        var itemKey: String
        var link: String
        var feedTitle: String?
        var entryTitle: String?
        var entryAuthor: String?
        var entryPublished: Date?
        /// Whether the link may be a `file:` URL (items of feeds the pipeline lists as files).
        var allowsFile = false
    }

    /// The page as fetched.
    struct Page: Sendable {
        var finalURL: String
        var status: Int
        var contentType: String?
        var body: [UInt8]
        var fetched: Date
    }

    enum Outcome: Sendable {
        case article(ArticleRecord)
        /// `settled` is false for failures worth retrying in a later run.
        case failure(code: String, reason: String, status: Int?, settled: Bool)
    }

    func build(_ context: Context, _ page: Page) -> Outcome {
        guard HTTPStatusRule.isUsable(page.status) else {
            return .failure(code: "http_status", reason: "HTTP \(page.status)", status: page.status,
                            settled: !HTTPStatusRule.isTransient(page.status))
        }
        let extracted: ExtractedPage
        do {
            extracted = try ArticleExtractor().extract(html: page.body, url: page.finalURL, contentType: page.contentType)
        } catch {
            return .failure(code: error.code, reason: error.description, status: page.status, settled: true)
        }
        let text = extracted.text
        let words = WordCount.count(text)
        guard words > 0 else {
            return .failure(code: "no_text", reason: "no main text found on the page", status: page.status, settled: true)
        }
        // The id names the article, not the route to it: prefer the page's own canonical URL
        // when the claim is one the page may make, so two feeds linking one story agree.
        let canonical = CanonicalClaim.accept(extracted.canonicalURL, fetchedURL: page.finalURL)
        let identity = canonical ?? page.finalURL
        let source = nonEmpty(extracted.siteName) ?? nonEmpty(context.feedTitle)
            ?? URLCanonicalizer.host(of: identity) ?? context.feedID
        let title = nonEmpty(context.entryTitle) ?? nonEmpty(extracted.title) ?? ""
        let quality = QualityAssessor(minWords: pipeline.extract.minWords).assess(text: text, words: words, title: title)
        var record = ArticleRecord(
            id: URLCanonicalizer.articleID(for: identity), url: page.finalURL, canonicalURL: canonical,
            feed: context.feedID, source: source, title: title,
            author: nonEmpty(extracted.author) ?? nonEmpty(context.entryAuthor), lang: extracted.lang,
            published: extracted.published ?? context.entryPublished, fetched: page.fetched, text: text, words: words,
            quality: quality, pipeline: pipeline.name, version: WirescoreVersion.scoring)
        let analysis = analyzer.analyze(title: title, text: text)
        record.sentiment = analysis.sentimentJSON()
        record.entities = analysis.entitiesJSON()
        return .article(record)
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
