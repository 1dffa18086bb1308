import Foundation

/// One corporate event an article reports about a company: an element of the record's
/// `events` with the article's publication time.
public struct EventObservation: Sendable, Equatable {
    public var articleID: String
    public var entity: String
    public var published: Date
    /// `group/type[/direction]`.
    public var type: String
    /// -1...1.
    public var sentiment: Double
    /// 0...1.
    public var confidence: Double
    /// 0...100.
    public var novelty: Double

    public init(articleID: String, entity: String, published: Date, type: String, sentiment: Double,
                confidence: Double, novelty: Double) {
        self.articleID = articleID; self.entity = entity; self.published = published; self.type = type
        self.sentiment = sentiment; self.confidence = confidence; self.novelty = novelty
    }
}

/// Per-type weights of an `events` signal: keys are type prefixes by whole path components
/// (`analyst`, `analyst/rating`, `earnings/result/beat`); the longest matching key wins, and
/// types no key matches weigh `fallback`. A weight of 0 leaves a type out.
public struct EventWeights: Sendable, Equatable {
    public var weights: [String: Double]
    public var fallback: Double

    public init(_ weights: [String: Double] = [:], fallback: Double = 1) {
        self.weights = weights; self.fallback = fallback
    }

    public func weight(of type: String) -> Double {
        var key = Substring(type)
        while true {
            if let w = weights[String(key)] { return w }
            guard let slash = key.lastIndex(of: "/") else { return fallback }
            key = key[..<slash]
        }
    }
}

/// How a summary names an event: "an analyst downgrade", "a dividend cut".
public enum EventPhrase {
    static let phrases: [String: String] = [
        "earnings/result/beat": "an earnings beat", "earnings/result/miss": "an earnings miss",
        "earnings/result/in-line": "in-line earnings", "earnings/result": "an earnings report",
        "earnings/guidance/raise": "a guidance raise", "earnings/guidance/cut": "a guidance cut",
        "earnings/guidance/reaffirm": "reaffirmed guidance",
        "analyst/rating/upgrade": "an analyst upgrade", "analyst/rating/downgrade": "an analyst downgrade",
        "analyst/rating/initiate": "new analyst coverage", "analyst/price-target/raise": "a price-target increase",
        "analyst/price-target/cut": "a price-target cut",
        "acquisition/announced": "an acquisition", "acquisition/completed": "a completed acquisition",
        "acquisition/terminated": "a terminated deal", "acquisition/divestiture": "a divestiture",
        "merger/announced": "a merger", "stake/acquired": "a stake purchase", "stake/sold": "a stake sale",
        "investment/funding": "a funding round", "partnership/agreement": "a partnership", "contract/win": "a contract win",
        "product/launch": "a product launch", "product/recall": "a product recall", "product/approval": "a product approval",
        "legal/lawsuit/filed": "a lawsuit", "legal/lawsuit/settled": "a legal settlement",
        "legal/lawsuit/dismissed": "a dismissed lawsuit", "legal/verdict": "a court verdict",
        "regulatory/probe": "a regulatory probe", "regulatory/fine": "a regulatory fine",
        "regulatory/approval": "a regulatory approval", "regulatory/antitrust": "antitrust action",
        "labor/layoffs": "layoffs", "labor/strike": "a strike", "labor/hiring": "hiring",
        "executive/appointed": "an executive appointment", "executive/departs": "an executive departure",
        "dividend/initiate": "a new dividend", "dividend/raise": "a dividend increase", "dividend/cut": "a dividend cut",
        "dividend/suspend": "a suspended dividend", "dividend/declared": "a dividend",
        "buyback/announced": "a buyback", "stock-split/announced": "a stock split", "ipo/announced": "an IPO",
        "offering": "a share offering", "debt/issue": "a debt issue", "debt/default": "a debt default",
        "credit-rating/upgrade": "a credit upgrade", "credit-rating/downgrade": "a credit downgrade",
        "bankruptcy/filed": "a bankruptcy filing", "restructuring/announced": "a restructuring",
        "price-move/up": "a share-price rally", "price-move/down": "a share-price drop",
        "operations/outage": "an outage", "operations/cyber-incident": "a cyber incident",
        "operations/supply-disruption": "a supply disruption",
    ]

    public static func of(_ type: String) -> String {
        if let phrase = phrases[type] { return phrase }
        let group = type.split(separator: "/").first.map(String.init) ?? type
        return "a " + group.replacingOccurrences(of: "-", with: " ") + " event"
    }
}
