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
        record.sentiment = analysis.sentimentField
        record.entities = analysis.entityFields
        draft.analysis = analysis
        draft.record = record
    }
}
