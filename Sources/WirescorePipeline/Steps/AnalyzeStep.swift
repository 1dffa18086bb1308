import Foundation
import WirescoreCore
import WirescoreSentiment

/// `analyze`: tags the companies the title and text name and scores sentiment, overall and
/// toward each company, in one pass over the sentences. Sets `sentiment` and `entities`.
struct AnalyzeStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(
        name: "analyze", summary: "company tagging and sentiment, overall and per company (one pass)"
    ) { pipeline in
        let analyzer = try pipeline.makeAnalyzer()
        return AnalyzeStep(analyzer: analyzer, hints: EntityHints(gazetteer: analyzer.matcher.gazetteer))
    }

    /// Built once per run: its matcher is costly to build.
    let analyzer: TextAnalyzer
    /// Resolves the source's company hints (a news sitemap's stock tickers).
    let hints: EntityHints
    /// Token and score buffers reused across articles (the workers run in parallel).
    let scratches = AnalyzerScratchPool()
    var name: String { "analyze" }

    init(analyzer: TextAnalyzer, hints: EntityHints? = nil) {
        self.analyzer = analyzer
        self.hints = hints ?? EntityHints(gazetteer: analyzer.matcher.gazetteer)
    }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        var record = try draft.requireRecord(by: name)
        let analysis = scratches.withScratch(textBytes: record.text.utf8.count + record.title.utf8.count) { scratch in
            analyzer.analyze(title: record.title, text: record.text, target: nil, scratch: &scratch)
        }
        record.sentiment = analysis.sentimentField
        record.entities = analysis.entityFields
        if !draft.context.entityHints.isEmpty {
            record.entities = hints.adding(hints.entities(for: draft.context.entityHints), to: record.entities ?? [],
                                           analysis: analysis, title: record.title)
        }
        draft.analysis = analysis
        draft.record = record
    }
}
