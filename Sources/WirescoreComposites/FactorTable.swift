import Foundation
import WirescoreCore

/// User-supplied external factors (value, quality, price momentum...) keyed by date and ticker.
///
/// Read from CSV (header `date,ticker,<columns>...`) or JSONL (`{"date","ticker",<columns>}`
/// per line). Values are numbers; an empty CSV cell or a JSON null means "not known", which
/// makes the signal missing rather than zero. Lookups are as-of: the newest row dated on or
/// before the scoring date, so a backfilled future row can never leak into a past score.
public struct FactorTable: Sendable {
    /// Rows per ticker, sorted by day ascending.
    private var rows: [String: [(day: Int, values: [String: Double])]] = [:]
    public private(set) var columns: [String] = []

    /// Every ticker with at least one row, sorted.
    public var tickers: [String] { rows.keys.sorted() }

    public init() {}

    /// Builds a table from (day, ticker, values) rows; later duplicates are rejected.
    /// - Throws: ``CompositeError`` `duplicateRow` when a (date, ticker) appears twice.
    public init(rows input: [(date: Date, ticker: String, values: [String: Double])], file: String = "<memory>") throws(CompositeError) {
        var seen = Set<String>()
        var columnSet = Set<String>()
        for (index, row) in input.enumerated() {
            let day = Self.dayNumber(row.date)
            guard seen.insert("\(day)|\(row.ticker)").inserted else {
                throw CompositeError(code: .duplicateRow, file: file, line: index + 1,
                                     reason: "\(row.ticker) on \(UTCTimestamp.day(row.date)) appears twice")
            }
            rows[row.ticker, default: []].append((day, row.values))
            columnSet.formUnion(row.values.keys)
        }
        for key in rows.keys { rows[key]?.sort { $0.day < $1.day } }
        columns = columnSet.sorted()
    }

    /// Reads a factor file, choosing the format by extension (`.jsonl`/`.ndjson`, else CSV).
    /// - Throws: ``CompositeError`` with the file and line of the first problem.
    public static func load(path: String) throws(CompositeError) -> FactorTable {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CompositeError(code: .unreadableFile, file: path, reason: "cannot read: \(error.localizedDescription)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return try parseJSONL(text, file: path) }
        return try parseCSV(text, file: path)
    }

    /// The value of `column` for `ticker` as of `date`: newest row on or before it, at most
    /// `maxAgeDays` old; nil when unknown.
    public func value(_ column: String, ticker: String, asOf date: Date, maxAgeDays: Int) -> Double? {
        guard let series = rows[ticker] else { return nil }
        let day = Self.dayNumber(date)
        for row in series.reversed() where row.day <= day {
            guard day - row.day <= maxAgeDays else { return nil }
            return row.values[column]
        }
        return nil
    }

    static func dayNumber(_ date: Date) -> Int {
        Int(floor(date.timeIntervalSince1970 / 86_400))
    }

    // MARK: CSV

    /// Parses CSV with a header line; RFC 4180 quoting within a line is honoured.
    public static func parseCSV(_ text: String, file: String) throws(CompositeError) -> FactorTable {
        var header: [String]?
        var dateIndex = 0, tickerIndex = 0
        var parsed: [(date: Date, ticker: String, values: [String: Double])] = []
        var lineNumbers: [Int] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = try splitCSV(line, file: file, line: lineNumber)
            guard let columns = header else {
                let names = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                guard let d = names.firstIndex(of: "date") else {
                    throw CompositeError(code: .missingColumn, file: file, line: lineNumber, reason: "header has no date column")
                }
                guard let t = names.firstIndex(of: "ticker") else {
                    throw CompositeError(code: .missingColumn, file: file, line: lineNumber, reason: "header has no ticker column")
                }
                header = names; dateIndex = d; tickerIndex = t
                continue
            }
            guard cells.count == columns.count else {
                throw CompositeError(code: .badRow, file: file, line: lineNumber,
                                     reason: "expected \(columns.count) cells, found \(cells.count)")
            }
            let dayText = cells[dateIndex].trimmingCharacters(in: .whitespaces)
            guard let date = UTCTimestamp.parseDay(dayText) else {
                throw CompositeError(code: .badDate, file: file, line: lineNumber, reason: "date \"\(dayText)\" is not YYYY-MM-DD")
            }
            let ticker = cells[tickerIndex].trimmingCharacters(in: .whitespaces)
            guard !ticker.isEmpty else {
                throw CompositeError(code: .badRow, file: file, line: lineNumber, reason: "empty ticker")
            }
            var values: [String: Double] = [:]
            for (index, name) in columns.enumerated() where index != dateIndex && index != tickerIndex {
                let cell = cells[index].trimmingCharacters(in: .whitespaces)
                if cell.isEmpty { continue }
                guard let number = Double(cell), number.isFinite else {
                    throw CompositeError(code: .badNumber, file: file, line: lineNumber,
                                         reason: "column \(name): \"\(cell)\" is not a number")
                }
                values[name] = number
            }
            parsed.append((date, ticker, values))
            lineNumbers.append(lineNumber)
        }
        guard header != nil else {
            throw CompositeError(code: .missingColumn, file: file, reason: "empty factor file: no header")
        }
        return try build(parsed, lineNumbers: lineNumbers, file: file)
    }

