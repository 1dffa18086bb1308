import Foundation
import WirescoreCore
import WirescoreSentiment

/// `analyze`: tags the companies the title and text name and scores sentiment, overall and
/// toward each company, in one pass over the sentences. Sets `sentiment` and `entities`.
struct AnalyzeStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(
        name: "analyze", summary: "company tagging and sentiment, overall and per company (one pass)"
    ) { pipeline in AnalyzeStep(analyzer: try pipeline.makeAnalyzer()) }

    /// Built once per run: its matcher is costly to build.
    let analyzer: TextAnalyzer
    var name: String { "analyze" }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        var record = try draft.requireRecord(by: name)
        let analysis = analyzer.analyze(title: record.title, text: record.text)
        record.sentiment = SentimentField(score: Self.rounded(analysis.score), label: analysis.label.rawValue)
        record.entities = analysis.entities.map { e in
            EntityField(id: e.id, name: e.name, type: e.type, exchange: e.exchange, sector: e.sector, mentions: e.mentions,
                        relevance: e.relevance, sentiment: Self.rounded(e.sentiment), label: e.label.rawValue,
                        evidence: e.evidence)
        }
        draft.analysis = analysis
        draft.record = record
    }

    /// Scores are written with 4 decimals.
    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
