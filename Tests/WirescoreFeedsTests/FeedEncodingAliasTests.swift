import Foundation
import Testing
@testable import WirescoreFeeds

/// Encoding names Python accepts but iconv spells differently still decode.
@Suite struct FeedEncodingAliasTests {
    @Test func macLatin2IsMacCentralEuropean() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"maclatin2\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes.append(0x80)  // 'Ä' in Mac Central European
        bytes += Array("</title></channel></rss>".utf8)
        let doc = try FeedParser().parse(bytes, url: nil, contentType: nil)
        #expect(doc.encoding == "maclatin2")
        #expect(doc.feed.title == "Ä")
        #expect(!doc.bozo)
    }

    @Test func aliases() {
        #expect(FeedEncoding.iconvAlias("MacLatin2") == "MAC-CENTRALEUROPE")
        #expect(FeedEncoding.iconvAlias("ibm039") == "IBM037")
        #expect(FeedEncoding.iconvAlias("utf-8") == nil)
    }
}
