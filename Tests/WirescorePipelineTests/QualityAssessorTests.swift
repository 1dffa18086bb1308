import Testing
import WirescoreCore
import WirescoreExtract
@testable import WirescorePipeline

/// The record's `quality` for pages the extractor found are not articles (docs/extraction.md).
@Suite struct QualityAssessorTests {
    let assessor = QualityAssessor(minWords: 40)
    static let words = String(repeating: "The council met again on Monday to discuss the harbour. ", count: 20)

    @Test func articlesAreOk() {
        #expect(assessor.assess(text: Self.words, words: 200, title: "Harbour", kind: .article) == Quality(status: .ok))
    }

    @Test func pagesThatAreNotArticlesAreHeldWithTheirKind() {
        #expect(assessor.assess(text: Self.words, words: 200, title: "News", kind: .listing) == Quality(status: .held, reasons: ["listing"]))
        #expect(assessor.assess(text: Self.words, words: 200, title: "Oak table", kind: .product) == Quality(status: .held, reasons: ["product_page"]))
        #expect(assessor.assess(text: "Welcome", words: 1, title: "Home", kind: .landing) == Quality(status: .held, reasons: ["landing_page"]))
    }

    @Test func wallMarkersStillAddTheirReason() {
        let q = assessor.assess(text: "We value your privacy. Accept all cookies to continue.", words: 9, title: "x", kind: .landing)
        #expect(q.status == .held)
        #expect(q.reasons == ["landing_page", "consent_wall"])
    }
}
