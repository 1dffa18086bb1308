import Foundation

/// Where a news signal's raw value sits on a fixed scale, independent of the other companies.
///
/// A percentile alone says how a company ranks among the few covered that day: a company whose
/// articles are all mildly positive can rank last among five glowing peers and read "poor
/// sentiment", which contradicts every article a reader opens. The anchor maps the raw value
/// itself to 0-100 and fixes which side of 50 the signal falls on (docs/composites.md):
///
///     anchor  A = 50 + 50 * tanh(value / scale)
///     blend   B = w * A + (1 - w) * P                  P: the percentile, w: anchorWeight
///     shrink  S = 50 + (B - 50) * n / (n + k)          n: articles behind the signal
///     side    value >= +neutral  ->  S >= 50   ("moderate" or better)
///             value <= -neutral  ->  S <= 49   ("weak" or worse)
///
/// External factors have no anchor: a valuation multiple has no natural "good" level.
public struct AbsoluteAnchor: Sendable, Equatable {
    /// The raw value that maps to about 88 (tanh 1): a clearly strong reading.
    public var scale: Double
    /// Values within +/- this are neutral and may land on either side of 50.
    public var neutral: Double

    public init(scale: Double, neutral: Double) {
        self.scale = scale; self.neutral = neutral
    }

    /// The anchor of each news signal kind; nil for external factors.
    ///
    /// Sentiment and events are means of -1...1 scores, read with the articles' own neutral
    /// band (0.05, the label threshold); momentum is a difference of two such means; buzz is
    /// a log ratio of story rates, where a doubling (ln 2) reads clearly high.
    public static func of(_ kind: SignalKind) -> AbsoluteAnchor? {
        switch kind {
        case .newsSentiment, .events: AbsoluteAnchor(scale: 0.5, neutral: 0.05)
        case .newsMomentum: AbsoluteAnchor(scale: 0.25, neutral: 0.05)
        case .buzz: AbsoluteAnchor(scale: log(2), neutral: log(1.25))
        case .external: nil
        }
    }

    /// 0...100 for a raw value, 50 at zero.
    public func level(_ value: Double) -> Double {
        50 + 50 * tanh(value / scale)
    }

    /// Holds `score` on the side of 50 the raw value is on, when it is outside the neutral band.
    public func side(_ score: Double, value: Double) -> Double {
        if value >= neutral { return max(score, 50) }
        if value <= -neutral { return min(score, 49) }
        return score
    }
}
