import Foundation
import Testing
import WirescoreCore
@testable import WirescoreComposites

/// The composite semantics a reader sees: news signal labels agree with the articles' tone,
/// and companies with no signal at all have no line.
struct AbsoluteAnchorTests {
    static let day = UTCTimestamp.parseDay("2026-03-10") ?? Date(timeIntervalSince1970: 0)
    static let sentimentOnly = CompositeDefinition(name: "news", signals: [
        SignalDefinition(name: "sentiment", weight: 1, kind: .newsSentiment, window: 14, halfLifeDays: 7),
    ])
    static let companies = ["MILD", "P1", "P2", "P3", "P4"].map { Company(ticker: $0, name: $0, sector: "Tech") }

    /// `perCompany` articles a day for three days, each company with its own tone.
    static func observations(_ tone: [String: Double], perCompany: Int = 4) -> [NewsObservation] {
        var result: [NewsObservation] = []
        for (ticker, sentiment) in tone.sorted(by: { $0.key < $1.key }) {
            for i in 0..<perCompany {
                result.append(NewsObservation(articleID: "\(ticker)-\(i)", entity: ticker,
                                              published: day.addingTimeInterval(Double(-i) * 20_000),
                                              sentiment: sentiment, relevance: 90, novelty: 100))
            }
        }
        return result
    }

    static func sentiment(_ records: [ScoreRecord], _ ticker: String) -> Int? {
        records.first { $0.entity == ticker }?.signals.first?.score
    }

    @Test func mildlyPositiveArticlesDoNotReadAsPoorSentiment() throws {
        let tone = ["MILD": 0.15, "P1": 0.7, "P2": 0.8, "P3": 0.75, "P4": 0.9]
        let anchored = CompositeScorer(configuration: CompositeConfiguration(composites: [Self.sentimentOnly]))
            .scores(asOf: Self.day, companies: Self.companies, observations: Self.observations(tone), factors: nil)
        let mild = try #require(Self.sentiment(anchored, "MILD"))
        #expect(mild >= 50)
        #expect(ProfileWord(score: mild) == .moderate)
        #expect(try #require(anchored.first { $0.entity == "MILD" }).summary.contains("moderate sentiment"))
        // Glowing peers still read better than the mild one.
        #expect(try #require(Self.sentiment(anchored, "P4")) > mild)

        // A pure percentile (the old rule) calls the same articles poor or weak: the anchor is what moves it.
        let percentileOnly = CompositeScorer(configuration: CompositeConfiguration(composites: [Self.sentimentOnly],
                                                                                  anchorWeight: 0))
            .scores(asOf: Self.day, companies: Self.companies, observations: Self.observations(tone), factors: nil)
        #expect(try #require(Self.sentiment(percentileOnly, "MILD")) < 50)
    }

    @Test func negativeArticlesStayBelowFiftyEvenWhenPeersAreWorse() throws {
        let tone = ["MILD": -0.2, "P1": -0.7, "P2": -0.8, "P3": -0.75, "P4": -0.9]
        let records = CompositeScorer(configuration: CompositeConfiguration(composites: [Self.sentimentOnly]))
            .scores(asOf: Self.day, companies: Self.companies, observations: Self.observations(tone), factors: nil)
        let mild = try #require(Self.sentiment(records, "MILD"))
        #expect(mild <= 49)
        #expect(try #require(Self.sentiment(records, "P4")) < mild)
    }

    @Test func anchorFormula() {
        let anchor = AbsoluteAnchor(scale: 0.5, neutral: 0.05)
        #expect(anchor.level(0) == 50)
        #expect(abs(anchor.level(0.5) - (50 + 50 * tanh(1.0))) < 1e-9)
        #expect(anchor.level(-0.5) < 12.5)
        #expect(anchor.side(20, value: 0.1) == 50)
        #expect(anchor.side(80, value: -0.1) == 49)
        #expect(anchor.side(20, value: 0.01) == 20)
        #expect(AbsoluteAnchor.of(.external(column: "value")) == nil)

        // Blend, shrink, side, in that order: two companies, 1 article each (k = 3).
        let scorer = CompositeScorer(configuration: CompositeConfiguration(composites: [], shrinkageArticles: 3))
        let companies = ["A", "B"].map { Company(ticker: $0, name: $0, sector: nil) }
        let scaled = scorer.scale(["A": RawSignal(value: 0.5, coverage: 1), "B": RawSignal(value: 0.1, coverage: 1)],
                                  companies: companies, anchor: anchor)
        // A: P 75, A 88.08 -> B 81.54 -> 50 + 31.54 / 4 = 57.9 -> 58.
        #expect(scaled["A"] == 58)
        // B: P 25, A 59.87 -> 42.43 -> 48.1 -> held at 50 (its articles are positive).
        #expect(scaled["B"] == 50)
    }

    @Test func companiesWithSomeButTooFewSignalsKeepAnInsufficientDataLine() throws {
        let composite = CompositeDefinition(name: "alpha", signals: [
            SignalDefinition(name: "value", weight: 1, kind: .external(column: "value")),
            SignalDefinition(name: "quality", weight: 1, kind: .external(column: "quality")),
            SignalDefinition(name: "momentum", weight: 1, kind: .external(column: "momentum")),
            SignalDefinition(name: "sentiment", weight: 1, kind: .newsSentiment),
        ])
        let factors = try FactorTable.parseCSV("""
        date,ticker,value,quality,momentum
        2026-03-01,P1,1,,
        """, file: "f.csv")
        let records = CompositeScorer(configuration: CompositeConfiguration(composites: [composite]))
            .scores(asOf: Self.day, companies: Self.companies, observations: [], factors: factors)
        #expect(records.map(\.entity) == ["P1"])
        #expect(records.first?.label == "Insufficient data" && records.first?.available == 1)
    }
}
