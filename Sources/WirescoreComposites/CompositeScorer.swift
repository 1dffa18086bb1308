import Foundation
import WirescoreCore

/// Computes every configured composite for every company as of one date.
///
/// Pure: data in, records out; no I/O, no clock. "As of" a day means everything published
/// before the end of that UTC day and factor rows dated on or before it: never look-ahead, so
/// recomputing a past day during `reprocess` gives the same lines whatever was fetched later.
/// A value type with immutable state: safe to share across tasks.
public struct CompositeScorer: Sendable {
    public let configuration: CompositeConfiguration

    public init(configuration: CompositeConfiguration) {
        self.configuration = configuration
    }

    /// Scores as of `day`.
    ///
    /// - Parameters:
    ///   - day: any instant of the UTC day to score; only the day is used.
    ///   - companies: the universe; one record per company and composite that has at least one
    ///     signal (a company with none has no line), sorted by composite (configuration order)
    ///     then ticker.
    ///   - observations: per-article entity rows; later ones are ignored, so callers may pass
    ///     everything they have.
    ///   - factors: the external factor table, or nil when the pipeline names none.
    /// - Returns: the score records, ready for ``ScoreRecord/scoreJSON()``.
    ///   - events: per-article corporate events, for `events` signals and the summary's
    ///     driving event.
    public func scores(asOf day: Date, companies: [Company], observations: [NewsObservation],
                       events: [EventObservation] = [], factors: FactorTable?) -> [ScoreRecord] {
        let dayStart = Double(FactorTable.dayNumber(day)) * 86_400
        let cutoff = dayStart + 86_400
        let dayText = UTCTimestamp.day(Date(timeIntervalSince1970: dayStart))
        var byEntity: [String: [NewsObservation]] = [:]
        for observation in observations where observation.published.timeIntervalSince1970 < cutoff {
            byEntity[observation.entity, default: []].append(observation)
        }
        var eventsByEntity: [String: [EventObservation]] = [:]
        for event in events where event.published.timeIntervalSince1970 < cutoff {
            eventsByEntity[event.entity, default: []].append(event)
        }
        let universe = companies.sorted { $0.ticker < $1.ticker }
        var records: [ScoreRecord] = []
        for composite in configuration.composites {
            var scaled: [String: [String: Int]] = [:]  // signal -> ticker -> 0...100
            for signal in composite.signals {
                var raw: [String: RawSignal] = [:]
                for company in universe {
                    raw[company.ticker] = SignalCalculator.raw(signal, ticker: company.ticker,
                                                               observations: byEntity[company.ticker] ?? [],
                                                               events: eventsByEntity[company.ticker] ?? [],
                                                               cutoff: cutoff, asOf: day, factors: factors)
                }
                // anchorWeight 0 turns the anchor off entirely (pure percentile, no side rule).
                let anchor = configuration.anchorWeight > 0 ? AbsoluteAnchor.of(signal.kind) : nil
                scaled[signal.name] = scale(raw, companies: universe, anchor: anchor)
            }
            let minimum = max(1, Int((Double(composite.signals.count) * configuration.minimumSignalShare).rounded(.up)))
            let newsWindow = composite.signals.filter(\.isNews).map(\.window).max() ?? 30
            let halfLife = composite.signals.first { $0.kind == .newsSentiment }?.halfLifeDays ?? 7
            for company in universe {
                let signals = composite.signals.map {
                    SignalScore(name: $0.name, score: scaled[$0.name]?[company.ticker], weight: $0.weight)
                }
                // The one rule for files and views (docs/composites.md): a company with no
                // signal at all in a composite has no line; one with some signals but fewer
                // than the minimum keeps its "Insufficient data" line and its coverage.
                guard signals.contains(where: { $0.score != nil }) else { continue }
                let recent = (byEntity[company.ticker] ?? []).filter {
                    cutoff - $0.published.timeIntervalSince1970 <= Double(newsWindow) * 86_400
                }
                records.append(ScoreRecord(
                    date: dayText, entity: company.ticker, name: company.name, sector: company.sector,
                    composite: composite.name, title: composite.title, signals: signals, minimumSignals: minimum,
                    articles: Set(recent.map(\.articleID)).count,
                    topArticles: topArticles(recent, cutoff: cutoff, halfLife: halfLife), version: configuration.version,
                    drivingEvent: drivingEvent(composite, eventsByEntity[company.ticker] ?? [], cutoff: cutoff)
                        .map { EventPhrase.of($0.type) }))
            }
        }
        return records
    }

