import Foundation
import Testing
import WirescoreCore
@testable import WirescoreComposites

struct CompositeScorerTests {
    static let day0 = UTCTimestamp.parseDay("2026-03-10") ?? Date(timeIntervalSince1970: 0)

    static func at(_ days: Double) -> Date { day0.addingTimeInterval(days * 86_400) }

    static let alpha = CompositeDefinition(name: "alpha", signals: [
        SignalDefinition(name: "momentum", weight: 30, kind: .external(column: "price_momentum"), window: 30),
        SignalDefinition(name: "value", weight: 25, kind: .external(column: "value"), window: 30),
        SignalDefinition(name: "quality", weight: 25, kind: .external(column: "quality"), window: 30),
        SignalDefinition(name: "sentiment", weight: 20, kind: .newsSentiment, window: 14, halfLifeDays: 3),
    ])
    static let news = CompositeDefinition(name: "news", signals: [
        SignalDefinition(name: "sentiment", weight: 50, kind: .newsSentiment, window: 14, halfLifeDays: 3),
        SignalDefinition(name: "momentum", weight: 30, kind: .newsMomentum, window: 28, shortWindow: 7),
        SignalDefinition(name: "buzz", weight: 20, kind: .buzz, window: 28, shortWindow: 3),
    ])

    static func observation(_ id: String, _ entity: String, _ day: Double, _ sentiment: Double,
                            relevance: Double = 80, novelty: Double = 100) -> NewsObservation {
        NewsObservation(articleID: id, entity: entity, published: at(day), sentiment: sentiment,
                        relevance: relevance, novelty: novelty)
    }

    static let companies = [
        Company(ticker: "AAA", name: "Alpha Anvil", sector: "Industrials"),
        Company(ticker: "BBB", name: "Beta Bakery", sector: "Staples"),
        Company(ticker: "CCC", name: "Gamma Gears", sector: "Industrials"),
        Company(ticker: "DDD", name: "Delta Dairy", sector: "Staples"),
        Company(ticker: "EEE", name: "Epsilon Energy", sector: nil),
    ]

    static func factors() throws -> FactorTable {
        try FactorTable.parseCSV("""
        date,ticker,value,quality,price_momentum
        2026-03-01,AAA,0.9,0.8,0.3
        2026-03-01,BBB,0.2,0.4,0.1
        2026-03-01,CCC,0.5,,0.2
        2026-03-01,DDD,0.7,0.6,-0.1
        """, file: "inline.csv")
    }

    static let observations = [
        observation("a1", "AAA", -0.5, 0.8), observation("a2", "AAA", -2, 0.4, novelty: 75),
        observation("a3", "AAA", -10, -0.2), observation("b1", "BBB", -1, -0.6),
        observation("c1", "CCC", -0.2, 0.1), observation("c2", "CCC", -20, 0.5),
        observation("d1", "DDD", -3, 0.3, relevance: 20),
    ]

    private func scorer(_ composites: [CompositeDefinition] = [alpha, news]) -> CompositeScorer {
        CompositeScorer(configuration: CompositeConfiguration(composites: composites))
    }

    private func record(_ records: [ScoreRecord], _ composite: String, _ ticker: String) throws -> ScoreRecord {
        try #require(records.first { $0.composite == composite && $0.entity == ticker })
    }

    @Test func scoresEveryCompanyWithASignalForEveryComposite() throws {
        let records = scorer().scores(asOf: Self.day0, companies: Self.companies,
                                      observations: Self.observations, factors: try Self.factors())
        // EEE has neither factors nor news: no line in either composite.
        #expect(records.count == 8)
        #expect(records.map(\.composite) == Array(repeating: "alpha", count: 4) + Array(repeating: "news", count: 4))
        #expect(records.allSatisfy { $0.date == "2026-03-10" })

        let aaa = try record(records, "alpha", "AAA")
        #expect(aaa.available == 4 && !aaa.capped)
        let ccc = try record(records, "alpha", "CCC")
        #expect(ccc.available == 3 && ccc.capped)
        #expect(ccc.summary.hasSuffix(" Based on 3 of 4 signals — score is capped at 90 until remaining data ingests."))
        #expect(!records.contains { $0.entity == "EEE" })
        #expect(aaa.articles == 3)
        #expect(aaa.topArticles == ["a1", "a2", "a3"])
    }

    @Test func asOfDayExcludesLaterDataAndIgnoresInputOrder() throws {
        let base = scorer().scores(asOf: Self.day0.addingTimeInterval(-3600), companies: Self.companies,
                                   observations: Self.observations, factors: try Self.factors())
        var later = Self.observations
        later.append(Self.observation("z1", "BBB", 0.1, 1.0))  // published on 03-10, after the 03-09 score
        later.append(Self.observation("z2", "EEE", 2, 1.0))
        let future = try FactorTable.parseCSV("""
        date,ticker,value,quality,price_momentum
        2026-03-01,AAA,0.9,0.8,0.3
        2026-03-01,BBB,0.2,0.4,0.1
        2026-03-01,CCC,0.5,,0.2
        2026-03-01,DDD,0.7,0.6,-0.1
        2026-03-10,CCC,0.5,0.99,0.2
        2026-03-10,EEE,0.1,0.1,0.1
        """, file: "future.csv")
        let withFuture = scorer().scores(asOf: Self.day0.addingTimeInterval(-3600), companies: Self.companies.reversed(),
                                         observations: later.reversed(), factors: future)
        #expect(base.map { $0.scoreJSON().serialized() } == withFuture.map { $0.scoreJSON().serialized() })

        // The next day does see them: the test would be vacuous otherwise.
        let nextDay = scorer().scores(asOf: Self.day0, companies: Self.companies, observations: later, factors: future)
        #expect(try record(nextDay, "alpha", "CCC").available == 4)
    }

