import Foundation
import Testing
@testable import WirescoreFeeds
import WirescoreTestSupport

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

    /// Mac Turkish, which iconv lacks, is decoded by its own table.
    @Test func macTurkishHasItsOwnTable() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"macturkish\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0x80, 0xDA, 0xDD]  // Ä Ğ ı
        bytes += Array("</title></channel></rss>".utf8)
        let doc = try FeedParser().parse(bytes, url: nil, contentType: nil)
        #expect(doc.encoding == "macturkish")
        #expect(doc.feed.title == "ÄĞı")
    }

    @Test func aliases() {
        #expect(FeedEncoding.iconvAlias("MacLatin2") == "MAC-CENTRALEUROPE")
        #expect(FeedEncoding.iconvAlias("ibm039") == "IBM037")
        #expect(FeedEncoding.iconvAlias("utf-8") == nil)
    }

    /// A feed in a legacy encoding that declares none is read in the encoding its bytes make
    /// clear, and flagged bozo (feedparser asks chardet here).
    @Test(arguments: [("SHIFT_JIS", "SHIFT_JIS", "新製品の発表で株価が上がりました"),
                      ("KOI8-R", "KOI8-R", "Акции компании выросли после отчёта")])
    func anUndeclaredLegacyFeedIsReadInTheEncodingItsBytesShow(encoding: String, reported: String, title: String) throws {
        let markup = "<rss version=\"2.0\"><channel><title>\(title)</title><item><title>\(title)</title></item></channel></rss>"
        let bytes = try #require(LegacyEncoding.encode(markup, as: encoding))
        let doc = try FeedParser().parse(bytes, url: nil, contentType: nil)
        #expect(doc.encoding == reported)
        #expect(doc.feed.title == title)
        #expect(doc.entries.first?.title == title)
        #expect(doc.bozo)
    }
}