    /// Percentile within sector (midrank, so ties share a rank and a lone company sits at 50),
    /// against the universe when the sector has fewer than `minimumSectorSize` values; news
    /// signals then blend in their absolute `anchor` (``AbsoluteAnchor``), shrink toward 50 by
    /// n / (n + k) for a company with n articles, and stay on the side of 50 their raw value is on.
    func scale(_ raw: [String: RawSignal], companies: [Company], anchor: AbsoluteAnchor? = nil) -> [String: Int] {
        let sectorOf = Dictionary(companies.map { ($0.ticker, $0.sector) }, uniquingKeysWith: { a, _ in a })
        let universeValues = raw.values.map(\.value)
        var bySector: [String: [Double]] = [:]
        for (ticker, signal) in raw {
            if let sector = sectorOf[ticker] ?? nil { bySector[sector, default: []].append(signal.value) }
        }
        var result: [String: Int] = [:]
        for (ticker, signal) in raw {
            var peers = universeValues
            if let sector = sectorOf[ticker] ?? nil, let values = bySector[sector],
               values.count >= configuration.minimumSectorSize {
                peers = values
            }
            let below = peers.filter { $0 < signal.value }.count
            let equal = peers.filter { $0 == signal.value }.count
            var percentile = (Double(below) + 0.5 * Double(equal)) / Double(peers.count) * 100
            if let anchor {
                let w = configuration.anchorWeight
                percentile = w * anchor.level(signal.value) + (1 - w) * percentile
            }
            if let n = signal.coverage {
                percentile = 50 + (percentile - 50) * n / (n + configuration.shrinkageArticles)
            }
            if let anchor { percentile = anchor.side(percentile, value: signal.value) }
            result[ticker] = min(100, max(0, Int(percentile.rounded())))
        }
        return result
    }

    /// The event that moves the composite's `events` signal most (weight x |sentiment|), when
    /// the composite has one: what the summary names.
    private func drivingEvent(_ composite: CompositeDefinition, _ events: [EventObservation],
                              cutoff: Double) -> EventObservation? {
        guard let signal = composite.signals.first(where: { if case .events = $0.kind { true } else { false } }),
              case let .events(weights) = signal.kind else { return nil }
        var best: (event: EventObservation, pull: Double)?
        for e in events where cutoff - e.published.timeIntervalSince1970 <= Double(signal.window) * 86_400 {
            let pull = SignalCalculator.weight(e, weights: weights, cutoff: cutoff, halfLife: signal.halfLifeDays)
                * abs(e.sentiment)
            guard pull > 0 else { continue }
            if let current = best, (current.pull, current.event.published.timeIntervalSince1970, current.event.type)
                >= (pull, e.published.timeIntervalSince1970, e.type) { continue }
            best = (e, pull)
        }
        return best?.event
    }

    /// The articles that weigh most on the company's news: relevance x novelty x recency.
    private func topArticles(_ observations: [NewsObservation], cutoff: Double, halfLife: Double) -> [String] {
        let ranked = observations.map { observation in
            (observation, SignalCalculator.weight(observation, cutoff: cutoff, halfLife: halfLife))
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.0.published != b.0.published { return a.0.published > b.0.published }
            return a.0.articleID < b.0.articleID
        }
        var seen = Set<String>()
        var ids: [String] = []
        for (observation, _) in ranked where seen.insert(observation.articleID).inserted {
            ids.append(observation.articleID)
            if ids.count == configuration.topArticles { break }
        }
        return ids
    }
}
