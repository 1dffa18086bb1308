import Testing
import WirescoreEntities
@testable import WirescoreSentiment

/// An analysis through ``AnalyzerScratchPool`` (buffers left over from earlier, longer or
/// shorter texts) must equal one with fresh buffers.
struct AnalyzerScratchPoolTests {
    static let analyzer = TextAnalyzer(gazetteer: .builtin)

    static func summary(_ a: TextAnalysis) -> String {
        "\(a.score) \(a.label) " + a.entities.map { "\($0.id):\($0.mentions):\($0.relevance):\($0.sentiment):\($0.label):\($0.evidence)" }
            .joined(separator: "|")
    }

    @Test func pooledAnalysesEqualFreshOnes() {
        let long = String(repeating: "Apple shares soared to a record after strong iPhone sales, while Intel plunged on a weak forecast. ", count: 60)
        let texts: [(String?, String)] = [
            ("Apple beats estimates", long),
            (nil, "Microsoft Corp <MSFT.O> fell 3%."),
            ("", "Wells Fargo plunged after regulators fined the bank. The company said it would appeal."),
            ("Tesla recalls cars", "Tesla Inc recalled 2,000 vehicles. Its shares slipped.\n\nAnalysts at Goldman Sachs were upbeat."),
            (nil, ""),
            ("Nvidia", long + " Nvidia rallied."),
            (nil, "Shares of AT&T rose."),
        ]
        let pool = AnalyzerScratchPool(keep: 2)
        for round in 0..<3 {
            for (title, text) in texts {
                let fresh = Self.analyzer.analyze(title: title, text: text)
                let pooled = pool.withScratch(textBytes: text.utf8.count) { scratch in
                    Self.analyzer.analyze(title: title, text: text, target: nil, scratch: &scratch)
                }
                #expect(Self.summary(pooled) == Self.summary(fresh), "round \(round): \(title ?? "-")")
            }
        }
    }
}
