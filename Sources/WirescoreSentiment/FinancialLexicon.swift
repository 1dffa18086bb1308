/// Financial-news vocabulary written for wirescore (no Loughran-McDonald material).
///
/// Three parts: quantities (what went up or down, and whether up is good), directions (which way
/// it went), and word valences on VADER's -4...4 scale that override VADER where financial usage
/// differs ("shares", "interest", "care" are neutral in business copy; "downgraded" is not).
enum FinancialLexicon {
    /// +1: up is good (profit, sales, guidance); -1: up is bad (loss, costs, debt).
    static let quantities: [String: Double] = {
        var d: [String: Double] = [:]
        for w in ["profit", "profits", "earnings", "revenue", "revenues", "sales", "income", "ebit", "ebitda",
                  "ebita", "margin", "margins", "eps", "dividend", "dividends", "orders", "order", "backlog",
                  "demand", "turnover", "result", "results", "output", "production", "productivity", "deliveries",
                  "shipments", "volume", "volumes", "traffic", "bookings", "subscribers", "customers", "users",
                  "growth", "cashflow", "valuation", "rating", "guidance", "outlook",
                  "forecast", "forecasts", "payout", "capacity", "occupancy", "gdp", "employment", "jobs",
                  "workforce", "headcount", "staff", "assets", "deposits", "liquidity", "reserves", "share",
                  "market", "markets", "price-target", "target", "sales-volume", "exports", "premiums", "yield",
                  "ratings", "profitability", "operating", "net", "intake", "efficiency", "returns", "return",
                  "visitors", "passengers", "price", "prices", "value", "cash", "utilization", "sales-growth", "index", "confidence", "wages", "consumption", "investment",
                  // A holding grows or shrinks ("raised its stake to 90%"); a job is a job ("job cuts").
                  "stake", "holding", "job", "hiring", "payrolls", "footfall"] { d[w] = 1 }
        for w in ["loss", "losses", "costs", "cost", "expenses", "expense", "debt", "debts", "unemployment",
                  "deficit", "charges", "writedowns", "impairments", "provisions", "inflation", "layoffs",
                  "delinquencies", "defaults", "churn", "liabilities", "leverage", "risk", "risks", "emissions",
                  "claims", "prices-paid", "borrowing", "arrears", "bankruptcies", "jobless", "shortfall",
                  "redundancies", "job-cuts", "backlogs", "inventories", "inventory", "spending", "overheads"] { d[w] = -1 }
        // Too vague to pair on their own: kept only for the words they qualify.
        d["operating"] = nil; d["net"] = nil; d["market"] = nil; d["markets"] = nil
        return d
    }()

    /// +1 up, -1 down.
    static let directions: [String: Double] = {
        var d: [String: Double] = [:]
        for w in ["rose", "rise", "rises", "rising", "risen", "increase", "increased", "increases", "increasing",
                  "grew", "grow", "grows", "growing", "grown", "up", "jumped", "jump", "jumps", "climbed", "climb",
                  "climbs", "climbing", "gained", "gain", "gains", "surged", "surge", "surges", "soared", "soar",
                  "soars", "widened", "widen", "widens", "widening", "expanded", "expand", "expands", "higher",
                  "doubled", "tripled", "boosted", "boost", "boosts", "advanced", "rallied", "exceeded", "raised",
                  "raise", "raises", "raising", "lifted", "lift", "lifts", "hiked", "hikes", "upped", "bigger",
                  "larger", "accelerated", "rebounded", "recovered", "skyrocketed", "spiked", "swung", "swing",
                  "turned", "returned", "higher-than-expected", "record-high", "improved", "improves", "improve",
                  "strengthened", "stronger", "added", "adding", "adds", "soaring", "surging", "jumping",
                  "doubles", "triples", "rallies", "rebounds", "recovers", "beats", "ups", "lifting",
                  "advances", "rebound", "recover", "recovering", "outpaced", "topped"] { d[w] = 1 }
        for w in ["fell", "fall", "falls", "falling", "fallen", "decreased", "decrease", "decreases", "decreasing",
                  "declined", "decline", "declines", "declining", "dropped", "drop", "drops", "dropping", "slumped",
                  "slump", "plunged", "plunge", "sank", "sink", "sinks", "tumbled", "tumble", "slid", "slide",
                  "slides", "slipped", "slip", "slips", "lower", "lowered", "lowers", "lowering", "down", "narrowed",
                  "narrow", "narrows", "narrowing", "shrank", "shrink", "shrinks", "shrunk", "contracted",
                  "weakened", "weaker", "halved", "cut", "cuts", "cutting", "reduced", "reduce", "reduces",
                  "reducing", "reduction", "slashed", "slash", "slashes", "eased", "ease", "eases", "dipped", "dip",
                  "dips", "smaller", "decelerated", "trimmed", "trim", "trims", "diminished", "lower-than-expected",
                  "deteriorated", "worsened", "weakening", "shed", "sheds", "slowed", "slower", "lost", "loses",
                  "lose", "erased", "wiped", "downsized", "plummeted", "plummet", "tanked", "retreated", "slumps", "plunges", "tumbles", "sinks",
                  "plummets", "tanks", "retreats", "slashes", "halves", "worsens", "deteriorates",
                  "sagged", "sags", "slipping", "sliding", "tumbling", "plunging", "sinking", "shrinking",
                  "contracting", "dwindled", "dwindles", "evaporated", "collapsed", "collapses"] { d[w] = -1 }
        return d
    }()

