import Foundation
import WirescoreComposites
import WirescoreCore
import WirescoreEntities
import WirescoreOutput

/// Recomputes the daily composite scores of the days a run touched and replaces each day's
/// `scores/date=D/part-0.jsonl` atomically (written aside, renamed over).
///
/// Scores as of day D are computed from every shard's article partitions up to D only (no
/// look-ahead) and the factor file's rows dated on or before D. Because every shard reads the
/// same full history, scores live in one part file per day (`part-0`); a later run replaces it
/// with figures from more data, never from less.
struct ScoreWriter {
    let pipeline: PipelineConfig
    let configuration: CompositeConfiguration
    /// Where every shard's article partitions are read from (the local tree or the bucket).
    let history: any PartitionSource
    /// Where each day's scores replace the last ones.
    let output: any RecordOutput

    func write(days: [String]) throws {
        guard let first = days.first.flatMap(UTCTimestamp.parseDay), let last = days.last.flatMap(UTCTimestamp.parseDay) else { return }
        let factors = try pipeline.loadFactors()
        let lookback = configuration.composites.flatMap(\.signals).map(\.window).max() ?? 30
        let (observations, events, companies) = try readHistory(from: first.addingTimeInterval(-Double(lookback + 1) * 86_400), to: last)
        let universe = Self.universe(observed: companies, factorTickers: factors?.tickers ?? [])
        let scorer = CompositeScorer(configuration: configuration)
        for day in days {
            guard let date = UTCTimestamp.parseDay(day) else { continue }
            let records = scorer.scores(asOf: date, companies: universe, observations: observations, events: events,
                                        factors: factors)
            let partition = Partition(kind: .scores, day: day, shard: 0)
            try output.replace(partition, with: records.map { $0.scoreJSON().serialized() })
            try output.close(partition)
        }
    }

    /// Entity rows of every article published in the window, and the companies they name.
    private func readHistory(from start: Date, to end: Date) throws -> ([NewsObservation], [EventObservation], [String: Company]) {
        let startDay = UTCTimestamp.day(start), endDay = UTCTimestamp.day(end)
        var observations: [NewsObservation] = []
        var events: [EventObservation] = []
        var companies: [String: Company] = [:]
        for day in try history.days(.articles) where day >= startDay && day <= endDay {
            for part in try history.parts(.articles, day: day) {
                for line in part.lines {
                    guard let record = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                          let id = record["id"] as? String,
                          let when = ((record["published"] as? String) ?? (record["fetched"] as? String)).flatMap(UTCTimestamp.parseRFC3339)
                    else { continue }
                    let novelty = ((record["story"] as? [String: Any])?["novelty"] as? NSNumber)?.doubleValue ?? 100
                    for event in record["events"] as? [[String: Any]] ?? [] {
                        guard let company = event["company"] as? String, let type = event["type"] as? String,
                              let sentiment = (event["sentiment"] as? NSNumber)?.doubleValue else { continue }
                        events.append(EventObservation(
                            articleID: id, entity: company, published: when, type: type, sentiment: sentiment,
                            confidence: (event["confidence"] as? NSNumber)?.doubleValue ?? 0.5,
                            novelty: (event["novelty"] as? NSNumber)?.doubleValue ?? novelty))
                    }
                    for entity in record["entities"] as? [[String: Any]] ?? [] {
                        guard let ticker = entity["id"] as? String,
                              let sentiment = (entity["sentiment"] as? NSNumber)?.doubleValue else { continue }
                        let relevance = (entity["relevance"] as? NSNumber)?.doubleValue ?? 50
                        observations.append(NewsObservation(articleID: id, entity: ticker, published: when, sentiment: sentiment,
                                                            relevance: relevance, novelty: novelty))
                        if companies[ticker] == nil {
                            companies[ticker] = Company(ticker: ticker, name: entity["name"] as? String ?? ticker,
                                                        sector: entity["sector"] as? String)
                        }
                    }
                }
            }
        }
        observations.sort { ($0.published, $0.articleID, $0.entity) < ($1.published, $1.articleID, $1.entity) }
        events.sort { ($0.published, $0.articleID, $0.entity, $0.type) < ($1.published, $1.articleID, $1.entity, $1.type) }
        return (observations, events, companies)
    }

    /// Companies seen in the news plus those the factor file covers (named from the gazetteer).
    static func universe(observed: [String: Company], factorTickers: [String]) -> [Company] {
        var all = observed
        let missing = factorTickers.filter { all[$0] == nil }
        if !missing.isEmpty {
            var byTicker: [String: GazetteerEntity] = [:]
            for entity in Gazetteer.builtin.entities {
                for ticker in entity.tickers where byTicker[ticker] == nil { byTicker[ticker] = entity }
                if byTicker[entity.id] == nil { byTicker[entity.id] = entity }
            }
            for ticker in missing {
                let known = byTicker[ticker]
                all[ticker] = Company(ticker: ticker, name: known?.name ?? ticker, sector: known?.sector)
            }
        }
        return all.values.sorted { $0.ticker < $1.ticker }
    }
}
