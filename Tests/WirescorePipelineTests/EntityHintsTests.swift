import Testing
@testable import WirescorePipeline
import WirescoreCore
import WirescoreEntities
import WirescoreSentiment

/// A news sitemap's stock tickers resolved against the gazetteer: known tickers on their
/// exchange are added, anything else is ignored.
@Suite struct EntityHintsTests {
    @Test func knownTickersOnTheirExchangeAreAddedOnce() {
        let analyzer = TextAnalyzer(gazetteer: .builtin)
        let hints = EntityHints(gazetteer: analyzer.matcher.gazetteer)
        let resolved = hints.entities(for: ["NASDAQ:MSFT", "nasdaq: msft", "LSE:MSFT", "NYSE:ZZZZQ", "IBM", ""])
        #expect(resolved.map(\.id) == ["MSFT", "IBM"])
        #expect(hints.entities(for: ["LSE:MSFT"]).isEmpty)   // known, but not on that exchange

        // Added after what the text names, with no mentions and the article's tone.
        let analysis = analyzer.analyze(title: "IBM shares jump on strong results", text: "IBM raised its outlook.")
        let fields = hints.adding(resolved, to: analysis.entityFields, analysis: analysis, title: "IBM shares jump")
        #expect(fields.map(\.id) == ["IBM", "MSFT"])
        let msft = fields[1]
        #expect(msft.mentions == 0 && msft.relevance == EntityHints.hintedRelevance)
        #expect(msft.sentiment == analysis.sentimentField.score && msft.evidence == "IBM shares jump")
    }
}
