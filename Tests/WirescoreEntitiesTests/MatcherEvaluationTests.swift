import Foundation
import Testing
@testable import WirescoreEntities

/// Precision and recall of the matcher on the labelled set in Fixtures/mentions.tsv.
///
/// The set was written for wirescore (traps: common words, people, word tickers).
struct MatcherEvaluationTests {
    struct Case { var line: Int; var expected: Set<String>; var text: String }

    static func loadCases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "mentions", withExtension: "tsv", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [Case] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            #expect(parts.count == 2, "fixture line \(n + 1) malformed")
            guard parts.count == 2 else { continue }
            let ids = parts[0] == "-" ? [] : parts[0].split(separator: ",").map(String.init)
            out.append(Case(line: n + 1, expected: Set(ids), text: String(parts[1])))
        }
        return out
    }

    @Test func precisionAndRecallOnLabelledSet() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 150)
        let matcher = EntityMatcher(gazetteer: .builtin)
        var tp = 0, fp = 0, fn = 0
        var failures: [String] = []
        for c in cases {
            let toks = Tokenizer.tokenize(c.text)
            let found = Set(matcher.mentions(in: toks).map { matcher.gazetteer.entities[$0.entity].id })
            tp += found.intersection(c.expected).count
            fp += found.subtracting(c.expected).count
            fn += c.expected.subtracting(found).count
            if found != c.expected { failures.append("line \(c.line): expected \(c.expected.sorted()) got \(found.sorted()): \(c.text)") }
        }
        let precision = Double(tp) / Double(max(1, tp + fp))
        let recall = Double(tp) / Double(max(1, tp + fn))
        print("matcher: precision \(precision) recall \(recall) (tp \(tp) fp \(fp) fn \(fn))\n" + failures.joined(separator: "\n"))
        #expect(precision >= 0.95, "precision \(precision)\n\(failures.joined(separator: "\n"))")
        #expect(recall >= 0.90, "recall \(recall)\n\(failures.joined(separator: "\n"))")
    }
}
