import Foundation
import WirescoreCore

/// The report's lookups, built once from a ``ReportInput``: scores by company, articles by
/// company and story, the days shown. Everything is sorted so pages come out identical for
/// the same input.
struct ReportIndex: Sendable {
    let input: ReportInput
    /// Every day from `from` through `to`, including days without data (gaps show as gaps).
    let days: [String]
    /// The day the overview describes: the newest day in range with scores, else the newest
    /// with articles, else `to`.
    let day: String
    /// Composite names in the order the score files list them.
    let composites: [String]
    /// Score lines with at least one signal, by company then composite, oldest first.
    let history: [String: [String: [ScoreLine]]]
    let articleByID: [String: Int]
    let articlesByCompany: [String: [Int]]
    let articlesByStory: [String: [Int]]
    /// Companies that get a page: scored with a signal, or mentioned, in the range.
    let companies: [String]
    let names: [String: (name: String, sector: String?)]
    /// `companies` as a set: a link to a company is live only when its page exists.
    let pages: Set<String>

    /// A company's name linked to its page (plain text when the report has no page for it).
    func companyLink(_ id: String, root: String) -> String {
        let name = names[id]?.name ?? id
        guard pages.contains(id) else { return "\(HTMLEscape.text(name)) <span class=\"muted\">\(HTMLEscape.text(id))</span>" }
        return Fragments.companyLink(id, name: name, root: root)
    }

    /// A company's id linked to its page (plain text without one).
    func companyTag(_ id: String, root: String) -> String {
        guard pages.contains(id) else { return "<span class=\"tag\">\(HTMLEscape.text(id))</span>" }
        return "<a class=\"tag\" href=\"\(root)\(ReportPaths.company(id))\">\(HTMLEscape.text(id))</a>"
    }

    /// - Parameters:
    ///   - only: when not empty, only these companies (upper-cased ids) get pages.
    init(_ input: ReportInput, only: Set<String> = []) {
        self.input = input
        days = Self.dayRange(input.from, input.to)
        var composites: [String] = []
        var history: [String: [String: [ScoreLine]]] = [:]
        var names: [String: (name: String, sector: String?)] = [:]
        for line in input.scores where line.hasSignal {
            if !composites.contains(line.composite) { composites.append(line.composite) }
            history[line.entity, default: [:]][line.composite, default: []].append(line)
            names[line.entity] = (line.name, line.sector)
        }
        for (entity, byComposite) in history {
            for (composite, lines) in byComposite {
                history[entity]?[composite] = lines.sorted { $0.date < $1.date }
            }
        }
        var articleByID: [String: Int] = [:], byCompany: [String: [Int]] = [:], byStory: [String: [Int]] = [:]
        for (i, article) in input.articles.enumerated() {
            articleByID[article.id] = i
            byStory[article.storyID, default: []].append(i)
            for mention in article.mentions {
                byCompany[mention.id, default: []].append(i)
                if names[mention.id] == nil { names[mention.id] = (mention.name, mention.sector) }
            }
        }
        let order: (Int, Int) -> Bool = { a, b in
            let x = input.articles[a], y = input.articles[b]
            return (x.time, x.id) < (y.time, y.id)
        }
        for key in byCompany.keys { byCompany[key]?.sort(by: order) }
        for key in byStory.keys { byStory[key]?.sort(by: order) }
        let scoredDays = input.scores.filter { $0.date >= input.from && $0.date <= input.to && $0.hasSignal }.map(\.date)
        // A tree without scores (a pipeline with no composites) is described by its newest news.
        day = scoredDays.max() ?? input.articles.map(\.day).filter { $0 <= input.to }.max() ?? input.to
        self.composites = composites
        self.history = history
        self.articleByID = articleByID
        articlesByCompany = byCompany
        articlesByStory = byStory
        companies = Set(history.keys).union(byCompany.keys).filter { only.isEmpty || only.contains($0.uppercased()) }.sorted()
        pages = Set(companies)
        self.names = names
    }

    /// The company's latest line of `composite` on or before `day`, and the one before it.
    func latest(_ entity: String, _ composite: String, onOrBefore day: String) -> (current: ScoreLine, previous: ScoreLine?)? {
        guard let lines = history[entity]?[composite], let i = lines.lastIndex(where: { $0.date <= day }) else { return nil }
        return (lines[i], i > 0 ? lines[i - 1] : nil)
    }

    static func dayRange(_ from: String, _ to: String) -> [String] {
        guard let start = UTCTimestampDays.number(from), let end = UTCTimestampDays.number(to), start <= end else { return [] }
        return (start...min(end, start + 3660)).map(UTCTimestampDays.text)
    }
}

/// Days as integers (days since 1970-01-01) and back, for walking a date range.
enum UTCTimestampDays {
    static func number(_ day: String) -> Int? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, UTCTimestamp.parseDay(day) != nil else { return nil }
        return UTCTimestamp.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
    }

    static func text(_ n: Int) -> String {
        let civil = UTCTimestamp.civilFromDays(n)
        return String(format: "%04d-%02d-%02d", civil.year, civil.month, civil.day)
    }
}
