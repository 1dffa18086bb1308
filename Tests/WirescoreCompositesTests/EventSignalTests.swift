import Foundation
import Testing
@testable import WirescoreComposites

/// The `events` signal and the summary's driving event, on observations made by hand.
struct EventSignalTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    static func event(_ entity: String, _ type: String, _ sentiment: Double, daysAgo: Double = 0,
                      confidence: Double = 0.9, novelty: Double = 100) -> EventObservation {
        EventObservation(articleID: "\(entity)-\(type)-\(daysAgo)", entity: entity,
                         published: day.addingTimeInterval(-daysAgo * 86_400), type: type, sentiment: sentiment,
                         confidence: confidence, novelty: novelty)
    }

    @Test func weightsMatchTheLongestTypePrefix() {
        let weights = EventWeights(["analyst": 2, "analyst/price-target": 0.5, "price-move": 0], fallback: 1)
        #expect(weights.weight(of: "analyst/rating/downgrade") == 2)
        #expect(weights.weight(of: "analyst/price-target/cut") == 0.5)
        #expect(weights.weight(of: "price-move/up") == 0)
        #expect(weights.weight(of: "dividend/raise") == 1)
    }

    @Test func eventsRankCompaniesAndTheSummaryNamesTheDrivingEvent() {
        let signal = SignalDefinition(name: "events", weight: 1, kind: .events(weights: EventWeights(["price-move": 0])),
                                      window: 14, halfLifeDays: 5)
        let scorer = CompositeScorer(configuration: CompositeConfiguration(
            composites: [CompositeDefinition(name: "news", signals: [signal])], minimumSectorSize: 5, shrinkageArticles: 0))
        let companies = ["AAA", "BBB", "CCC"].map { Company(ticker: $0, name: $0, sector: nil) }
        let events = [
            Self.event("AAA", "analyst/rating/downgrade", -0.55, daysAgo: 1),
            Self.event("AAA", "price-move/up", 0.9),                      // weight 0: ignored
            Self.event("BBB", "earnings/guidance/raise", 0.7, daysAgo: 2),
            Self.event("BBB", "dividend/declared", 0.2, daysAgo: 1, confidence: 0.5),
            Self.event("CCC", "regulatory/fine", -0.7, daysAgo: 30),       // outside the window
        ]
        let records = scorer.scores(asOf: Self.day, companies: companies, observations: [], events: events, factors: nil)
        let byTicker = Dictionary(uniqueKeysWithValues: records.map { ($0.entity, $0) })
        #expect((byTicker["BBB"]?.score ?? 0) > (byTicker["AAA"]?.score ?? 100))
        // CCC's only event is outside the window: no signal at all, so no line (docs/composites.md).
        #expect(byTicker["CCC"] == nil)
        #expect(byTicker["AAA"]?.summary.hasSuffix(", led by an analyst downgrade.") == true, "\(byTicker["AAA"]?.summary ?? "")")
        #expect(byTicker["BBB"]?.summary.hasSuffix(", led by a guidance raise.") == true, "\(byTicker["BBB"]?.summary ?? "")")
    }

    @Test func aCompositeWithoutAnEventsSignalNamesNoEvent() {
        let signal = SignalDefinition(name: "sentiment", weight: 1, kind: .newsSentiment)
        let scorer = CompositeScorer(configuration: CompositeConfiguration(composites: [CompositeDefinition(name: "news", signals: [signal])]))
        let observation = NewsObservation(articleID: "a", entity: "AAA", published: Self.day, sentiment: 0.5, relevance: 100, novelty: 100)
        let records = scorer.scores(asOf: Self.day, companies: [Company(ticker: "AAA", name: "A", sector: nil)],
                                    observations: [observation], events: [Self.event("AAA", "dividend/raise", 0.5)], factors: nil)
        #expect(records.first?.summary.contains("led by") == false)
    }
}
