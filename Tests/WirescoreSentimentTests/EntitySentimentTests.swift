import Testing
import WirescoreEntities
@testable import WirescoreSentiment

/// Per-company sentiment: lists, quoted sources, labels and evidence (issue 18).
struct EntitySentimentTests {
    static let analyzer = TextAnalyzer(gazetteer: .builtin)

    func entities(_ text: String) -> [String: TextAnalysis.Entity] {
        Dictionary(Self.analyzer.analyze(title: nil, text: text).entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func companiesInAListShareTheListsTone() {
        let e = entities("Heavyweights Apple Inc <AAPL.O>, Microsoft Corp <MSFT.O> and Tesla Inc <TSLA.O> slumped 4% in a broad sell-off.")
        for id in ["AAPL", "MSFT", "TSLA"] {
            #expect(e[id]?.label == .negative, "\(id): \(String(describing: e[id]))")
        }
        // Separate clauses still get their own tone.
        let f = entities("Apple shares soared to a record, while Intel plunged after a dismal forecast.")
        #expect(f["AAPL"]?.label == .positive)
        #expect(f["INTC"]?.label == .negative)
    }

    @Test func aCompanyQuotedAsASourceIsNeutral() {
        let e = entities("The economy faces a painful recession and rising unemployment, said Jane Doe, a senior economist at Wells Fargo.")
        #expect(e["WFC"]?.label == .neutral)
        let f = entities("Investors dumped the shares after the disastrous results. Goldman Sachs declined to comment.")
        #expect(f["GS"]?.label == .neutral)
        // The same firm as the subject keeps its tone.
        let g = entities("Wells Fargo plunged after regulators fined the bank for widespread fraud.")
        #expect(g["WFC"]?.label == .negative)
    }

    @Test func evidenceIsASentenceNamingTheCompany() {
        // The second sentence refers to Target ("Its") and has the strongest tone, but does not name it.
        let text = "Target said sales fell. Its chief executive was upbeat and thrilled about an excellent, wonderful holiday season."
        let a = Self.analyzer.analyze(title: nil, text: text)
        let target = a.entities.first { $0.id == "TGT" }
        #expect(target?.evidence == "Target said sales fell.")
    }
}
