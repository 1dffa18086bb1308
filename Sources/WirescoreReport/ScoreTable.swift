import Foundation
import WirescoreCore
import WirescoreOutput

/// `wirescore scores`: one day's composite scores as an aligned text table.
///
/// Columns: company, name, composite, score, label, change since the company's previous
/// scored day, each signal's score, articles. Companies with no signal at all are left out
/// (the rule of docs/composites.md) unless `includeEmpty` asks for them (older files still
/// hold such lines).
public struct ScoreTable: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case score, change }

    public var composite: String?
    public var entity: String?
    public var sort: Sort
    public var includeEmpty: Bool

    public init(composite: String? = nil, entity: String? = nil, sort: Sort = .score, includeEmpty: Bool = false) {
        self.composite = composite; self.entity = entity; self.sort = sort; self.includeEmpty = includeEmpty
    }

    /// The rows of `day` from `lines` (which may hold earlier days, for the change).
    public func rows(_ lines: [ScoreLine], day: String) -> [(line: ScoreLine, change: Int?)] {
        let wanted = lines.filter { line in
            (composite.map { $0 == line.composite } ?? true)
                && (entity.map { $0.uppercased() == line.entity.uppercased() } ?? true)
        }
        var previous: [String: ScoreLine] = [:]
        for line in wanted where line.date < day && line.score != nil {
            let key = line.composite + "\u{0}" + line.entity
            if let seen = previous[key], seen.date >= line.date { continue }
            previous[key] = line
        }
        let today = wanted.filter { $0.date == day && (includeEmpty || $0.hasSignal) }
        let rows = today.map { line -> (line: ScoreLine, change: Int?) in
            let before = previous[line.composite + "\u{0}" + line.entity]?.score
            return (line, line.score.flatMap { s in before.map { s - $0 } })
        }
        // Best first (or largest move first); unscored lines last; ties by composite, then id.
        return rows.sorted { a, b in
            let ka: Int?, kb: Int?
            switch sort {
            case .score: ka = a.line.score; kb = b.line.score
            case .change: ka = a.change.map(abs); kb = b.change.map(abs)
            }
            if ka != kb { return (ka ?? Int.min) > (kb ?? Int.min) }
            return (a.line.composite, a.line.entity) < (b.line.composite, b.line.entity)
        }
    }

    /// The table as text lines (header first); plain ASCII separators, names cut to fit.
    public func render(_ lines: [ScoreLine], day: String) -> [String] {
        let rows = rows(lines, day: day)
        var signalNames: [String] = []
        for row in rows { for s in row.line.signals where !signalNames.contains(s.name) { signalNames.append(s.name) } }
        let header = ["ENTITY", "NAME", "COMPOSITE", "SCORE", "LABEL", "CHANGE"] + signalNames.map { $0.uppercased() } + ["ARTICLES"]
        var table = [header]
        for (line, change) in rows {
            let clean = TerminalText.printable(line.name)
            let name = clean.count > 28 ? String(clean.prefix(27)) + "…" : clean
            var cells = [TerminalText.printable(line.entity), name, TerminalText.printable(line.composite), line.score.map(String.init) ?? "-",
                         TerminalText.printable(line.label),
                         change.map { $0 > 0 ? "+\($0)" : String($0) } ?? ""]
            for signal in signalNames {
                let value = line.signals.first { $0.name == signal }
                cells.append(value == nil ? "" : value?.score.map(String.init) ?? "-")
            }
            cells.append(String(line.articles))
            table.append(cells)
        }
        let numeric = Set([3, 5] + Array(6..<(6 + signalNames.count)) + [6 + signalNames.count])
        var widths = Array(repeating: 0, count: header.count)
        for row in table { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return table.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

extension OutputTreeReader {
    /// The score lines of `day` and of the scored day before it (for changes), or of the
    /// newest scored day when `day` is nil.
    /// - Throws: ``ReportError`` when the tree has no scores or not that day.
    public static func scoreLines(root: String, day: String?) throws(ReportError) -> (day: String, lines: [ScoreLine]) {
        let reader = PartitionReader(layout: OutputLayout(root: root))
        let days = reader.days(.scores)
        guard let chosen = day ?? days.last else { throw ReportError(reason: "no scores partitions under \(root) yet") }
        guard days.contains(chosen) else {
            throw ReportError(reason: "no scores for \(chosen) under \(root) (scored days: \(days.first ?? "-") to \(days.last ?? "-"))")
        }
        let before = days.last { $0 < chosen }
        var lines: [ScoreLine] = []
        for d in [before, chosen].compactMap({ $0 }) {
            for path in reader.partFiles(.scores, day: d) {
                for line in LineFile.completeLines(of: path) {
                    if let parsed = LineParser.score(line) { lines.append(parsed) }
                }
            }
        }
        return (chosen, lines)
    }
}
