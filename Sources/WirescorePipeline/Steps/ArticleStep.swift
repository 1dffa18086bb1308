import Foundation
import WirescoreCore
import WirescoreExtract
import WirescoreSentiment
import WirescoreStories

/// One step on the article path: from a fetched page towards a record.
///
/// Steps are pure and `Sendable`: the same draft in gives the same draft out, on any worker
/// thread, which is what lets `ingest` run them in parallel and `reprocess` rebuild records
/// from the raw archive byte for byte. Ingest and reprocess run the same list (see
/// ``ArticleBuilder``). Each step reads the typed fields earlier steps set on the
/// ``ArticleDraft`` and sets its own; a new step is one file with a type conforming to this
/// protocol and a ``ArticleStepDescriptor``, plus its entry in ``ArticleSteps/standard``
/// (docs/steps-and-outputs.md walks through one).
public protocol ArticleStep: Sendable {
    /// The name the pipeline's `stages:` list uses.
    var name: String { get }
    /// Fills this step's fields of `draft`, or says why the page is no article.
    func apply(to draft: inout ArticleDraft) throws(ArticleFailure)
}

/// What travels along the step list for one page. The context and page are the inputs;
/// every other field is set by the step that owns it and is nil until then.
public struct ArticleDraft: Sendable {
    /// What the feed said about the item.
    public let context: ArticleBuilder.Context
    /// The page as fetched (or as archived, under `reprocess`).
    public let page: ArticleBuilder.Page
    /// Set by `extract`: the page's main text and metadata.
    public var extracted: ExtractedPage?
    /// Set by `extract`; later steps fill its fields (`sentiment`, `entities`, extensions).
    public var record: ArticleRecord?
    /// Set by `analyze`: company mentions and sentiment, for steps that build on them.
    public var analysis: TextAnalysis?
    /// Set by `story`: the words' features the story index clusters on (computed on the
    /// worker; the single writer only matches them).
    public var storyFeatures: StoryFeatures?

    public init(context: ArticleBuilder.Context, page: ArticleBuilder.Page) {
        self.context = context
        self.page = page
    }

    /// The record so far; a step that needs one and runs before `extract` fails clearly.
    public func requireRecord(by step: String) throws(ArticleFailure) -> ArticleRecord {
        guard let record else {
            throw ArticleFailure(code: .noText, reason: "step '\(step)' needs the 'extract' step before it",
                                 status: page.status, settled: true)
        }
        return record
    }
}

/// Why a page yields no article: an error line with its code and reason.
public struct ArticleFailure: Error, Sendable, Equatable {
    public var code: ErrorCode
    public var reason: String
    public var status: Int?
    /// False for failures worth retrying in a later run.
    public var settled: Bool

    public init(code: ErrorCode, reason: String, status: Int?, settled: Bool) {
        self.code = code; self.reason = reason; self.status = status; self.settled = settled
    }
}

/// A step as the registry knows it: its name, what it does, and how to build it for a
/// pipeline (built once per run: some steps load tables that are costly to build).
public struct ArticleStepDescriptor: Sendable {
    public var name: String
    public var summary: String
    /// A step every record needs (`extract`); `stages:` may not leave it out.
    public var required: Bool
    public var make: @Sendable (PipelineConfig) throws -> any ArticleStep

    public init(name: String, summary: String, required: Bool = false,
                make: @escaping @Sendable (PipelineConfig) throws -> any ArticleStep) {
        self.name = name; self.summary = summary; self.required = required; self.make = make
    }
}

/// The registry of article steps, in the order they run.
public enum ArticleSteps {
    /// Every built-in step. A new step adds its descriptor here, where its position is its
    /// order on the article path.
    public static let standard: [ArticleStepDescriptor] = [
        ExtractStep.descriptor,
        AnalyzeStep.descriptor,
        EventStep.descriptor,
        StoryFeaturesStep.descriptor,
    ]

    /// The steps a pipeline runs: those its `stages:` names (in registry order), else all.
    /// - Parameter available: the registry (a test may pass `standard` plus its own).
    public static func make(for pipeline: PipelineConfig,
                            available: [ArticleStepDescriptor] = standard) throws -> [any ArticleStep] {
        let chosen = pipeline.stages.map(Set.init)
        return try available.filter { $0.required || chosen?.contains($0.name) ?? true }.map { try $0.make(pipeline) }
    }
}
