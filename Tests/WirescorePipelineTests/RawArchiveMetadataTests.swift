import Foundation
import Testing
@testable import WirescorePipeline

/// What the raw archive keeps beside each article page is what `reprocess` rebuilds the item's
/// context from: the source's hints must survive the round trip, and archives written before a
/// hint existed must still read.
@Suite struct RawArchiveMetadataTests {
    @Test func theSourcesHintsSurviveTheArchive() throws {
        var context = ArticleBuilder.Context(feedID: "site-wire", itemKey: "https://a.example/news/1",
                                             link: "https://a.example/news/1", feedTitle: "Site Wire",
                                             entryTitle: "Cloud database wins customers")
        context.entityHints = ["NASDAQ:MSFT"]
        context.languageHint = "zh-cn"
        let bytes = RawArchive.metadata(.article(context)).serializedBytes()
        let back = try #require(RawArchive.articleContext(fromMetadata: bytes))
        #expect(back.entityHints == ["NASDAQ:MSFT"])
        #expect(back.languageHint == "zh-cn")
        #expect(back.entryTitle == "Cloud database wins customers")

        let older = Array(#"{"role":"article","feed":"f","item":"https://a.example/2","link":"https://a.example/2"}"#.utf8)
        let old = try #require(RawArchive.articleContext(fromMetadata: older))
        #expect(old.languageHint == nil && old.entityHints.isEmpty)
    }

    /// A redirect hop's metadata names the item and the next hop, and is never read back as an
    /// article: `reprocess` builds nothing from a 3xx on the way.
    @Test func aRedirectHopIsNotAnArticle() throws {
        let context = ArticleBuilder.Context(feedID: "site-wire", itemKey: "https://user:pw@a.example/go/1",
                                             link: "https://a.example/go/1")
        let bytes = RawArchive.metadata(.redirect(context, location: "https://a.example/news/1")).serializedBytes()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object == ["role": "redirect", "feed": "site-wire", "item": "https://a.example/go/1",
                           "location": "https://a.example/news/1"])
        #expect(RawArchive.articleContext(fromMetadata: bytes) == nil)
    }

    /// A feed's or sitemap's redirect hop names the source and the next hop (no item), without
    /// the userinfo a Location may carry, and is not an article either.
    @Test func aSourceRedirectHopNamesTheFeedAndIsNotAnArticle() throws {
        let bytes = RawArchive.metadata(.sourceRedirect(feedID: "moved-wire", location: "https://u:p@b.example/feed.xml"))
            .serializedBytes()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object == ["role": "redirect", "feed": "moved-wire", "location": "https://b.example/feed.xml"])
        #expect(RawArchive.articleContext(fromMetadata: bytes) == nil)
    }
}