    @Test func percentileWithinSectorOrUniverseWhenThin() {
        let scorer = CompositeScorer(configuration: CompositeConfiguration(composites: [], minimumSectorSize: 3))
        let companies = ["T1", "T2", "T3", "U1", "U2"].map {
            Company(ticker: $0, name: $0, sector: $0.hasPrefix("T") ? "Tech" : "Utilities")
        }
        let raw: [String: RawSignal] = ["T1": RawSignal(value: 1), "T2": RawSignal(value: 2), "T3": RawSignal(value: 3),
                                        "U1": RawSignal(value: 10), "U2": RawSignal(value: 0)]
        let scaled = scorer.scale(raw, companies: companies)
        // Tech has 3 peers: ranked among themselves (midrank of 3: 17, 50, 83).
        #expect(scaled["T1"] == 17 && scaled["T2"] == 50 && scaled["T3"] == 83)
        // Utilities has 2: ranked against the whole universe of 5.
        #expect(scaled["U1"] == 90 && scaled["U2"] == 10)
    }

    @Test func thinlyCoveredCompaniesShrinkTowardFifty() {
        let scorer = CompositeScorer(configuration: CompositeConfiguration(composites: [], minimumSectorSize: 5,
                                                                           shrinkageArticles: 3))
        let companies = ["A", "B"].map { Company(ticker: $0, name: $0, sector: nil) }
        let thin = scorer.scale(["A": RawSignal(value: 1, coverage: 1), "B": RawSignal(value: 0, coverage: 1)],
                                companies: companies)
        let thick = scorer.scale(["A": RawSignal(value: 1, coverage: 30), "B": RawSignal(value: 0, coverage: 30)],
                                 companies: companies)
        // Unshrunk these are 75 and 25.
        #expect(thin["A"] == 56 && thin["B"] == 44)
        #expect(thick["A"] == 73 && thick["B"] == 27)
    }

    @Test func newsSignalsFollowTheNews() throws {
        let records = scorer([Self.news]).scores(asOf: Self.day0, companies: Self.companies,
                                                 observations: Self.observations, factors: nil)
        let aaa = try record(records, "news", "AAA")
        let bbb = try record(records, "news", "BBB")
        let sentiment = { (r: ScoreRecord) in r.signals.first { $0.name == "sentiment" }?.score }
        let aaaSentiment = try #require(sentiment(aaa))
        let bbbSentiment = try #require(sentiment(bbb))
        #expect(aaaSentiment > bbbSentiment)
        // BBB has one article: no momentum (needs two in the long window), so 2 of 3 and capped.
        #expect(bbb.signals.first { $0.name == "momentum" }?.score == nil)
        #expect(bbb.capped)
        #expect(!records.contains { $0.entity == "EEE" })
    }

    @Test func decayHalfLifeWeighsRecentArticlesMore() {
        let old = Self.observation("o", "X", -6, -1)
        let new = Self.observation("n", "X", -0.5, 1)
        let signal = SignalDefinition(name: "s", weight: 1, kind: .newsSentiment, window: 14, halfLifeDays: 2)
        let cutoff = Self.day0.timeIntervalSince1970
        let value = SignalCalculator.raw(signal, ticker: "X", observations: [old, new], cutoff: cutoff,
                                         asOf: Self.day0, factors: nil)?.value ?? 0
        #expect(value > 0.5)
        let slow = SignalDefinition(name: "s", weight: 1, kind: .newsSentiment, window: 14, halfLifeDays: 1000)
        let flat = SignalCalculator.raw(slow, ticker: "X", observations: [old, new], cutoff: cutoff,
                                        asOf: Self.day0, factors: nil)?.value ?? 1
        #expect(abs(flat) < 0.01)
    }

    @Test func buzzRisesWithNovelStoriesNotRewrites() {
        let signal = SignalDefinition(name: "buzz", weight: 1, kind: .buzz, window: 28, shortWindow: 3)
        let cutoff = Self.day0.timeIntervalSince1970
        let baseline = (5...25).map { Self.observation("b\($0)", "X", -Double($0), 0) }
        let novel = baseline + (0..<4).map { Self.observation("n\($0)", "X", -0.5, 0, novelty: 100) }
        let rewrites = baseline + (0..<4).map { Self.observation("r\($0)", "X", -0.5, 0, novelty: 10) }
        let a = SignalCalculator.raw(signal, ticker: "X", observations: novel, cutoff: cutoff, asOf: Self.day0, factors: nil)
        let b = SignalCalculator.raw(signal, ticker: "X", observations: rewrites, cutoff: cutoff, asOf: Self.day0, factors: nil)
        #expect((a?.value ?? 0) > (b?.value ?? 0))
    }

    @Test func configurationValidation() throws {
        let good = CompositeConfiguration(composites: [Self.alpha, Self.news])
        try good.validate(file: "p.yaml")
        let twice = CompositeConfiguration(composites: [Self.alpha, Self.alpha])
        #expect(throws: CompositeError.self) { try twice.validate(file: "p.yaml") }
        let badWindow = CompositeConfiguration(composites: [CompositeDefinition(name: "n", signals: [
            SignalDefinition(name: "m", weight: 1, kind: .newsMomentum, window: 7, shortWindow: 7)])])
        let error = try #require(throws: CompositeError.self) { try badWindow.validate(file: "p.yaml") }
        #expect(error.description == "p.yaml: composite n: signal m: short window must be shorter than window")
        #expect(CompositeDefinition(name: "news", signals: []).title == "News Score")
    }
}
