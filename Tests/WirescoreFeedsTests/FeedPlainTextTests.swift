import Foundation
import WirescoreCore
import Testing
@testable import WirescoreFeeds

struct FeedPlainTextTests {
    @Test func decodesReferencesAndDropsTags() {
        #expect(FeedPlainText.from("Walmart&#8217;s <b>online</b>  business &amp; more") == "Walmart\u{2019}s online business & more")
        #expect(FeedPlainText.from("AT&T rises") == "AT&T rises")
        #expect(FeedPlainText.from("plain title") == "plain title")
        #expect(FeedPlainText.from("caf&eacute; &#x41;") == "caf\u{E9} A")
    }
}

struct FeedLocalizedDateTests {
    private func iso(_ s: String) -> String? { FeedDateParser.parse(s).map(UTCTimestamp.rfc3339) }

    @Test func readsKoreanForms() {
        #expect(iso("2025년 03월 09일  14:05:00") == "2025-03-09T05:05:00Z")
        #expect(iso("2025-03-09 오후 02:05:00") == "2025-03-09T05:05:00Z")
        #expect(iso("2025-03-09 오전 12:30:00") == "2025-03-08T15:30:00Z")
    }

    @Test func readsGreekAndHungarianMonths() {
        #expect(iso("Τρι, 04 Μαρ 2025 08:00:00 GMT") == "2025-03-04T08:00:00Z")
        #expect(iso("2025-március-04T8:00+01:00") == "2025-03-04T07:00:00Z")
    }

    @Test func leavesOtherTextAlone() {
        #expect(FeedDateParser.parse("αύριο το πρωί") == nil)
    }
}
