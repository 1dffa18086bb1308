import Foundation
import WirescoreCore
import WirescoreExtract

/// `extract`: the page's main text and metadata, and the record they make (identity, source,
/// title, dates, quality). Required: every record has text.
struct ExtractStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(
        name: "extract", summary: "main text and metadata of the page; the record's identity and quality",
        required: true) { pipeline in ExtractStep(pipelineName: pipeline.name, minWords: pipeline.extract.minWords) }

    let pipelineName: String
    let minWords: Int
    var name: String { "extract" }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        let page = draft.page, context = draft.context
        guard HTTPStatusRule.isUsable(page.status) else {
            throw ArticleFailure(code: .httpStatus, reason: "HTTP \(page.status)", status: page.status,
                                 settled: !ErrorCode.httpStatus.isTransient(status: page.status))
        }
        let extracted: ExtractedPage
        do {
            extracted = try ArticleExtractor(languageHint: context.languageHint).extract(html: page.body, url: page.finalURL, contentType: page.contentType)
        } catch {
            let code: ErrorCode = switch error {
            case .notHTML: .notHTML
            case .emptyDocument: .emptyBody
            }
            throw ArticleFailure(code: code, reason: error.description, status: page.status, settled: true)
        }
        let text = extracted.text
        let words = WordCount.count(text)
        guard words > 0 else {
            throw ArticleFailure(code: .noText, reason: "no main text found on the page", status: page.status, settled: true)
        }
        // The id names the article, not the route to it: prefer the page's own canonical URL
        // when the claim is one the page may make, so two feeds linking one story agree.
        let canonical = CanonicalClaim.accept(extracted.canonicalURL, fetchedURL: page.finalURL)
        let identity = canonical ?? page.finalURL
        let source = Self.nonEmpty(extracted.siteName) ?? Self.nonEmpty(context.feedTitle)
            ?? URLCanonicalizer.host(of: identity) ?? context.feedID
        let title = Self.nonEmpty(context.entryTitle) ?? Self.nonEmpty(extracted.title) ?? ""
        let quality = QualityAssessor(minWords: minWords).assess(text: text, words: words, title: title, kind: extracted.kind)
        draft.extracted = extracted
        draft.record = ArticleRecord(
            id: URLCanonicalizer.articleID(for: identity), url: page.finalURL, canonicalURL: canonical,
            feed: context.feedID, source: source, title: title,
            author: Self.nonEmpty(extracted.author) ?? Self.nonEmpty(context.entryAuthor), lang: extracted.lang,
            published: extracted.published ?? context.entryPublished, fetched: page.fetched, text: text, words: words,
            quality: quality, pipeline: pipelineName, version: WirescoreVersion.scoring)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        // A value that starts and ends with a visible ASCII character (nearly every title, site
        // name and byline) has nothing to trim: Foundation's trimming showed in profiles.
        if let s, let first = s.utf8.first, let last = s.utf8.last,
           first > 0x20 && first < 0x7F, last > 0x20 && last < 0x7F { return s }
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
