import Testing
import WirescoreCore
@testable import WirescoreComposites

/// The reference product's examples, which DESIGN.md fixes word for word.
struct ScoreRecordTests {
    private func alpha(_ momentum: Int?, _ value: Int?, _ quality: Int?, _ sentiment: Int?) -> ScoreRecord {
        ScoreRecord(date: "2026-03-10", entity: "AAA", name: "Alpha Anvil", sector: "Industrials",
                    composite: "alpha", title: "Alpha Score",
                    signals: [SignalScore(name: "momentum", score: momentum, weight: 30),
                              SignalScore(name: "value", score: value, weight: 25),
                              SignalScore(name: "quality", score: quality, weight: 25),
                              SignalScore(name: "sentiment", score: sentiment, weight: 20)],
                    minimumSignals: 2, articles: 4, topArticles: ["a1", "a2"], version: "composites-1")
    }

    @Test func sixtyFiveIsModerateWithModerateProfile() {
        let record = alpha(70, 60, 80, 45)
        #expect(record.score == 65)
        #expect(record.label == "Moderate")
        #expect(record.summary == "Alpha Score of 65 reflects moderate overall profile with moderate momentum, moderate value, strong quality, weak sentiment.")
        #expect(!record.capped)
    }

    @Test func fiftyFourIsWeakYetModerateProfile() {
        let record = alpha(60, 50, 60, 42)
        #expect(record.score == 54)
        #expect(record.label == "Weak")
        #expect(record.summary.hasPrefix("Alpha Score of 54 reflects moderate overall profile with "))
    }

    @Test func fortySevenFromThreeOfFourSignalsCarriesTheCapSentence() {
        let record = alpha(50, nil, 45, 45)
        #expect(record.score == 47)
        #expect(record.label == "Weak")
        #expect(record.capped)
        #expect(record.summary == "Alpha Score of 47 reflects weak overall profile with moderate momentum, weak quality, weak sentiment. Based on 3 of 4 signals — score is capped at 90 until remaining data ingests.")
    }

    @Test func missingSignalCapsAtNinety() {
        #expect(alpha(99, 98, nil, 97).score == 90)
        #expect(alpha(99, 98, 96, 97).score == 98)
    }

    @Test func belowTheMinimumIsInsufficientData() throws {
        let record = alpha(nil, nil, 80, nil)
        #expect(record.score == nil)
        #expect(record.label == "Insufficient data")
        #expect(!record.capped)
        #expect(record.summary == "Alpha Score unavailable: insufficient data (1 of 4 signals).")
        let json = record.scoreJSON()
        #expect(json["score"] == .null)
        #expect(json["signals"]?["momentum"] == .null)
    }

    @Test(arguments: [(75, "Strong", "strong"), (74, "Moderate", "moderate"), (55, "Moderate", "moderate"),
                      (54, "Weak", "moderate"), (50, "Weak", "moderate"), (49, "Weak", "weak"),
                      (26, "Weak", "weak"), (25, "Poor", "poor"), (0, "Poor", "poor"), (100, "Strong", "strong")])
    func bandEdges(score: Int, label: String, word: String) {
        #expect(CompositeBand(score: score).rawValue == label)
        #expect(ProfileWord(score: score).rawValue == word)
    }

    @Test func scoreJSONKeysAndValuesInDesignOrder() throws {
        let json = alpha(50, nil, 45, 45).scoreJSON()
        guard case let .object(pairs) = json else {
            Issue.record("scoreJSON is not an object")
            return
        }
        #expect(pairs.map(\.0) == ["date", "entity", "name", "sector", "composite", "score", "label", "signals",
                                   "coverage", "capped", "summary", "articles", "top_articles", "version"])
        let line = json.serialized()
        #expect(line.hasPrefix(#"{"date":"2026-03-10","entity":"AAA","name":"Alpha Anvil","sector":"Industrials","composite":"alpha","score":47,"label":"Weak","signals":{"momentum":{"score":50,"label":"moderate","weight":30},"value":null,"quality":{"score":45,"label":"weak","weight":25},"sentiment":{"score":45,"label":"weak","weight":20}},"coverage":{"available":3,"total":4},"capped":true,"summary":"#))
        #expect(line.hasSuffix(#","articles":4,"top_articles":["a1","a2"],"version":"composites-1"}"#))
    }
}
