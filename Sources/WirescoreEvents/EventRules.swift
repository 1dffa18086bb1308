/// The rules that recognise corporate events in a sentence.
///
/// A rule fires when one of its triggers occurs in the sentence, at least one of its context
/// patterns occurs anywhere in the same sentence (when it has any), and none of its exclusions
/// does. Rules are general statements of how financial news words these events ("raised its
/// full-year guidance", "downgraded to sell", "agreed to buy"), written from the domain, not
/// from any evaluation sentence. Order matters: earlier rules are more specific, and a rule
/// marked `generic` is dropped when a more specific rule of its group fired in the sentence.
final class EventRule: Sendable {
    let kind: EventKind
    let triggers: [TokenPattern]
    let context: [TokenPattern]
    let exclude: [TokenPattern]
    /// Voice markers that swap the two roles ("was acquired by", "sold to").
    let passive: [TokenPattern]
    /// The company the event is about follows the trigger ("Goldman upgrades Apple").
    let subjectAfterTrigger: Bool
    let generic: Bool
    let needsCompany: Bool
    /// How sure the rule is when it fires (before position and company adjust it).
    let confidence: Double

    init(kind: EventKind, triggers: [TokenPattern], context: [TokenPattern], exclude: [TokenPattern],
         passive: [TokenPattern], subjectAfterTrigger: Bool, generic: Bool, needsCompany: Bool, confidence: Double) {
        self.kind = kind; self.triggers = triggers; self.context = context; self.exclude = exclude
        self.passive = passive; self.subjectAfterTrigger = subjectAfterTrigger; self.generic = generic
        self.needsCompany = needsCompany; self.confidence = confidence
    }
}

enum EventRules {
    private static func rule(_ kind: EventKind, _ triggers: [String], context: [String] = [], exclude: [String] = [],
                             passive: [String] = [], subjectAfterTrigger: Bool = false, generic: Bool = false,
                             needsCompany: Bool = false, confidence: Double = 0.8) -> EventRule {
        EventRule(kind: kind, triggers: triggers.map(TokenPattern.init), context: context.map(TokenPattern.init),
                  exclude: exclude.map(TokenPattern.init), passive: passive.map(TokenPattern.init),
                  subjectAfterTrigger: subjectAfterTrigger, generic: generic, needsCompany: needsCompany,
                  confidence: confidence)
    }

    // Shared vocabularies.
    static let results = ["earnings", "results", "profit*", "revenue*", "sales", "eps", "quarter*", "q0", "income",
                          "loss", "losses", "fy", "turnover", "ebitda", "margin*"]
    static let expectations = ["estimate*", "expectation*", "forecast*", "consensus", "view*", "projection*", "expected"]
    static let guidance = ["guidance", "outlook", "forecast*", "full-year", "full year", "targets"]
    static let agencies = ["moody*", "fitch", "dbrs", "s & p", "s&p", "credit rating*", "investment grade", "junk",
                           "rating agency", "kroll"]
    static let ratings = ["buy", "sell", "hold", "neutral", "outperform", "underperform", "overweight", "underweight",
                          "equal-weight", "equal weight", "market perform", "sector perform", "accumulate", "reduce",
                          "strong buy", "peer perform", "positive", "negative"]
    /// One pattern element: the ratings an upgrade or a downgrade moves to.
    static let upRatings = "buy|outperform|overweight|accumulate|positive|strong|add|market-perform|neutral|hold|equal-weight"
    static let downRatings = "sell|underperform|underweight|reduce|negative|neutral|hold|equal-weight|market-perform|sector-perform|in-line"
    static let priceTarget = ["price target*", "target price*", "pt", "price objective"]
    static let executives = ["ceo", "cfo", "coo", "cto", "chief", "president", "chairman", "chairwoman", "chair",
                             "director*", "head", "executive*", "boss", "founder", "board"]
    static let dealWords = ["deal", "merger", "acquisition", "takeover", "bid", "purchase", "buyout", "transaction"]
    static let legalWords = ["lawsuit*", "suit", "suits", "case", "claims", "litigation", "charges", "dispute",
                             "complaint", "class action"]
    static let regulators = ["sec", "ftc", "doj", "justice department", "regulator*", "authorit*", "commission",
                             "prosecutor*", "attorney*", "cma", "fca", "finra", "cftc", "fda", "epa", "eu", "antitrust",
                             "watchdog*", "ministry", "government", "probe*", "investigator*", "agency", "department"]
    static let negationPatterns = negations.map(TokenPattern.init)
    static let negations = ["no", "not", "never", "denies", "denied", "deny", "rejects", "rejected", "won't", "wont",
                            "dismisses", "unlikely", "rules out", "ruled out", "without"]

