import Foundation
import WirescoreCore
import WirescoreEvents

/// `events`: the corporate events the headline and lead report (docs/events.md): type,
/// company, role, sentiment, confidence and the sentence that says so. Reads the companies'
/// tone from `analyze` when it ran. Sets `events`; the writer adds each event's novelty from
/// the story it joins.
struct EventStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(
        name: "events", summary: "corporate events per company (type, role, sentiment, evidence)"
    ) { pipeline in EventStep(detector: EventDetector(matcher: try pipeline.makeAnalyzer().matcher)) }

    let detector: EventDetector
    var name: String { "events" }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        var record = try draft.requireRecord(by: name)
        let tones = Dictionary((draft.analysis?.entities ?? []).map { ($0.id, $0.sentiment) }, uniquingKeysWith: { a, _ in a })
        // The most relevant company stands in for "the company" in sentences that name none.
        let primary = record.entities?.first(where: { $0.relevance >= 60 })?.id
        record.events = detector.detect(title: record.title, text: record.text, primary: primary,
                                        tone: { tones[$0] })
        draft.record = record
    }
}