    /// Directions whose meaning does not depend on the quantity: "improved" is good for a loss too.
    static let absoluteDirections: Set<String> = [
        "improved", "improves", "improve", "strengthened", "stronger", "deteriorated", "worsened", "weakened",
        "weaker", "weakening", "recovered", "rebounded",
    ]

    /// Verbs and nouns of new business: "won an order", "signed a contract".
    static let winVerbs: Set<String> = [
        "won", "wins", "win", "received", "receives", "secured", "secures", "signed", "signs", "landed",
        "lands", "awarded", "clinched", "clinches", "booked", "books", "inked", "extended", "extends", "renewed", "renews",
    ]
    static let businessNouns: Set<String> = [
        "order", "orders", "contract", "contracts", "deal", "deals", "agreement", "agreements", "award",
        "tender", "mandate",
    ]

    /// Words that start an estimate comparison: "beat estimates", "missed forecasts".
    static let beatWords: [String: Double] = [
        "beat": 1, "beats": 1, "beating": 1, "topped": 1, "tops": 1, "top": 1, "exceeded": 1, "exceeds": 1,
        "exceed": 1, "surpassed": 1, "surpasses": 1, "outpaced": 1, "above": 1, "ahead": 1, "outstripped": 1,
        "miss": -1, "missed": -1, "misses": -1, "missing": -1, "below": -1, "lagged": -1, "trailed": -1,
        "short": -1, "undershot": -1,
    ]
    static let estimateWords: Set<String> = [
        "estimates", "estimate", "expectations", "expectation", "forecasts", "forecast", "consensus", "views",
        "projections", "guidance", "targets", "expected", "predictions",
    ]

