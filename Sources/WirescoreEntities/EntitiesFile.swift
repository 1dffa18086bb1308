import WirescoreCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a pipeline's own entities file: private companies, organisations, extra aliases.
///
/// The format is TSV, one entity per line, so it needs no YAML parser and diffs well:
///
///     # id      name      type      aliases (;)            tickers (;)  exchange  sector
///     openai    OpenAI    company   OpenAI;ChatGPT maker
///     MSFT      Microsoft company   Microsoft;MSFT Corp    MSFT         Nasdaq    Information Technology
///
/// Only `id` and `name` are required; empty trailing columns may be omitted. `#` starts a comment
/// line. The name is always an alias. Entities with a ticker id replace the built-in entry.
public enum EntitiesFile {
    /// Loads and parses the file at `path`.
    /// - Throws: ``EntityError`` with the file, the line and the reason.
    public static func load(path: String) throws(EntityError) -> [GazetteerEntity] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EntityError(file: path, line: nil, reason: "cannot read: \(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EntityError(file: path, line: nil, reason: "not UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Parses entities-file text; `file` names it in errors.
    /// - Throws: ``EntityError`` for a row with too few or too many columns, a bad id or a duplicate id.
    public static func parse(_ text: String, file: String) throws(EntityError) -> [GazetteerEntity] {
        var out: [GazetteerEntity] = []
        var seen: [String: Int] = [:]
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 2, !f[0].isEmpty, !f[1].isEmpty else {
                throw EntityError(file: file, line: lineNo, reason: "expected at least 2 tab-separated columns (id, name)")
            }
            guard f.count <= 7 else {
                throw EntityError(file: file, line: lineNo, reason: "too many columns (\(f.count)); at most 7: id, name, type, aliases, tickers, exchange, sector")
            }
            let id = f[0]
            guard id.unicodeScalars.allSatisfy({ ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0) }) else {
                throw EntityError(file: file, line: lineNo, reason: "id '\(id)' may only hold ASCII letters, digits, '-', '.', '_'")
            }
            if let first = seen[id] {
                throw EntityError(file: file, line: lineNo, reason: "duplicate id '\(id)' (first on line \(first))")
            }
            seen[id] = lineNo
            func col(_ i: Int) -> String? { i < f.count && !f[i].isEmpty ? f[i] : nil }
            var aliases = [f[1]]
            for a in (col(3) ?? "").split(separator: ";") {
                let s = a.trimmingCharacters(in: .whitespaces)
                if !s.isEmpty, !aliases.contains(s) { aliases.append(s) }
            }
            let tickers = (col(4) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            out.append(GazetteerEntity(id: id, name: f[1], type: col(2) ?? "company", exchange: col(5), sector: col(6),
                                       aliases: aliases, tickers: tickers, nameIsWord: false, tickerIsWord: true))
        }
        return out
    }
}