    private static func splitCSV(_ line: String, file: String, line lineNumber: Int) throws(CompositeError) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { current.append("\""); characters.removeFirst() } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        guard !quoted else {
            throw CompositeError(code: .badRow, file: file, line: lineNumber, reason: "unterminated quoted cell")
        }
        cells.append(current)
        return cells
    }

    // MARK: JSONL

    /// Parses one JSON object per line with string `date` and `ticker` and numeric columns.
    public static func parseJSONL(_ text: String, file: String) throws(CompositeError) -> FactorTable {
        var parsed: [(date: Date, ticker: String, values: [String: Double])] = []
        var lineNumbers: [Int] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            let object: [String: Any]
            do {
                guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw CompositeError(code: .badRow, file: file, line: lineNumber, reason: "line is not a JSON object")
                }
                object = o
            } catch let error as CompositeError {
                throw error
            } catch {
                throw CompositeError(code: .badRow, file: file, line: lineNumber, reason: "invalid JSON")
            }
            guard let dayText = object["date"] as? String else {
                throw CompositeError(code: .missingColumn, file: file, line: lineNumber, reason: "no string \"date\"")
            }
            guard let date = UTCTimestamp.parseDay(dayText) else {
                throw CompositeError(code: .badDate, file: file, line: lineNumber, reason: "date \"\(dayText)\" is not YYYY-MM-DD")
            }
            guard let ticker = object["ticker"] as? String, !ticker.isEmpty else {
                throw CompositeError(code: .missingColumn, file: file, line: lineNumber, reason: "no string \"ticker\"")
            }
            var values: [String: Double] = [:]
            for (key, value) in object where key != "date" && key != "ticker" {
                if value is NSNull { continue }
                guard let number = (value as? NSNumber)?.doubleValue, number.isFinite, !(value is String) else {
                    throw CompositeError(code: .badNumber, file: file, line: lineNumber, reason: "column \(key) is not a number")
                }
                values[key] = number
            }
            parsed.append((date, ticker, values))
            lineNumbers.append(lineNumber)
        }
        return try build(parsed, lineNumbers: lineNumbers, file: file)
    }

    private static func build(_ parsed: [(date: Date, ticker: String, values: [String: Double])],
                              lineNumbers: [Int], file: String) throws(CompositeError) -> FactorTable {
        do {
            return try FactorTable(rows: parsed, file: file)
        } catch {
            // Map the row index back to the file's line number.
            var mapped = error
            if let index = error.line, index >= 1, index <= lineNumbers.count { mapped.line = lineNumbers[index - 1] }
            throw mapped
        }
    }
}
