/// How one signal of a composite is computed.
public enum SignalKind: Sendable, Equatable {
    /// Relevance- and novelty-weighted mean entity sentiment over `window` days, each article
    /// discounted by age with `halfLifeDays`.
    case newsSentiment
    /// Weighted mean sentiment over the last `shortWindow` days minus the one over `window` days:
    /// whether the tone is improving.
    case newsMomentum
    /// Novel stories per day over `shortWindow` days against the trailing per-day baseline over
    /// `window` days: attention, counted in stories (novelty / 100) so rewrites add little.
    case buzz
    /// Corporate events about the company over `window` days: their sentiment weighted by
    /// type (`weights`), confidence, novelty and age (`halfLifeDays`).
    case events(weights: EventWeights)
    /// A numeric column of the factor file, the latest row dated on or before the score's date
    /// and at most `window` days old.
    case external(column: String)
}

/// One signal of a composite, as the pipeline YAML lists it.
public struct SignalDefinition: Sendable, Equatable {
    public var name: String
    /// Relative weight; only ratios matter, and they are renormalised over available signals.
    public var weight: Double
    public var kind: SignalKind
    /// Long window in days (lookback, baseline or factor staleness limit).
    public var window: Int
    /// Recent window in days for momentum and buzz.
    public var shortWindow: Int
    /// Age at which an article's sentiment counts half.
    public var halfLifeDays: Double
    /// False for factors where lower is better (e.g. a valuation multiple).
    public var higherIsBetter: Bool

    public init(name: String, weight: Double, kind: SignalKind, window: Int = 30, shortWindow: Int = 7,
                halfLifeDays: Double = 7, higherIsBetter: Bool = true) {
        self.name = name; self.weight = weight; self.kind = kind; self.window = window
        self.shortWindow = shortWindow; self.halfLifeDays = halfLifeDays; self.higherIsBetter = higherIsBetter
    }

    var isNews: Bool {
        if case .external = kind { return false }
        return true
    }
}

/// One composite: `alpha`, `news`, ...
public struct CompositeDefinition: Sendable, Equatable {
    /// The record's `composite` key, e.g. "alpha".
    public var name: String
    /// How the summary names it, e.g. "Alpha Score"; defaults to the capitalised name + " Score".
    public var title: String
    public var signals: [SignalDefinition]

    public init(name: String, title: String? = nil, signals: [SignalDefinition]) {
        self.name = name
        self.title = title ?? (name.prefix(1).uppercased() + name.dropFirst() + " Score")
        self.signals = signals
    }
}

/// Everything the scorer needs besides data; the pipeline fills it from its YAML.
public struct CompositeConfiguration: Sendable, Equatable {
    public var composites: [CompositeDefinition]
    /// A sector with fewer companies holding a signal than this is ranked against the universe,
    /// since a percentile among two or three peers is mostly noise.
    public var minimumSectorSize: Int
    /// News signals are pulled toward 50 by n / (n + k) with n the company's articles in the
    /// signal's window: one glowing article should not rank a company top of its sector.
    public var shrinkageArticles: Double
    /// The documented minimum: a score needs at least this share of its signals (rounded up),
    /// and never fewer than one. Below it the record reads "Insufficient data" with score null.
    public var minimumSignalShare: Double
    /// How many article ids `top_articles` lists.
    public var topArticles: Int
    /// The share of a news signal's score taken from its absolute anchor rather than its
    /// percentile (``AbsoluteAnchor``); 0 turns the anchor off (a pure percentile, no side rule).
    public var anchorWeight: Double
    /// The record's `version`.
    public var version: String

    public init(composites: [CompositeDefinition], minimumSectorSize: Int = 5, shrinkageArticles: Double = 3,
                minimumSignalShare: Double = 0.5, topArticles: Int = 3, version: String = "composites-1",
                anchorWeight: Double = 0.5) {
        self.anchorWeight = anchorWeight
        self.composites = composites; self.minimumSectorSize = minimumSectorSize
        self.shrinkageArticles = shrinkageArticles; self.minimumSignalShare = minimumSignalShare
        self.topArticles = topArticles; self.version = version
    }

    /// Checks what a YAML loader cannot: names, weights and windows.
    /// - Throws: ``CompositeError`` with code `badConfiguration`, naming `file`.
    public func validate(file: String) throws(CompositeError) {
        var names = Set<String>()
        for composite in composites {
            func fail(_ reason: String) -> CompositeError {
                CompositeError(code: .badConfiguration, file: file, reason: "composite \(composite.name): \(reason)")
            }
            guard names.insert(composite.name).inserted else { throw fail("defined twice") }
            guard !composite.signals.isEmpty else { throw fail("has no signals") }
            var signalNames = Set<String>()
            for signal in composite.signals {
                guard signalNames.insert(signal.name).inserted else { throw fail("signal \(signal.name) listed twice") }
                guard signal.weight > 0, signal.weight.isFinite else { throw fail("signal \(signal.name) needs a positive weight") }
                guard signal.window > 0, signal.shortWindow > 0, signal.halfLifeDays > 0 else {
                    throw fail("signal \(signal.name) needs positive windows and half-life")
                }
                if signal.kind == .newsMomentum || signal.kind == .buzz, signal.shortWindow >= signal.window {
                    throw fail("signal \(signal.name): short window must be shorter than window")
                }
            }
        }
    }
}
