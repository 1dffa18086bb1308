import Foundation

/// A signal's unscaled value and, for news signals, how many articles stand behind it.
struct RawSignal: Sendable, Equatable {
    var value: Double
    var coverage: Double?
}

/// The raw value of each signal kind for one company.
enum SignalCalculator {
    /// Novelty never weighs below 5%: a heavily rewritten story still says something.
    static func weight(_ o: NewsObservation, cutoff: Double, halfLife: Double) -> Double {
        let age = max(0, cutoff - o.published.timeIntervalSince1970) / 86_400
        let relevance = min(100, max(0, o.relevance)) / 100
        let novelty = min(100, max(5, o.novelty)) / 100
        return relevance * novelty * pow(0.5, age / halfLife)
    }

    /// An event's weight in an `events` signal: type weight x confidence x novelty (at least
    /// 5%, as for articles) x age decay.
    static func weight(_ e: EventObservation, weights: EventWeights, cutoff: Double, halfLife: Double) -> Double {
        let age = max(0, cutoff - e.published.timeIntervalSince1970) / 86_400
        let novelty = min(100, max(5, e.novelty)) / 100
        return max(0, weights.weight(of: e.type)) * min(1, max(0, e.confidence)) * novelty * pow(0.5, age / halfLife)
    }

    static func raw(_ signal: SignalDefinition, ticker: String, observations: [NewsObservation],
                    events: [EventObservation] = [], cutoff: Double, asOf: Date, factors: FactorTable?) -> RawSignal? {
        func within(_ days: Int) -> [NewsObservation] {
            observations.filter { cutoff - $0.published.timeIntervalSince1970 <= Double(days) * 86_400 }
        }
        switch signal.kind {
        case .newsSentiment:
            let window = within(signal.window)
            guard let level = weightedMean(window, cutoff: cutoff, halfLife: signal.halfLifeDays) else { return nil }
            return RawSignal(value: level, coverage: Double(window.count))
        case .newsMomentum:
            // No decay inside each window: the two windows already carry the time structure.
            let short = within(signal.shortWindow), long = within(signal.window)
            guard long.count >= 2, let recent = weightedMean(short, cutoff: cutoff, halfLife: .infinity),
                  let baseline = weightedMean(long, cutoff: cutoff, halfLife: .infinity) else { return nil }
            return RawSignal(value: recent - baseline, coverage: Double(short.count))
        case .buzz:
            let long = within(signal.window)
            guard !long.isEmpty else { return nil }
            let shortSpan = Double(signal.shortWindow) * 86_400
            var recent = 0.0, baseline = 0.0
            for o in long {
                let stories = min(100, max(0, o.novelty)) / 100
                if cutoff - o.published.timeIntervalSince1970 <= shortSpan { recent += stories } else { baseline += stories }
            }
            let recentRate = recent / Double(signal.shortWindow)
            let baselineRate = baseline / Double(signal.window - signal.shortWindow)
            // A small floor keeps the ratio finite for companies with no baseline yet.
            return RawSignal(value: log((recentRate + 0.05) / (baselineRate + 0.05)), coverage: Double(long.count))
        case let .events(weights):
            var total = 0.0, sum = 0.0, count = 0
            for e in events where cutoff - e.published.timeIntervalSince1970 <= Double(signal.window) * 86_400 {
                let w = weight(e, weights: weights, cutoff: cutoff, halfLife: signal.halfLifeDays)
                guard w > 0 else { continue }
                total += w * min(1, max(-1, e.sentiment))
                sum += w
                count += 1
            }
            guard sum > 0 else { return nil }
            return RawSignal(value: total / sum, coverage: Double(count))
        case let .external(column):
            guard let value = factors?.value(column, ticker: ticker, asOf: asOf, maxAgeDays: signal.window) else {
                return nil
            }
            return RawSignal(value: signal.higherIsBetter ? value : -value, coverage: nil)
        }
    }

    private static func weightedMean(_ observations: [NewsObservation], cutoff: Double, halfLife: Double) -> Double? {
        var total = 0.0, weights = 0.0
        for o in observations {
            let w = weight(o, cutoff: cutoff, halfLife: halfLife)
            total += w * min(1, max(-1, o.sentiment))
            weights += w
        }
        return weights > 0 ? total / weights : nil
    }
}
