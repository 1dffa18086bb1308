import Testing
import WirescoreEntities
@testable import WirescoreEvents

/// Hand-written headlines (not from any evaluation set) with the event each must yield: type,
/// company and role, two companies in one sentence, passive voice, and negations.
struct EventDetectorTests {
    static let detector = EventDetector(matcher: EntityMatcher(gazetteer: .builtin))

    struct Case: CustomStringConvertible, Sendable {
        var text: String
        /// (type, company, role); empty: no event at all.
        var expected: [(String, String?, String)]
        var description: String { text }
    }

    static let cases: [Case] = [
        // Earnings and guidance.
        Case(text: "Nvidia beats quarterly revenue estimates on data-center demand", expected: [("earnings/result/beat", "NVDA", "subject")]),
        Case(text: "Walmart misses profit expectations as costs climb", expected: [("earnings/result/miss", "WMT", "subject")]),
        Case(text: "Home Depot raises full-year outlook after strong spring season", expected: [("earnings/guidance/raise", "HD", "subject")]),
        Case(text: "Intel cuts its annual revenue forecast, citing weak PC demand", expected: [("earnings/guidance/cut", "INTC", "subject")]),
        Case(text: "Cisco reaffirms its fiscal-year guidance despite supply constraints", expected: [("earnings/guidance/reaffirm", "CSCO", "subject")]),
        Case(text: "Oracle reports third-quarter results in line with estimates", expected: [("earnings/result/in-line", "ORCL", "subject")]),
        // Analysts.
        Case(text: "Goldman Sachs upgrades Nvidia to buy on data-center growth", expected: [("analyst/rating/upgrade", "NVDA", "subject")]),
        Case(text: "Morgan Stanley downgrades Tesla to underweight", expected: [("analyst/rating/downgrade", "TSLA", "subject")]),
        Case(text: "Netflix price target raised to $900 at Citi", expected: [("analyst/price-target/raise", "NFLX", "subject")]),
        Case(text: "Tesla downgraded by Goldman Sachs to sell", expected: [("analyst/rating/downgrade", "TSLA", "subject")]),
        Case(text: "Analysts cut their price target on Boeing after delivery delays", expected: [("analyst/price-target/cut", "BA", "subject")]),
        Case(text: "JPMorgan initiates coverage of Salesforce with an overweight rating", expected: [("analyst/rating/initiate", "CRM", "subject")]),
        // Deals, with both roles.
        Case(text: "Microsoft agrees to acquire Adobe in a $40 billion deal",
             expected: [("acquisition/announced", "MSFT", "acquirer"), ("acquisition/announced", "ADBE", "target")]),
        Case(text: "Adobe to be acquired by Microsoft for $40 billion",
             expected: [("acquisition/announced", "MSFT", "acquirer"), ("acquisition/announced", "ADBE", "target")]),
        Case(text: "Pfizer completes its acquisition of Seagen", expected: [("acquisition/completed", "PFE", "acquirer")]),
        Case(text: "Broadcom abandons its takeover bid for Qualcomm",
             expected: [("acquisition/terminated", "AVGO", "acquirer"), ("acquisition/terminated", "QCOM", "target")]),
        Case(text: "Microsoft takes a 10% stake in a French AI startup", expected: [("stake/acquired", "MSFT", "investor")]),
        Case(text: "Alphabet and Salesforce announce a cloud partnership",
             expected: [("partnership/agreement", "GOOGL", "partner"), ("partnership/agreement", "CRM", "partner")]),
        // Products, legal, regulatory.
        Case(text: "Ford recalls 200,000 pickups over a brake defect", expected: [("product/recall", "F", "subject")]),
        Case(text: "FDA approves Merck's new cancer drug", expected: [("product/approval", "MRK", "subject")]),
        Case(text: "Apple unveils a new iPhone with a faster chip", expected: [("product/launch", "AAPL", "subject")]),
        Case(text: "Visa sues Mastercard over patent claims",
             expected: [("legal/lawsuit/filed", "V", "plaintiff"), ("legal/lawsuit/filed", "MA", "defendant")]),
        Case(text: "Alphabet is fined $1.3 billion by EU regulators", expected: [("regulatory/fine", "GOOGL", "subject")]),
        Case(text: "SEC opens a probe into Tesla's accounting", expected: [("regulatory/probe", "TSLA", "subject")]),
        Case(text: "Johnson & Johnson settles talc lawsuits for $8.9 billion", expected: [("legal/lawsuit/settled", "JNJ", "subject")]),
        // People.
        Case(text: "Starbucks names a new chief executive officer", expected: [("executive/appointed", "SBUX", "subject")]),
        Case(text: "Disney CEO to step down at the end of the year", expected: [("executive/departs", "DIS", "subject")]),
        Case(text: "Intel to lay off 15,000 workers in cost-cutting push", expected: [("labor/layoffs", "INTC", "subject")]),
        Case(text: "Boeing machinists go on strike after rejecting the union contract", expected: [("labor/strike", "BA", "subject")]),
        // Capital.
        Case(text: "Coca-Cola raises its quarterly dividend by 5%", expected: [("dividend/raise", "KO", "subject")]),
        Case(text: "Intel suspends its dividend to conserve cash", expected: [("dividend/suspend", "INTC", "subject")]),
        Case(text: "Apple announces a $110 billion share buyback", expected: [("buyback/announced", "AAPL", "subject")]),
        Case(text: "Nvidia announces a ten-for-one stock split", expected: [("stock-split/announced", "NVDA", "subject")]),
        Case(text: "Boeing sells $18 billion of bonds to shore up its balance sheet", expected: [("debt/issue", "BA", "subject")]),
        Case(text: "Moody's downgrades Boeing's credit rating to the lowest investment grade",
             expected: [("credit-rating/downgrade", "BA", "subject")]),
        // Market and operations.
        Case(text: "Tesla shares jump 9% after strong deliveries", expected: [("price-move/up", "TSLA", "subject")]),
        Case(text: "UnitedHealth stock plunges 20% on cost warning", expected: [("price-move/down", "UNH", "subject")]),
        Case(text: "AT&T hit by a nationwide network outage", expected: [("operations/outage", "T", "subject")]),
        Case(text: "Microsoft says hackers breached some corporate email accounts in a cyberattack",
             expected: [("operations/cyber-incident", "MSFT", "subject")]),
        // Negations and non-events.
        Case(text: "Apple denied reports it would acquire Disney", expected: []),
        Case(text: "Intel has no plans to cut its dividend, the CFO said", expected: []),
        Case(text: "The Federal Reserve held interest rates steady on Wednesday", expected: []),
        Case(text: "Oil prices rose as OPEC kept output unchanged", expected: []),
    ]

