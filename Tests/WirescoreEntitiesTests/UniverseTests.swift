import Testing
@testable import WirescoreEntities

/// The full universe and the matching rules that keep it precise (issue 18).
struct UniverseTests {
    static let matcher = EntityMatcher(gazetteer: .builtin)

    func ids(_ text: String) -> [String] {
        Self.matcher.mentions(in: Tokenizer.tokenize(text)).map { Self.matcher.gazetteer.entities[$0.entity].id }
    }

    @Test func universeHoldsListedGlobalAndPrivateCompanies() {
        let g = Gazetteer.builtin
        #expect(g.entities.count >= 6000)
        let byID = Dictionary(g.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["AAPL"]?.name == "Apple")
        #expect(byID["AAPL"]?.cik == "320193")
        #expect(byID["AAPL"]?.lists.contains(.sp500) == true)
        #expect(byID["SHEL"]?.isins.contains("GB00BP6MXD84") == true)
        #expect(byID["SHEL"]?.country == "United Kingdom")
        #expect(byID["VOW3.DE"]?.lists == [.global])
        #expect(byID["openai"]?.type == "private")
        #expect(byID["openai"]?.tickers.isEmpty == true)
        #expect(byID["META"]?.formerNames.contains("Facebook") == true)
        #expect(byID["GOOGL"]?.unitAliases.contains("YouTube") == true)
        #expect(byID["ROOT"]?.strongEvidenceAliases.contains("Root") == true)
        let sp500 = Gazetteer.builtin(lists: .sp500)
        #expect(sp500.entities.count == 500)
        #expect(Gazetteer.builtin(lists: .privateCompanies).entities.allSatisfy { $0.type == "private" })
    }

    @Test func seedSentenceTagsGoogleOracleAndOpenAI() {
        #expect(Set(ids("Google Cloud, and Oracle Cloud can now integrate OpenAI's models.")) == ["GOOGL", "ORCL", "openai"])
        #expect(ids("Oracle taps bond market for $18 billion.") == ["ORCL"])
        #expect(ids("Oracle bones were used for divination.").isEmpty)
    }

    @Test func hyphenatedPairsSplit() {
        #expect(Set(ids("The Microsoft-OpenAI partnership was renegotiated.")) == ["MSFT", "openai"])
        #expect(ids("Coca-Cola raised prices.") == ["KO"])
        #expect(ids("The Franco-German plan was announced.").isEmpty)
    }

    @Test func wireCodesAreStrongEvidence() {
        #expect(ids("Gap <GAP.N> shares jumped.") == ["GAP", "GAP"])
        #expect(ids("Shell <SHEL.L> said output rose.") == ["SHEL", "SHEL"])
        #expect(ids("Berkshire Hathaway <BRKb.N> reported a record cash pile.").allSatisfy { $0 == "BRK.B" })
        #expect(ids("The S&P 500 <.SPX> rose and the Nasdaq <.IXIC> added 0.6%.").isEmpty)
        #expect(ids("Root Inc <ROOT.O> shares jumped.").contains("ROOT"))
    }

    @Test func smallCompaniesNamedByWordsNeedStrongEvidence() {
        #expect(ids("The root of the problem is housing.").isEmpty)
        #expect(ids("Root said it would expand.").isEmpty)
        #expect(ids("Root Inc. said it would expand.") == ["ROOT"])
        #expect(ids("Dave said he would come on Friday.").isEmpty)
        #expect(ids("Tim said he would be late.").isEmpty)
    }

    @Test func listsAndProductsCueWordNames() {
        #expect(Set(ids("Boeing, Target and Oracle weighed on the index.")) == ["BA", "TGT", "ORCL"])
        #expect(ids("Apple Pay is now available in more countries.") == ["AAPL"])
        #expect(ids("The target, the timing and the budget are open.").isEmpty)
    }

    @Test func peopleAndPlacesAreNotCompanies() {
        #expect(ids("Paris Hilton opened a store.").isEmpty)
        #expect(ids("Mr. Gates said philanthropy would be his focus.").isEmpty)
        #expect(ids("Swiss National Bank policymakers cut rates.").isEmpty)
        #expect(ids("Chase Elliott won the race.").isEmpty)
        #expect(ids("Hilton said revenue per room rose.") == ["HLT"])
    }
}
