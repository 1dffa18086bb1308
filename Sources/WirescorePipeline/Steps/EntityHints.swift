import Foundation
import WirescoreCore
import WirescoreEntities
import WirescoreSentiment

/// Companies a source names for an item (a news sitemap's `news:stock_tickers`, such as
/// `NASDAQ:MSFT`), resolved against the gazetteer.
///
/// The publisher's own tagging is good evidence that an article is about a company even when
/// the text never names it the way the matcher looks for (a headline about "Redmond"). A hint
/// whose ticker the gazetteer does not know, or knows on another exchange only, is ignored:
/// the hint adds companies, it never invents them. Built once per run; immutable, `Sendable`.
struct EntityHints: Sendable {
    /// Relevance of a company named by the source but not found in the text.
    static let hintedRelevance = 50

    private let byTicker: [String: [GazetteerEntity]]

    init(gazetteer: Gazetteer) {
        var index: [String: [GazetteerEntity]] = [:]
        for entity in gazetteer.entities {
            for ticker in Set(entity.tickers + [entity.id.uppercased()]) { index[ticker, default: []].append(entity) }
        }
        byTicker = index
    }

    /// The gazetteer entities `hints` name, each once, in hint order.
    func entities(for hints: [String]) -> [GazetteerEntity] {
        var found: [GazetteerEntity] = []
        for hint in hints {
            let parts = hint.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            let (exchange, symbol) = parts.count == 2 ? (Optional(parts[0]), parts[1]) : (nil, parts.first ?? "")
            guard !symbol.isEmpty, let candidates = byTicker[symbol] else { continue }
            let chosen: GazetteerEntity?
            if let exchange {
                chosen = candidates.first { Self.sameExchange($0.exchange, exchange) }
                    ?? (candidates.count == 1 && candidates[0].exchange == nil ? candidates[0] : nil)
            } else {
                chosen = candidates.count == 1 ? candidates[0] : nil
            }
            if let chosen, !found.contains(where: { $0.id == chosen.id }) { found.append(chosen) }
        }
        return found
    }

    /// Exchange names compared without case, spaces or punctuation ("Nasdaq" is "NASDAQ").
    static func sameExchange(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        func key(_ s: String) -> String { String(s.uppercased().filter { $0.isLetter || $0.isNumber }) }
        return key(a) == key(b)
    }

    /// `entities` plus a field for each hinted company the text did not tag: no mentions,
    /// ``hintedRelevance``, the article's sentiment, the headline as evidence.
    func adding(_ hinted: [GazetteerEntity], to entities: [EntityField], analysis: TextAnalysis,
                title: String) -> [EntityField] {
        var result = entities
        for entity in hinted where !result.contains(where: { $0.id == entity.id }) {
            let tone = analysis.sentimentField
            result.append(EntityField(id: entity.id, name: entity.name, type: entity.type, exchange: entity.exchange,
                                      sector: entity.sector, mentions: 0, relevance: Self.hintedRelevance,
                                      sentiment: tone.score, label: tone.label, evidence: title))
        }
        return result
    }
}