    @Test(arguments: cases)
    func findsTheEventWithItsCompanyAndRole(_ c: Case) {
        let found = Self.detector.detect(title: c.text, text: "")
        if c.expected.isEmpty {
            #expect(found.isEmpty, "\(found.map { "\($0.type) \($0.company ?? "-") \($0.role)" })")
            return
        }
        for (type, company, role) in c.expected {
            #expect(found.contains { $0.type == type && $0.company == company && $0.role == role },
                    "want \(type) \(company ?? "-") \(role); got \(found.map { "\($0.type) \($0.company ?? "-") \($0.role)" })")
        }
    }

    @Test func toneAndScoresFollowTheKindAndRole() {
        let events = Self.detector.detect(title: "Microsoft agrees to acquire Adobe in a $40 billion deal", text: "")
        let target = events.first { $0.role == "target" }, acquirer = events.first { $0.role == "acquirer" }
        #expect((target?.ess ?? 0) > (acquirer?.ess ?? 100))
        let miss = Self.detector.detect(title: "Walmart misses profit expectations", text: "", tone: { _ in -0.5 })
        #expect(miss.first.map { $0.ess < 30 && $0.sentiment < -0.5 } == true, "\(miss)")
        #expect(miss.first?.evidence == "Walmart misses profit expectations")
    }

    @Test func aSentenceWithoutACompanyTakesTheArticlesMainOne() {
        let events = Self.detector.detect(title: "Quarterly update", text: "The company said it would cut 9,000 jobs worldwide.",
                                          primary: "INTC")
        #expect(events.first.map { $0.type == "labor/layoffs" && $0.company == "INTC" } == true, "\(events)")
    }

    /// "buy" in investing advice, options flow or a holder's own buyback is no deal: the rules
    /// alone (no model) must not report an acquisition or a stake, while the deal beside them still is.
    @Test func adviceAndOptionsFlowAreNotDeals() {
        let rules = EventDetector(matcher: EntityMatcher(gazetteer: .builtin), topics: nil)
        for text in ["Is it time to buy Nvidia after the selloff?", "Microsoft: here is when to buy the shares",
                     "Three cheap stocks to buy now, including Intel", "Traders buy the dip in Tesla again",
                     "Apple calls bought ahead of the product event", "Heavy buys of Tesla puts into the close",
                     "Buying back my Netflix shares, holding overnight"] {
            let found = rules.detect(title: text, text: "").filter { $0.type.hasPrefix("acquisition") || $0.type.hasPrefix("stake") }
            #expect(found.isEmpty, "\(text): \(found.map { "\($0.type) \($0.company ?? "-")" })")
        }
        let deal = rules.detect(title: "Microsoft agrees to buy Activision Blizzard", text: "")
        #expect(deal.contains { $0.type == "acquisition/announced" && $0.company == "MSFT" }, "\(deal)")
    }

    @Test func onlyTheLeadIsRead() {
        let lead = EventDetector.lead(of: "One. Two. Three. Four. Five. Six. Seven. Eight.", sentences: 4)
        #expect(lead == "One. Two. Three. Four. Five. Six.")
    }
}
