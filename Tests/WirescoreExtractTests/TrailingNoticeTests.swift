import Foundation
import Testing
@testable import WirescoreExtract

/// ``TrailingNotice`` peels the last paragraphs off with a byte scan; it must cut exactly where
/// the paragraph definition (`components(separatedBy: "\n\n")`) cuts.
struct TrailingNoticeTests {
    /// The rule over Foundation's paragraph split.
    static func reference(_ text: String) -> String {
        var paragraphs = text.components(separatedBy: "\n\n")
        var removed = 0
        while removed < 2, paragraphs.count > 1, let last = paragraphs.last,
              TrailingNotice.isLicenceNotice(last) || TrailingNotice.isContactBlock(last) || TrailingNotice.isLegalLinkLine(last) {
            paragraphs.removeLast()
            removed += 1
        }
        return removed == 0 ? text : paragraphs.joined(separator: "\n\n")
    }

    @Test func noticesAtTheEndGoAndTheArticleStays() {
        let article = "The council approved the budget on Monday.\n\nIt takes effect in March."
        #expect(TrailingNotice.removing(from: article + "\n\nThis text is licensed under CC BY-SA 4.0.") == article)
        #expect(TrailingNotice.removing(from: article + "\n\nPress office\nTel.: +49 40 1234\nE-Mail: press@example.org\n\nImprint | Privacy | Terms")
                == article)
        #expect(TrailingNotice.removing(from: "Photo: CC BY 2.0\n\n" + article) == "Photo: CC BY 2.0\n\n" + article)
    }

    @Test func byteScanAgreesWithTheParagraphSplit() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["Shares rose 3%.", "\n", "\n\n", "\n\n\n", "CC BY 4.0", "Tel.: +1 555 0100", "E-Mail: a@b.example",
                      "Impressum | Datenschutz", "Ünïcödé – “quoted”", "privacy | terms", " ", "x"]
        var cut = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...9, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let expected = Self.reference(text)
            #expect(TrailingNotice.removing(from: text) == expected, "\(text.debugDescription)")
            if expected != text { cut += 1 }
        }
        // The texts are built to end in notices often, so both answers are exercised.
        #expect(cut > 100)
    }
}
