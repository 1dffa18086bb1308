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