    /// For each text a trigger's first word can be (an exact word or a `pre*` prefix), the
    /// rules (by index in ``all``) with such a trigger: a sentence's words and their prefixes
    /// look up the few rules that can fire, instead of every rule testing every sentence.
    static let byTriggerKey: (keys: [String: [Int]], always: [Int]) = {
        var keys: [String: [Int]] = [:]
        var always: [Int] = []
        for (index, rule) in all.enumerated() {
            for trigger in rule.triggers {
                if trigger.firstIsAny { always.append(index); continue }
                for key in trigger.firstKeys where keys[key]?.last != index { keys[key, default: []].append(index) }
            }
        }
        return (keys, Array(Set(always)).sorted())
    }()

    static let all: [EventRule] = [
        // Credit ratings first: an agency's "downgrade" is not an analyst's.
        rule(.creditUpgrade, ["upgrad*", "rais*", "lift*"], context: agencies, subjectAfterTrigger: true, confidence: 0.85),
        rule(.creditDowngrade, ["downgrad*", "cut*", "lower*", "slash*"], context: agencies, subjectAfterTrigger: true,
             confidence: 0.85),

        // Earnings.
        rule(.guidanceRaise, ["rais*", "lift*", "boost*", "increas*", "hik*", "ups", "upped", "improv*"],
             context: guidance, exclude: priceTarget + agencies),
        rule(.guidanceCut, ["cut*", "lower*", "slash*", "reduc*", "trim*", "warn*", "downgrad*"],
             context: guidance, exclude: priceTarget + agencies + ["jobs"]),
        rule(.guidanceCut, ["profit warning*", "profit warn*"]),
        rule(.guidanceReaffirm, ["reaffirm*", "maintain*", "reiterat*", "confirm*", "backs", "stands by"],
             context: ["guidance", "outlook", "forecast*", "targets"], exclude: ratings),
        rule(.earningsBeat, ["beat*", "top*", "exceed*", "surpass*", "above", "better than", "tops", "outpac*", "ahead of"],
             context: expectations + results, exclude: ["price target*"]),
        rule(.earningsMiss, ["miss*", "below", "short of", "worse than", "fell short", "lag*", "disappoint*", "trail*"],
             context: expectations + results, exclude: ["price target*"]),
        rule(.earningsInLine, ["in line", "inline", "matched", "match*"], context: expectations + results),
        rule(.earningsReported, ["report*", "post*", "announc*", "swung", "swings", "turn* ? profit", "record*", "deliver*"],
             context: ["earnings", "results", "profit*", "revenue*", "net income", "eps", "quarterly", "q0", "loss",
                       "sales", "ebitda", "per share"], generic: true, confidence: 0.7),
        rule(.earningsReported, ["q0 earnings", "q0 results", "earnings call", "quarterly results", "earnings report",
                                 "first-quarter", "second-quarter", "third-quarter", "fourth-quarter", "first quarter",
                                 "second quarter", "third quarter", "fourth quarter", "profit ros*", "profit fell",
                                 "profit jump*", "profit drop*", "profit climb*", "profit slump*", "profit surg*",
                                 "net income", "earnings per share", "revenue ros*", "revenue fell", "revenue grew"],
             generic: true, confidence: 0.65),

        // Analysts.
        rule(.targetRaise, ["rais*", "lift*", "boost*", "increas*", "hik*", "ups", "upped", "bump*"], context: priceTarget,
             subjectAfterTrigger: true),
        rule(.targetCut, ["cut*", "lower*", "reduc*", "slash*", "trim*", "drop*"], context: priceTarget,
             subjectAfterTrigger: true),
        rule(.ratingUpgrade, ["upgrad*", "raised to " + upRatings, "raises to " + upRatings, "lifts to " + upRatings,
                              "lifted to " + upRatings], exclude: agencies,
             subjectAfterTrigger: true),
        rule(.ratingDowngrade, ["downgrad*", "cut to " + downRatings, "cuts to " + downRatings, "lowered to " + downRatings,
                                "lowers to " + downRatings], exclude: agencies,
             subjectAfterTrigger: true),
        // "Barclays raises Micron to overweight", "Bernstein lowers Dollar Tree to market-perform":
        // the rated company between the verb and the new rating.
        rule(.ratingUpgrade, ["rais*", "lift*", "boost*", "upped", "ups", "bump*", "mov*"],
             context: ["to " + upRatings.replacingOccurrences(of: "buy|", with: ""), "to buy from"],
             exclude: priceTarget + agencies + ["stake", "guidance", "outlook", "forecast*", "dividend*"],
             subjectAfterTrigger: true),
        rule(.ratingDowngrade, ["lower*", "cut*", "mov*", "slash*", "drop*"], context: ["to " + downRatings],
             exclude: priceTarget + agencies + ["stake", "guidance", "outlook", "forecast*", "dividend*", "rates"],
             subjectAfterTrigger: true),
        rule(.ratingInitiate, ["initiat*", "start* coverage", "begin* coverage", "resum* coverage", "assum* coverage",
                               "launch* coverage", "reinstat* coverage"],
             context: ratings + ["coverage", "rating"], subjectAfterTrigger: true),

        // Dividends, buybacks, splits.
        rule(.dividendSuspend, ["suspend*", "halt*", "scrap*", "omit*", "eliminat*", "skip*", "cancel*"],
             context: ["dividend*", "payout*"]),
        rule(.dividendCut, ["cut*", "lower*", "reduc*", "slash*", "trim*"], context: ["dividend*", "payout*"]),
        rule(.dividendRaise, ["rais*", "increas*", "hik*", "boost*", "lift*", "ups", "grow*"], context: ["dividend*", "payout*"]),
        rule(.dividendInitiate, ["initiat*", "first", "first-ever", "reinstat*", "resum*", "introduc*", "launch*"],
             context: ["dividend*"]),
        rule(.dividendDeclared, ["dividend*"], generic: true, confidence: 0.7),
        rule(.buyback, ["buyback*", "buy-back*", "repurchas*", "buy back"], confidence: 0.85),
        rule(.stockSplit, ["split"], context: ["stock", "share*", "for", "0-for-0"], confidence: 0.8),

        // Offerings and debt.
        rule(.ipo, ["ipo", "ipos", "initial public offering", "go* public", "direct listing", "files to list",
                    "market debut", "trading debut"], confidence: 0.85),
        rule(.offering, ["offering", "share sale", "stock sale", "placement"], context: ["share*", "stock", "secondary",
                         "follow-on", "public", "equity", "raise*", "price*", "million", "billion"],
             exclude: ["initial public offering", "debt", "notes", "bond*"]),
        rule(.debtDefault, ["default*", "missed ? coupon", "miss* ? interest payment", "miss* ? bond payment"],
             context: ["debt", "bond*", "loan*", "payment*", "interest", "coupon*", "obligation*", "notes"]),
        rule(.debtIssue, ["issu*", "sell*", "sold", "rais*", "offer*", "pric*", "tap*", "launch*", "refinanc*", "secur*"],
             context: ["bond*", "notes", "debt", "loan*", "convertible*", "credit facility", "debentures", "eurobond*"],
             exclude: agencies),
        rule(.bankruptcy, ["bankrupt*", "chapter 00", "chapter 0", "insolven*", "creditor protection", "receivership",
                           "files for protection", "enter* administration", "into administration"], confidence: 0.85),
        rule(.restructuring, ["restructur*"], generic: true, confidence: 0.7),

        // Deals.
        rule(.acquisitionTerminated, ["terminat*", "scrap*", "abandon*", "call* off", "walk* away", "drop*", "collaps*",
                                      "pull* out", "withdr*", "block*", "kill*", "sink*", "torpedo*"],
             context: dealWords),
        rule(.acquisitionCompleted, ["complet*", "close*", "closing", "finaliz*", "finalis*"], context: dealWords,
             exclude: ["closing price", "close* at", "closed up", "closed down", "expect* to close", "to close in",
                       "set to close", "due to close", "would close", "will close", "to be completed", "expect* to complete"]),
        rule(.divestiture, ["divest*", "spin off", "spin-off", "spins off", "spun off", "spinoff", "carve out",
                            "sell* ? unit", "sell* ? division", "sell* ? business"],
             passive: ["sold to", "sells to", "sell to"]),
        rule(.stakeSold, ["sell*", "sold", "cut*", "reduc*", "divest*", "offload*", "dump*", "trim*", "exit*"],
             context: ["stake", "holding*", "shares in", "position in"]),
        rule(.stakeAcquired, ["buy*", "bought", "acquir*", "tak*", "took", "rais*", "increas*", "build*", "invest*",
                              "purchas*", "boost*", "disclos*"],
             context: ["stake", "holding", "shares in", "position in"], exclude: ["buy* back", "bought back"]),
        rule(.acquisitionAnnounced, ["to acquire", "to buy", "acquir*", "takeover", "take over", "buyout", "buy out",
                                     "bid for", "offer for", "deal for", "agree* to buy", "purchase of", "to purchase",
                                     "snap* up", "buys", "bought"],
             exclude: ["stake", "shares in", "buy rating", "to buy rating", "upgrad*", "downgrad*", "buyback*",
                       "repurchas*", "holding",
                       // investing advice and options flow, not a deal: "time to buy", "calls bought"
                       "time to buy", "when to buy", "stocks to buy", "buy the dip", "buy shares", "calls", "puts"],
             passive: ["acquired by", "bought by", "be acquired", "be bought", "sold to", "sells itself to",
                       "takeover by", "bid from", "offer from", "to sell itself"],
             needsCompany: true),
        rule(.merger, ["merg*", "combine*", "combination"], context: [],
             exclude: ["merger arbitrage", "terminat*", "scrap*", "abandon*", "call* off", "walk* away", "block*"],
             confidence: 0.75),
        rule(.investmentRaised, ["rais*", "secur*", "clos*", "land*"], context: ["funding", "round", "series",
                                 "financing", "venture", "seed", "valuation"], exclude: ["debt", "bond*", "notes"]),
        rule(.partnership, ["partner*", "team* up", "collaborat*", "alliance", "joint venture", "tie-up", "tie up",
                            "ties up", "join* forces"], confidence: 0.75),
        rule(.contractWin, ["contract*", "order*", "deal"], context: ["win*", "won", "award*", "secur*", "land*", "sign*",
                            "receiv*", "inks", "inked", "clinch*", "bag*"],
             exclude: ["court order", "executive order", "in order", "orders to", "ordered"] + dealWords.filter { $0 != "deal" },
             confidence: 0.7),

        // Legal and regulatory.
        rule(.lawsuitDismissed, ["dismiss*", "thrown out", "throws out", "toss*", "rejects", "rejected", "overturn*"],
             context: legalWords + ["judge", "court"]),
        rule(.lawsuitSettled, ["settl*"], context: legalWords + ["sec", "ftc", "doj", "regulator*", "pay*", "million",
                                                                "billion", "agree*"]),
        rule(.lawsuitFiled, ["sue", "sues", "sued", "suing", "lawsuit*", "class action", "files suit", "filed suit",
                             "takes ? to court", "took ? to court"],
             passive: ["sued by", "lawsuit by", "lawsuit from", "suit by", "suit from", "faces", "facing", "hit with"]),
        rule(.verdict, ["verdict", "jury", "ruled", "rules against", "ruling", "found liable", "convicted", "guilty"],
             context: ["court", "judge", "jury", "verdict", "liable", "guilty", "appeals", "tribunal"]),
        rule(.fine, ["fined", "fines", "penalt*", "fine"], context: regulators + ["million", "billion", "pay*", "ordered"],
             exclude: ["fine-tun*", "fine print"]),
        rule(.antitrust, ["antitrust", "anti-trust", "anticompetitive", "anti-competitive", "monopol*", "competition probe",
                          "competition concerns"], confidence: 0.8),
        rule(.probe, ["probe*", "investigat*", "inquiry", "subpoena*", "raid*", "scrutiny", "charged", "charges"],
             context: regulators + ["police", "fraud", "criminal", "accounting", "bribery", "insider"],
             exclude: ["investigational"]),
        rule(.productApproval, ["approv*", "clear*", "green light", "authoriz*", "authoris*", "nod"],
             context: ["fda", "drug*", "vaccine*", "treatment*", "therapy", "therapies", "ema", "device*", "medicine*",
                       "trial*", "pill*", "jab*"]),
        rule(.regulatoryApproval, ["approv*", "clear*", "green light", "sign* off", "nod", "greenlight*"],
             context: ["regulator*", "antitrust", "commission", "ftc", "doj", "cma", "authorit*", "government",
                       "ministry", "watchdog*", "competition"],
             exclude: ["board*", "directors"]),
        rule(.productRecall, ["recall*"], confidence: 0.85),
        rule(.productLaunch, ["launch*", "unveil*", "debut*", "roll* out", "rolls out", "showcas*", "announces new",
                              "introduces new", "introduced new", "releases new", "released new"],
             context: ["new", "product*", "model*", "service*", "device*", "phone*", "app", "apps", "platform*", "chip*",
                       "car*", "vehicle*", "drug*", "version", "feature*", "tool*", "software", "system*", "brand",
                       "line", "lineup", "range", "ai", "assistant", "subscription", "plan", "laptop*", "pc", "pcs",
                       "tablet*", "watch*", "headset*", "console*", "truck*", "suv*", "drink*", "menu", "chatbot*"],
             exclude: ["probe", "investigation", "coverage", "offering", "ipo", "bond*", "buyback*", "bid", "recall*",
                       "campaign", "attack*", "restructur*", "layoff*", "jobs", "buyback*", "dividend*"],
             confidence: 0.65),

        // People.
        rule(.executiveDeparts, ["resign*", "step* down", "stepping down", "depart*", "retir*", "quit*", "oust*",
                                 "fire*", "fired", "sack*", "leav*", "exit*", "replac*", "steps aside", "to leave"],
             context: executives),
        rule(.executiveAppointed, ["appoint*", "name*", "hire*", "tap*", "elect*", "promot*", "succeed*", "picks",
                                   "picked", "new ceo", "new chief", "taps"],
             context: executives, exclude: ["renam*", "name change"]),
        rule(.layoffs, ["layoff*", "lay off", "lays off", "laid off", "job cut*", "jobs cut*", "cut* ? jobs",
                        "cut* ? ? jobs", "slash* ? jobs", "eliminat* ? jobs", "eliminat* ? ? jobs", "workforce reduction",
                        "redundanc*", "headcount", "cut* ? workforce", "cut* ? staff", "shed* ? jobs"]),
        rule(.strike, ["strike*", "walkout*", "walk out", "industrial action"],
             context: ["workers", "union*", "employees", "staff", "pilots", "drivers", "walkout", "picket*", "wage*"],
             exclude: ["strike price", "strike* ? deal", "strike* ? agreement", "air strike*", "airstrike*", "military"]),
        rule(.hiring, ["hire*", "hiring", "recruit*", "add* ? jobs", "create* ? jobs", "creat* ? ? jobs"],
             context: ["jobs", "workers", "employees", "staff", "people", "engineers", "positions"]),

        // Operations.
        rule(.cyberIncident, ["cyberattack*", "cyber attack*", "cyber-attack*", "hack*", "ransomware", "data breach",
                              "security breach", "breach* ? data", "cyber incident"], confidence: 0.85),
        rule(.outage, ["outage*", "went down", "goes down", "service disruption", "services disrupted"],
             confidence: 0.8),
        rule(.supplyDisruption, ["disrupt*", "shortage*", "halt*", "suspend*", "shut* down", "stopp*", "stops", "paus*", "idl*"],
             context: ["supply", "supplies", "production", "plant*", "factory", "factories", "shipments", "output",
                       "operations", "chips", "parts"],
             exclude: ["dividend*", "trading halt*", "buyback*"], confidence: 0.7),

        // Share price moves.
        rule(.priceUp, ["ris*", "rose", "jump*", "soar*", "surg*", "rall*", "climb*", "gain*", "spik*", "rocket*", "leap*",
                        "skyrocket*", "pop*", "advanc*", "up", "higher", "rebound*", "extend* gains", "record high", "all-time high",
                        "new high*"],
             context: ["shares", "stock", "stocks", "share price"], exclude: ["shares in", "stock split"],
             confidence: 0.7),
        rule(.priceDown, ["fell", "fall*", "drop*", "plung*", "slump*", "tumbl*", "sink*", "sank", "slid*", "declin*",
                          "los*", "crash*", "down", "lower", "slip*", "sag*", "dive*", "tank*", "retreat*", "plummet*", "record low",
                          "new low*"],
             context: ["shares", "stock", "stocks", "share price"], exclude: ["shares in", "stock split"],
             confidence: 0.7),
    ]
}
