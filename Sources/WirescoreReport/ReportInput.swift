import Foundation
import WirescoreComposites
import WirescoreCore
import WirescoreOutput
import WirescoreStore

/// What to draw and from where: the output tree, the date range, the companies.
public struct ReportOptions: Sendable {
    public var outputRoot: String
    /// First and last day (YYYY-MM-DD) to read; nil `to` means the tree's last day, nil `from`
    /// the 90 days up to `to` (or the tree's first day, when later).
    public var from: String?
    public var to: String?
    /// Only these companies (ids, case-insensitive); empty means all.
    public var entities: [String]
    /// The pipeline's factor file, for price context (`price`, `change` columns); optional.
    public var factorsPath: String?

    public init(outputRoot: String, from: String? = nil, to: String? = nil, entities: [String] = [],
                factorsPath: String? = nil) {
        self.outputRoot = outputRoot; self.from = from; self.to = to
        self.entities = entities; self.factorsPath = factorsPath
    }
}

/// Everything a report shows, read once from the output tree.
///
/// Lines that do not parse are counted in `unreadableLines` (shown on the overview) and
/// skipped: one damaged line must not hide a day of news.
public struct ReportInput: Sendable {
    public var articles: [ArticleLine] = []
    public var scores: [ScoreLine] = []
    public var errors: [ErrorLine] = []
    public var feedHealth: [FeedHealthLine] = []
    /// Price per company as of the report's last day, from the factor file.
    public var prices: [String: PriceContext] = [:]
    /// The days requested (inclusive); scores may also hold the day before `from`, for changes.
    public var from: String
    public var to: String
    public var unreadableLines = 0
    public var problems: [String] = []

    public init(from: String, to: String) {
        self.from = from; self.to = to
    }
}

/// Reads the `articles/`, `scores/` and `errors/` partitions of a date range (and feed health
/// from `state/` when present) into a ``ReportInput``.
///
/// Part files are parsed in parallel and merged in path order, so the result does not depend
/// on scheduling. Read-only: nothing in the tree is created or changed (the state database is
/// opened only when it already exists).
public enum OutputTreeReader {
    /// How many days a report covers when `--from` is not given.
    public static let defaultDays = 90

    /// - Throws: ``ReportError`` when the tree holds no wirescore output or a date is malformed.
    public static func read(_ options: ReportOptions) throws(ReportError) -> ReportInput {
        if let problem = OutputRoot.treeProblem(options.outputRoot) {
            throw ReportError(reason: problem)
        }
        for day in [options.from, options.to].compactMap({ $0 }) where UTCTimestamp.parseDay(day) == nil {
            throw ReportError(reason: "date \"\(day)\" is not YYYY-MM-DD")
        }
        let reader = PartitionReader(layout: OutputLayout(root: options.outputRoot))
        let allDays = Set(reader.days(.articles) + reader.days(.scores) + reader.days(.errors)).sorted()
        guard let firstDay = allDays.first, let lastDay = allDays.last else {
            throw ReportError(reason: "no partitions under \(options.outputRoot) yet")
        }
        let to = options.to ?? lastDay
        // Without --from: the 90 days up to --to (a tree may hold decades of back-dated pages).
        let defaultFrom = UTCTimestampDays.number(to).map { UTCTimestampDays.text($0 - (defaultDays - 1)) } ?? firstDay
        let from = options.from ?? max(firstDay, defaultFrom)
        guard from <= to else { throw ReportError(reason: "--from \(from) is after --to \(to)") }
        var input = ReportInput(from: from, to: to)
        let wanted = Set(options.entities.map { $0.uppercased() })

        // Scores: the range plus the last scored day before it, so the first day has a change.
        let scoreDays = reader.days(.scores)
        let before = scoreDays.last { $0 < from }
        let scoreFiles = scoreDays.filter { ($0 >= from && $0 <= to) || $0 == before }
            .flatMap { day in reader.partFiles(.scores, day: day).map { (day, $0) } }
        let articleFiles = reader.days(.articles).filter { $0 >= from && $0 <= to }
            .flatMap { day in reader.partFiles(.articles, day: day).map { (day, $0) } }
        let errorFiles = reader.days(.errors).filter { $0 >= from && $0 <= to }
            .flatMap { day in reader.partFiles(.errors, day: day).map { (day, $0) } }

        let articleParts = parseInParallel(articleFiles) { day, line in LineParser.article(line, day: day) }
        let scoreParts = parseInParallel(scoreFiles) { _, line in LineParser.score(line) }
        let errorParts = parseInParallel(errorFiles) { day, line in LineParser.error(line, day: day) }
        for part in articleParts {
            input.unreadableLines += part.bad
            input.articles += wanted.isEmpty ? part.values
                : part.values.filter { $0.mentions.contains { wanted.contains($0.id.uppercased()) } }
        }
        for part in scoreParts {
            input.unreadableLines += part.bad
            input.scores += wanted.isEmpty ? part.values : part.values.filter { wanted.contains($0.entity.uppercased()) }
        }
        for part in errorParts {
            input.unreadableLines += part.bad
            input.errors += part.values
        }
        input.feedHealth = readHealth(root: options.outputRoot, problems: &input.problems)
        if let path = options.factorsPath {
            do {
                let table = try FactorTable.load(path: path)
                input.prices = prices(table, companies: Set(input.scores.map(\.entity)), asOf: to)
            } catch {
                input.problems.append("price context: \(error)")
            }
        }
        return input
    }