    /// Word valences (VADER scale) that replace VADER's in business text.
    static let words: [String: Double] = [
        // Neutral in business copy.
        "share": 0, "shares": 0, "interest": 0, "credit": 0, "trust": 0, "care": 0, "united": 0, "value": 0,
        "like": 0, "well": 0, "top": 0, "pay": 0, "demand": 0, "limited": 0, "please": 0, "party": 0,
        "security": 0, "securities": 0, "fund": 0, "funds": 0, "capital": 0, "chief": 0, "growth": 0.8,
        "agreement": 0.6, "agreed": 0.4, "help": 0.8, "support": 0.6, "free": 0.4, "profit": 0, "profits": 0,
        "increase": 0, "increased": 0, "increases": 0, "cut": -0.4, "cuts": -0.4, "lower": 0, "higher": 0,
        "gain": 1.0, "gains": 1.0, "gained": 1.0, "risk": -0.6, "risks": -0.6, "fine": 0, "fair": 0,
        "bank": 0, "commission": 0, "exchange": 0, "reserve": 0, "giant": 0, "matter": 0, "launched": 0.3,
        "launch": 0.3, "plan": 0, "plans": 0, "pretty": 0, "cancer": -1.0, "rescue": 0.5, "tax": 0,
        "save": 0.5, "saving": 0.5, "savings": 0.5, "leading": 0.5, "led": 0, "solution": 0.5,
        "solutions": 0.3, "positive": 1.6, "negative": -1.6, "strong": 1.8, "weak": -1.8,
        // Financial events.
        "upgrade": 2, "upgraded": 2, "upgrades": 1.8, "downgrade": -2, "downgraded": -2, "downgrades": -1.8,
        "outperform": 1.5, "outperformed": 1.8, "underperform": -1.5, "underperformed": -1.8,
        "overweight": 1, "underweight": -1, "buyback": 1.5, "buybacks": 1.5, "repurchase": 1.2,
        "repurchases": 1.2, "layoff": -2, "layoffs": -2, "lawsuit": -1.8, "lawsuits": -1.8, "sued": -1.8,
        "sues": -1.8, "suing": -1.5, "probe": -1.8, "probes": -1.8, "investigation": -1.5,
        "investigating": -1.2, "subpoena": -1.8, "subpoenaed": -1.8, "recall": -1.6, "recalls": -1.6,
        "recalled": -1.6, "bankruptcy": -3, "bankrupt": -3, "insolvency": -3, "insolvent": -3,
        "default": -2, "defaulted": -2.5, "impairment": -1.8, "writedown": -1.8, "write-down": -1.8,
        "write-off": -1.8, "writeoff": -1.8, "restructuring": -0.6, "plunge": -2.5, "plunged": -2.5,
        "plummet": -2.5, "plummeted": -2.5, "slump": -2.2, "slumped": -2.2, "soar": 2.2, "soared": 2.2,
        "surge": 2, "surged": 2, "rally": 1.5, "rallied": 1.5, "tumble": -2.2, "tumbled": -2.2,
        "warns": -1.8, "warned": -1.8, "fined": -2, "penalty": -1.5, "penalties": -1.5, "fraud": -3,
        "delisted": -2, "delisting": -2, "halted": -1.2, "strike": -1.2, "strikes": -1.2,
        "shortage": -1.5, "shortages": -1.5, "downturn": -1.8, "recession": -2.2, "slowdown": -1.5,
        "turnaround": 1.2, "breakthrough": 2, "approval": 1.5, "approved": 1.2, "awarded": 1.5,
        "record-high": 1.5, "headwinds": -1.5, "headwind": -1.5, "tailwinds": 1.5, "tailwind": 1.5,
        "profitable": 1.8, "unprofitable": -1.8, "bullish": 2, "bearish": -2, "expansion": 1.2,
        "expand": 1.0, "expands": 1.0, "expanding": 1.0, "contract": 0.6, "contracts": 0.6,
        "better-than-expected": 2.2, "stronger-than-expected": 2.2, "worse-than-expected": -2.2,
        "weaker-than-expected": -2.2, "disappointing": -2, "disappointed": -1.8, "dismal": -2.2,
        "robust": 1.8, "resilient": 1.5, "sluggish": -1.6, "volatile": -1, "volatility": -0.8,
        "uncertainty": -1.2, "uncertain": -1, "losses": -1.7, "loss": -1.3, "deficit": -1.2,
        "outages": -1.5, "outage": -1.5, "breach": -1.8, "hack": -1.8, "hacked": -2, "scandal": -2.5,
        "resigned": -0.8, "ousted": -1.5, "charged": -1.5, "indicted": -2.5, "settlement": 0.2,
        "settle": 0.2, "dividend": 0.3, "raised": 0.6, "won": 1.5, "wins": 1.5, "win": 1.5,
        "improvement": 1.6, "improved": 1.8, "improve": 1.4, "improves": 1.4, "deteriorated": -2,
        "worsened": -2, "weakened": -1.5, "strengthened": 1.5, "stronger": 1.2, "weaker": -1.2,
        "record": 0.5, "profit-taking": -0.5, "selloff": -1.8, "sell-off": -1.8, "rout": -2,
        "crash": -2.5, "crashed": -2.5, "jobless": -1, "unemployed": -1.5, "inflation": -0.6,
        "hike": 0, "hikes": 0, "tariffs": -0.8, "tariff": -0.8, "sanctions": -1, "war": -2,
        // Recovery, approval and market verdicts.
        "recover": 1.2, "recovers": 1.2, "recovering": 1.2, "recovery": 1.4, "rebound": 1.4,
        "rebounds": 1.4, "reaffirm": 0.8, "reaffirms": 0.8, "reaffirmed": 0.8, "go-ahead": 1.2,
        "greenlight": 1.2, "undervalued": 1.2, "overvalued": -1.2, "boom": 1.5, "booming": 1.8,
        "upside": 1.0, "downside": -1.0, "outperforms": 1.5, "underperforms": -1.5,
        "backlash": -1.5, "delays": -1.2, "delay": -1.1, "delayed": -1.0, "close-down": -1.5,
        "bribery": -2.5, "antitrust": -0.8, "cartel": -1.5,
        "buy": 0.6, "cooperate": 0.8, "complements": 0.6, "strategic": 0.4,
        "shortfall": -1.5, "glut": -1.2, "oversupply": -1.2, "overcapacity": -1.2, "turmoil": -1.8,
        "setback": -1.6, "setbacks": -1.6, "stalled": -1.2, "stalls": -1.2, "halts": -1.2,
        "slumps": -2.2, "sinks": -1.8, "sank": -1.8, "falters": -1.5, "faltered": -1.5,
    ]

