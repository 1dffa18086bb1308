import Foundation
import WirescoreCore
import WirescoreExtract
import WirescoreSentiment

/// Runs the article steps over one fetched page: the record it makes, or why it is none.
///
/// Pure: the same inputs give the same record, which is what lets `reprocess` rebuild
/// partitions from the raw archive byte for byte. Ingest and reprocess both build one from
/// the pipeline, so they run the same step list (``ArticleSteps``).
public struct ArticleBuilder: Sendable {
    public let steps: [any ArticleStep]

    /// The pipeline's steps (its `stages:`, else all of ``ArticleSteps/standard``).
    public init(pipeline: PipelineConfig, available: [ArticleStepDescriptor] = ArticleSteps.standard) throws {
        steps = try ArticleSteps.make(for: pipeline, available: available)
    }

    /// What the feed said about the item: context the page itself may lack.
    public struct Context: Sendable {
        public var feedID: String
        public var itemKey: String
        public var link: String
        public var feedTitle: String?
        public var entryTitle: String?
        public var entryAuthor: String?
        public var entryPublished: Date?
        /// Whether the link may be a `file:` URL (items of feeds the pipeline lists as files).
        public var allowsFile = false
        /// Companies the source says the item is about, `EXCHANGE:SYMBOL` (a news sitemap's
        /// `news:stock_tickers`); the analyze step tags those the gazetteer knows.
        public var entityHints: [String] = []
        /// The language the source declares for the item (``OpenItem/language``): the
        /// record's `lang` when the page declares none, ahead of a guess from the text.
        public var languageHint: String?

        public init(feedID: String, itemKey: String, link: String, feedTitle: String? = nil, entryTitle: String? = nil,
                    entryAuthor: String? = nil, entryPublished: Date? = nil, allowsFile: Bool = false) {
            self.feedID = feedID; self.itemKey = itemKey; self.link = link; self.feedTitle = feedTitle
            self.entryTitle = entryTitle; self.entryAuthor = entryAuthor; self.entryPublished = entryPublished
            self.allowsFile = allowsFile
        }
    }

    /// The page as fetched.
    public struct Page: Sendable {
        public var finalURL: String
        public var status: Int
        public var contentType: String?
        public var body: [UInt8]
        public var fetched: Date

        public init(finalURL: String, status: Int, contentType: String?, body: [UInt8], fetched: Date) {
            self.finalURL = finalURL; self.status = status; self.contentType = contentType
            self.body = body; self.fetched = fetched
        }
    }

    /// The outcome for one page: a built draft (its record set), or the failure.
    public func build(_ context: Context, _ page: Page) -> Result<ArticleDraft, ArticleFailure> {
        var draft = ArticleDraft(context: context, page: page)
        for step in steps {
            do {
                try step.apply(to: &draft)
            } catch {
                return .failure(error)
            }
        }
        guard draft.record != nil else {
            return .failure(ArticleFailure(code: .noText, reason: "no step made a record", status: page.status, settled: true))
        }
        return .success(draft)
    }
}
