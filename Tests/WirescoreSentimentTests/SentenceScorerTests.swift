import Testing
import WirescoreEntities
import WirescoreCore
@testable import WirescoreSentiment

/// Rule-level checks on sentences written for wirescore.
struct SentenceScorerTests {
    let analyzer = TextAnalyzer(gazetteer: .builtin)

    func score(_ s: String) -> Double { analyzer.analyze(title: nil, text: s).score }

    @Test func lexiconsAreLoaded() {
        #expect(Lexicon.vader.count > 7000)
        #expect(Lexicon.vader["good"] == 1.9)
        #expect(WordTable.shared.lookup("good")?.vader == 1.9)
        #expect(WordTable.shared.lookup("profit")?.quantity == 1)
        #expect(WordTable.shared.lookup("qwertyuiop") == nil)
    }

    @Test(arguments: [
        ("Quarterly profit rose 12% to $4.1 billion.", 1.0),
        ("The net loss widened to $300 million.", -1.0),
        ("Operating costs fell by a fifth.", 1.0),
        ("Gross margin narrowed to 31 percent.", -1.0),
        ("The loss narrowed in the second quarter.", 1.0),
        ("Sales totalled EUR 9.1 mn, compared with EUR 7.4 mn a year earlier.", 1.0),
        ("The retailer beat analysts' estimates.", 1.0),
        ("Earnings missed Wall Street expectations.", -1.0),
        ("The company raised its full-year guidance.", 1.0),
        ("The company cut its outlook for the year.", -1.0),
        ("The bank was downgraded to sell by two brokers.", -1.0),
        ("The chipmaker was upgraded to buy.", 1.0),
        ("The automaker will lay off 2,000 workers.", -1.0),
        ("Regulators opened a probe into the lender's sales practices.", -1.0),
        ("The drugmaker announced a recall of two inhalers.", -1.0),
        ("The board approved a new $10 billion buyback.", 1.0),
        ("The utility cut its dividend.", -1.0),
        ("The insurer raised its quarterly dividend by 8%.", 1.0),
        ("The supplier won a three-year contract with the navy.", 1.0),
        ("Revenue did not increase in the quarter.", -1.0),
        ("The group will expand its logistics network into Poland.", 1.0),
        ("The chain opened a new distribution centre near Leeds.", 1.0),
        ("The carmaker will close two assembly plants next year.", -1.0),
        ("The toolmaker is hiring engineers for its new research hub.", 1.0),
        ("The airline suspended flights to the region.", -1.0),
        ("The service provider renewed its contract with the city.", 1.0),
    ])
    func financialDirection(text: String, sign: Double) {
        let s = score(text)
        #expect(s * sign >= 0.3, "\(text): \(s)")
    }

    @Test func neutralStatementsStayNeutral() {
        for text in ["The company is headquartered in Ohio.", "The meeting will be held on 12 March.",
                     "The shares are listed in Helsinki and Stockholm.",
                     "The deal is worth about EUR 5 million.", "The utility sells natural gas and smart meters.",
                     "The stock closed at 12.40 euros."] {
            #expect(SentimentLabel(score: score(text), neutralBand: analyzer.neutralBand) == .neutral, "\(text)")
        }
    }

    @Test(arguments: [
        ("AstraZeneca sinks after trial data.", -1.0),
        ("Retailers rise in London trading.", 1.0),
        ("Worries rose.", -1.0),
        ("Group EBIT fell short of the EUR 22.5 m posted a year earlier.", -1.0),
        ("The administrators said 900 job cuts were needed.", -1.0),
        ("The investor raised its stake in the company to 12% from 9%.", 1.0),
        ("Operating profit was EUR 9.8 mn, compared to a loss of EUR 12.7 mn a year earlier.", 1.0),
        ("The operating loss totalled EUR 3.2 mn, down from a profit of EUR 7.2 mn.", -1.0),
        ("A court dismissed the lawsuit against the lender.", 1.0),
        ("Quarterly profit was hit by the strong dollar.", -1.0),
        ("The miner expects lower cash costs next year.", 1.0),
        ("The shares touched a 3-month high.", 1.0),
        ("The stock sank to a record low.", -1.0),
    ])
    func marketMovesAndMisses(text: String, sign: Double) {
        let s = score(text)
        #expect(s * sign >= 0.25, "\(text): \(s)")
    }