    /// Verbs of market movement that are news on their own ("AstraZeneca sinks", "retailers
    /// rise"); adjectives and particles ("higher", "up") and verbs of policy ("cut", "raised")
    /// need a quantity.
    static let moveVerbs: Set<String> = [
        "rose", "rise", "rises", "rising", "jumped", "jumps", "climbed", "climbs", "climbing", "gained", "gains",
        "surged", "surges", "soared", "soars", "rallied", "rallies", "advanced", "advances", "rebounded",
        "rebounds", "recovered", "recovers", "fell", "falls", "falling", "sank", "sinks", "sinking", "slid",
        "slides", "sliding", "slumped", "slumps", "tumbled", "tumbles", "plunged", "plunges", "dropped",
        "drops", "dipped", "dips", "slipped", "slips", "declined", "declines", "tanked", "tanks",
        "plummeted", "plummets", "retreated", "retreats", "sagged", "sags", "collapsed", "collapses",
        "skyrocketed", "spiked",
    ]

    /// Subjects whose move is the company's fortune: "shares rose", "the stock slid".
    static let stockNouns: Set<String> = ["shares", "stock", "stocks"]

    /// Business events that are news without any figure (valence on VADER's scale): a company
    /// that expands, hires or partners is growing; one that suspends, postpones or closes is not.
    /// Merged into ``words`` (these win over VADER and over the general overrides).
    static let growthEvents: [String: Double] = [
        "expand": 1.6, "expands": 1.6, "expanded": 1.6, "expanding": 1.6, "expansion": 1.6,
        "expansions": 1.4, "hire": 1.3, "hires": 1.3, "hiring": 1.3, "recruit": 1.2, "recruits": 1.2,
        "recruiting": 1.2, "launch": 1.0, "launches": 1.0, "launched": 1.0, "launching": 1.0,
        "strengthen": 1.4, "strengthens": 1.4, "strengthening": 1.4, "enhance": 1.2, "enhances": 1.2,
        "enhanced": 1.2, "invest": 0.9, "invests": 0.9, "invested": 0.9, "investing": 0.9,
        "partnership": 1.0, "cooperation": 0.8, "collaboration": 0.8, "alliance": 0.8, "growth": 1.2,
        "record": 1.0, "efficiencies": 1.0, "milestone": 1.5, "selected": 1.2, "chosen": 1.2,
        "growing": 1.0, "grew": 1.2, "grows": 1.0, "diversify": 0.8, "upbeat": 1.8, "optimistic": 1.8,
    ]
    /// The negative side of ``growthEvents``.
    static let setbackEvents: [String: Double] = [
        "closure": -1.5, "closures": -1.5, "shutdown": -1.5, "shutdowns": -1.5, "redundancies": -1.8,
        "redundancy": -1.6, "job-cuts": -2, "furlough": -1.5, "furloughs": -1.5, "furloughed": -1.5,
        "postpone": -1.2, "postponed": -1.2, "postpones": -1.2, "cancel": -1.2, "cancels": -1.2,
        "cancelled": -1.2, "canceled": -1.2, "cancellation": -1.2, "suspend": -1.4, "suspends": -1.4,
        "suspended": -1.4, "suspension": -1.2, "terminate": -1.2, "terminated": -1.2, "terminates": -1.2,
        "termination": -1.0, "scrap": -1.2, "scraps": -1.2, "scrapped": -1.2, "loss-making": -1.8,
        "warning": -1.5, "downsize": -1.5, "downsizing": -1.5, "writedowns": -1.8, "impairments": -1.8,
        "underperforming": -1.5, "unfavorable": -1.5, "unfavourable": -1.5, "pressures": -1.2,
    ]
    /// General words VADER scores that are mostly neutral in company news ("natural gas", "smart
    /// meters", "security products", "worth EUR 5 mn", "a significant part of").
    static let neutralInBusiness: [String: Double] = [
        "natural": 0, "smart": 0.3, "security": 0, "secure": 0.5, "worth": 0, "special": 0.5,
        "significant": 0.3, "important": 0.3, "challenge": 0, "challenges": 0, "challenging": -0.6,
        "clean": 0.5, "easy": 0.8, "power": 0, "energy": 0, "mean": 0, "kind": 0, "respectively": 0,
    ]

    /// Verbs that open or close a site: "opened a new plant" (+), "will close two stores" (-).
    static let siteOpeners: Set<String> = ["open", "opens", "opened", "opening", "new", "build", "builds", "building", "construct", "constructs"]
    static let siteClosers: Set<String> = ["close", "closes", "closed", "closing", "shut", "shuts", "shutting", "shutters", "mothball", "mothballs"]
    static let sites: Set<String> = [
        "plant", "plants", "factory", "factories", "store", "stores", "office", "offices", "mill", "mills",
        "site", "sites", "branch", "branches", "facility", "facilities", "centre", "centres", "center",
        "centers", "outlet", "outlets", "restaurant", "restaurants", "hotel", "hotels", "mine", "mines",
        "warehouse", "warehouses", "hub", "hubs", "unit", "units", "line", "lines", "shop", "shops",
        "terminal", "refinery", "smelter", "subsidiary", "showroom", "studio", "campus", "headquarters",
    ]
}
