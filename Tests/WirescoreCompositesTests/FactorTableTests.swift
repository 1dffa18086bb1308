import Foundation
import Testing
import WirescoreCore
@testable import WirescoreComposites

struct FactorTableTests {
    private func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return url.path
    }

    private func day(_ s: String) throws -> Date { try #require(UTCTimestamp.parseDay(s)) }

    @Test func csvLookupIsAsOfWithoutLookAhead() throws {
        let table = try FactorTable.load(path: try fixture("factors.csv"))
        #expect(table.columns == ["price_momentum", "quality", "value"])
        #expect(table.value("value", ticker: "AAA", asOf: try day("2026-03-04"), maxAgeDays: 30) == 0.8)
        #expect(table.value("value", ticker: "AAA", asOf: try day("2026-03-05"), maxAgeDays: 30) == 0.9)
        // BBB's 03-10 row must not be visible on 03-09.
        #expect(table.value("value", ticker: "BBB", asOf: try day("2026-03-09"), maxAgeDays: 30) == 0.2)
        #expect(table.value("value", ticker: "AAA", asOf: try day("2026-02-28"), maxAgeDays: 30) == nil)
        // Empty cell: unknown, not zero.
        #expect(table.value("quality", ticker: "CCC", asOf: try day("2026-03-02"), maxAgeDays: 30) == nil)
        // Stale beyond the window.
        #expect(table.value("value", ticker: "CCC", asOf: try day("2026-04-15"), maxAgeDays: 30) == nil)
    }

    @Test func jsonlReadsTheSameShape() throws {
        let table = try FactorTable.load(path: try fixture("factors.jsonl"))
        #expect(table.value("quality", ticker: "AAA", asOf: try day("2026-03-06"), maxAgeDays: 30) == 0.6)
        #expect(table.value("quality", ticker: "CCC", asOf: try day("2026-03-06"), maxAgeDays: 30) == nil)
        #expect(table.value("value", ticker: "CCC", asOf: try day("2026-03-06"), maxAgeDays: 30) == 0.5)
    }

    @Test func errorsNameFileAndLine() throws {
        let csv = try fixture("bad-number.csv")
        let error = try #require(throws: CompositeError.self) { try FactorTable.load(path: csv) }
        #expect(error.code == .badNumber)
        #expect(error.line == 3)
        #expect(error.description == "\(csv):3: column value: \"cheap\" is not a number")

        let jsonl = try fixture("bad-date.jsonl")
        let dateError = try #require(throws: CompositeError.self) { try FactorTable.load(path: jsonl) }
        #expect(dateError.code == .badDate)
        #expect(dateError.line == 2)
    }

    @Test func structuralErrors() throws {
        let noTicker = try #require(throws: CompositeError.self) {
            try FactorTable.parseCSV("date,value\n2026-03-01,1\n", file: "f.csv")
        }
        #expect(noTicker.code == .missingColumn && noTicker.line == 1)
        let ragged = try #require(throws: CompositeError.self) {
            try FactorTable.parseCSV("date,ticker,value\n2026-03-01,AAA\n", file: "f.csv")
        }
        #expect(ragged.code == .badRow && ragged.line == 2)
        let duplicate = try #require(throws: CompositeError.self) {
            try FactorTable.parseCSV("date,ticker,value\n\n2026-03-01,AAA,1\n2026-03-01,AAA,2\n", file: "f.csv")
        }
        #expect(duplicate.code == .duplicateRow && duplicate.line == 4)
        let notJSON = try #require(throws: CompositeError.self) {
            try FactorTable.parseJSONL("{\"date\":\"2026-03-01\",\"ticker\":\"A\"}\n{oops\n", file: "f.jsonl")
        }
        #expect(notJSON.code == .badRow && notJSON.line == 2)
        let textValue = try #require(throws: CompositeError.self) {
            try FactorTable.parseJSONL(#"{"date":"2026-03-01","ticker":"A","value":"high"}"#, file: "f.jsonl")
        }
        #expect(textValue.code == .badNumber)
        let missing = try #require(throws: CompositeError.self) { try FactorTable.load(path: "/nonexistent/f.csv") }
        #expect(missing.code == .unreadableFile)
        let quoted = try FactorTable.parseCSV("date,ticker,value\n\"2026-03-01\",\"A,B\",\"1.5\"\n", file: "q.csv")
        #expect(quoted.value("value", ticker: "A,B", asOf: try day("2026-03-01"), maxAgeDays: 1) == 1.5)
    }
}