    /// The newest `price` (and `change`) on or before `day`, at most 7 days old.
    static func prices(_ table: FactorTable, companies: Set<String>, asOf day: String) -> [String: PriceContext] {
        guard table.columns.contains("price"), let date = UTCTimestamp.parseDay(day) else { return [:] }
        var result: [String: PriceContext] = [:]
        for ticker in companies {
            guard let price = table.value("price", ticker: ticker, asOf: date, maxAgeDays: 7) else { continue }
            result[ticker] = PriceContext(price: price,
                                          change: table.value("change", ticker: ticker, asOf: date, maxAgeDays: 7),
                                          asOf: day)
        }
        return result
    }

    private static func readHealth(root: String, problems: inout [String]) -> [FeedHealthLine] {
        let directory = OutputLayout(root: root).stateDirectory
        guard FileManager.default.fileExists(atPath: directory + "/state.sqlite") else { return [] }
        do {
            let store = try StateStore(directory: directory)
            return try store.allHealth().map { health in
                FeedHealthLine(feed: health.feedID, url: health.url, consecutiveFailures: health.consecutiveFailures,
                               lastSuccess: health.lastSuccess.map(UTCTimestamp.rfc3339),
                               lastFailure: health.lastFailure.map(UTCTimestamp.rfc3339),
                               lastError: health.lastError)
            }.sorted { $0.feed < $1.feed }
        } catch {
            problems.append("feed health: \(error)")
            return []
        }
    }

    /// Parses each file's complete lines on its own thread; results come back in file order.
    private static func parseInParallel<T: Sendable>(_ files: [(day: String, path: String)],
                                                     _ parse: @Sendable (String, Data) -> T?) -> [(values: [T], bad: Int)] {
        let results = ResultSlots<(values: [T], bad: Int)>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (day, path) = files[index]
            var values: [T] = []
            var bad = 0
            for line in LineFile.completeLines(of: path) {
                if let value = parse(day, line) { values.append(value) } else { bad += 1 }
            }
            results.set(index, (values, bad))
        }
        return results.values
    }
}

/// Fixed slots that concurrent workers fill by index; read after they all finish.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // @unchecked: each index is written by exactly one worker, under the lock.
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock(); slots[index] = value; lock.unlock()
    }

    var values: [T] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
