/// The corporate event types wirescore reports, as `group/type[/direction]` names.
///
/// The full list with meanings is in docs/events.md. Each kind has a prior tone for each role
/// (an earnings beat reads well for the company that beat; an acquisition reads well for the
/// target and is neutral for the acquirer): the event's sentiment starts there and moves with
/// the tone of the sentence that reports it, like RavenPack's event sentiment score.
public struct EventKind: Sendable, Hashable {
    /// `group/type[/direction]`, e.g. `earnings/result/beat`.
    public let name: String
    /// Tone for the company in its main role (-1...1).
    public let prior: Double
    /// How the roles of a two-company event are named: first the company before the trigger
    /// in active voice, then the one after it (`acquirer`, `target`). Nil for one-company events.
    public let roles: (before: String, after: String)?
    /// Tone for the company in the second role, when it differs.
    public let priorAfter: Double?

    init(_ name: String, _ prior: Double, roles: (String, String)? = nil, priorAfter: Double? = nil) {
        self.name = name; self.prior = prior
        self.roles = roles.map { (before: $0.0, after: $0.1) }
        self.priorAfter = priorAfter
    }

    /// The first path component: `earnings`, `analyst`, `acquisition` ...
    public var group: String { Self.group(of: name) }

    public static func group(of name: String) -> String { String(name.prefix { $0 != "/" }) }

    public static func == (a: EventKind, b: EventKind) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension EventKind {
    // Earnings and guidance.
    static let earningsBeat = EventKind("earnings/result/beat", 0.6)
    static let earningsMiss = EventKind("earnings/result/miss", -0.6)
    static let earningsInLine = EventKind("earnings/result/in-line", 0.05)
    static let earningsReported = EventKind("earnings/result", 0.0)
    static let guidanceRaise = EventKind("earnings/guidance/raise", 0.6)
    static let guidanceCut = EventKind("earnings/guidance/cut", -0.7)
    static let guidanceReaffirm = EventKind("earnings/guidance/reaffirm", 0.15)
    // Analysts.
    static let ratingUpgrade = EventKind("analyst/rating/upgrade", 0.5)
    static let ratingDowngrade = EventKind("analyst/rating/downgrade", -0.5)
    static let ratingInitiate = EventKind("analyst/rating/initiate", 0.1)
    static let targetRaise = EventKind("analyst/price-target/raise", 0.4)
    static let targetCut = EventKind("analyst/price-target/cut", -0.4)
    // Deals.
    static let acquisitionAnnounced = EventKind("acquisition/announced", 0.05, roles: ("acquirer", "target"), priorAfter: 0.5)
    static let acquisitionCompleted = EventKind("acquisition/completed", 0.2, roles: ("acquirer", "target"), priorAfter: 0.2)
    static let acquisitionTerminated = EventKind("acquisition/terminated", -0.3, roles: ("acquirer", "target"), priorAfter: -0.5)
    static let divestiture = EventKind("acquisition/divestiture", 0.1, roles: ("seller", "buyer"), priorAfter: 0.05)
    static let merger = EventKind("merger/announced", 0.2, roles: ("party", "party"), priorAfter: 0.2)
    static let stakeAcquired = EventKind("stake/acquired", 0.15, roles: ("investor", "investee"), priorAfter: 0.3)
    static let stakeSold = EventKind("stake/sold", -0.1, roles: ("investor", "investee"), priorAfter: -0.2)
    static let investmentRaised = EventKind("investment/funding", 0.4)
    static let partnership = EventKind("partnership/agreement", 0.4, roles: ("partner", "partner"), priorAfter: 0.4)
    static let contractWin = EventKind("contract/win", 0.5, roles: ("supplier", "customer"), priorAfter: 0.1)
    // Products.
    static let productLaunch = EventKind("product/launch", 0.4)
    static let productRecall = EventKind("product/recall", -0.6)
    static let productApproval = EventKind("product/approval", 0.6)
    // Legal and regulatory.
    static let lawsuitFiled = EventKind("legal/lawsuit/filed", -0.1, roles: ("plaintiff", "defendant"), priorAfter: -0.5)
    static let lawsuitSettled = EventKind("legal/lawsuit/settled", 0.1)
    static let lawsuitDismissed = EventKind("legal/lawsuit/dismissed", 0.4)
    static let verdict = EventKind("legal/verdict", -0.4)
    static let probe = EventKind("regulatory/probe", -0.6)
    static let fine = EventKind("regulatory/fine", -0.6)
    static let regulatoryApproval = EventKind("regulatory/approval", 0.5)
    static let antitrust = EventKind("regulatory/antitrust", -0.5)
    // People.
    static let layoffs = EventKind("labor/layoffs", -0.4)
    static let strike = EventKind("labor/strike", -0.5)
    static let hiring = EventKind("labor/hiring", 0.3)
    static let executiveAppointed = EventKind("executive/appointed", 0.1)
    static let executiveDeparts = EventKind("executive/departs", -0.25)
    // Capital.
    static let dividendInitiate = EventKind("dividend/initiate", 0.5)
    static let dividendRaise = EventKind("dividend/raise", 0.5)
    static let dividendCut = EventKind("dividend/cut", -0.7)
    static let dividendSuspend = EventKind("dividend/suspend", -0.8)
    static let dividendDeclared = EventKind("dividend/declared", 0.2)
    static let buyback = EventKind("buyback/announced", 0.5)
    static let stockSplit = EventKind("stock-split/announced", 0.3)
    static let ipo = EventKind("ipo/announced", 0.3)
    static let offering = EventKind("offering", -0.3)
    static let debtIssue = EventKind("debt/issue", -0.05)
    static let debtDefault = EventKind("debt/default", -0.9)
    static let creditUpgrade = EventKind("credit-rating/upgrade", 0.5)
    static let creditDowngrade = EventKind("credit-rating/downgrade", -0.6)
    static let bankruptcy = EventKind("bankruptcy/filed", -0.9)
    static let restructuring = EventKind("restructuring/announced", -0.3)
    // Market and operations.
    static let priceUp = EventKind("price-move/up", 0.4)
    static let priceDown = EventKind("price-move/down", -0.4)
    static let outage = EventKind("operations/outage", -0.5)
    static let cyberIncident = EventKind("operations/cyber-incident", -0.6)
    static let supplyDisruption = EventKind("operations/supply-disruption", -0.5)
}