    @Test func phrasesThatAreNotNews() {
        // A due date, a harm that did not happen, a smaller deficit target.
        #expect(abs(score("The credit falls due in February 2014.")) < 0.25)
        #expect(score("Children won't be hurt by half an hour of television a day.") >= 0)
        #expect(score("The deficit target was cut to 3 percent.") > 0)
    }

    @Test func negativeNewsWeighsMoreAndLongSentencesAreDamped() {
        let good = score("The outlook is positive.")
        let bad = score("The outlook is negative.")
        #expect(good > 0 && bad < 0)
        #expect(abs(bad) > abs(good))
        let short = score("The service was good.")
        let long = score("The service that the operator provided to its many passengers on the northern routes last winter was good.")
        #expect(long > 0 && long < short)
    }

    @Test func vaderRules() {
        #expect(score("The service was good.") > 0)
        #expect(score("The service was not good.") < 0)
        #expect(score("The service was very good.") > score("The service was good."))
        #expect(score("The service was GOOD, we said.") > score("The service was good, we said."))
        #expect(score("The service was good!!!") > score("The service was good."))
        #expect(score("The food was good, but the service was terrible.") < 0)
    }
}

struct TextAnalyzerTests {
    let analyzer = TextAnalyzer(gazetteer: .builtin)

    @Test func entitySentimentRelevanceAndEvidence() {
        let a = analyzer.analyze(
            title: "Microsoft beats estimates as cloud sales surge",
            text: "Microsoft reported quarterly revenue of $65 billion.\n\nThe company said cloud revenue rose 30%. Separately, Intel said its loss widened.",
            target: nil)
        let msft = a.entities.first { $0.id == "MSFT" }
        let intc = a.entities.first { $0.id == "INTC" }
        #expect(msft?.relevance == 100)
        #expect(msft?.mentions == 2)
        #expect((msft?.sentiment ?? 0) > 0.3)
        #expect(msft?.label == .positive)
        #expect(msft?.evidence.isEmpty == false)
        #expect((intc?.sentiment ?? 0) < -0.3)
        #expect((intc?.relevance ?? 100) < 100)
        #expect(a.entities.first?.id == "MSFT")
        #expect(a.label == .positive)
    }

    @Test func clausesSeparateEntitiesInOneSentence() {
        let a = analyzer.analyze(title: nil, text: "Shares of Ford rose 4%, while General Motors fell 3%.", target: nil)
        let f = a.entities.first { $0.id == "F" }?.sentiment ?? 0
        let gm = a.entities.first { $0.id == "GM" }?.sentiment ?? 0
        #expect(f > 0)
        #expect(gm < 0)
    }

    @Test func targetOutsideTheGazetteer() {
        let a = analyzer.analyze(title: nil, text: "Morrisons profit slumps, while Tesco sales rise", target: "Morrisons")
        #expect(a.target?.name == "Morrisons")
        #expect((a.target?.sentiment ?? 0) < 0)
    }

    @Test func recordJSONShapes() {
        let a = analyzer.analyze(title: nil, text: "Apple Inc. raised its dividend.", target: nil)
        #expect(a.sentimentField.json.serialized().hasPrefix("{\"score\":"))
        let e = JSONValue.array(a.entityFields.map(\.json)).serialized()
        #expect(e.hasPrefix("[{\"id\":\"AAPL\",\"name\":\"Apple\",\"type\":\"company\",\"exchange\":\"Nasdaq\",\"sector\":\"Information Technology\",\"mentions\":1,\"relevance\":80,\"sentiment\":"))
        #expect(e.contains("\"evidence\":\"Apple Inc. raised its dividend.\""))
    }
}
