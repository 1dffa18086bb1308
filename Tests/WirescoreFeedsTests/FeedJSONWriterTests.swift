import Foundation
import Testing
import WirescoreCore
@testable import WirescoreFeeds

/// The byte writer behind `inspect feed` must print exactly what the `JSONValue` route prints.
@Suite struct FeedJSONWriterTests {
    func bytes(_ doc: FeedDocument) -> String {
        var out: [UInt8] = Array("prefix ".utf8)
        doc.appendFeedparserJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func matchesJSONValueOnFixtures() throws {
        for name in ["rss20.xml", "atom10.xml", "atom03.xml", "rss10.rdf", "entities.xml", "latin1.xml", "illformed.xml"] {
            let doc = try FeedParser().parse(try fixture(name), url: "https://wire.example/feed", contentType: nil)
            #expect(bytes(doc) == "prefix " + doc.feedparserJSON().serialized(), "\(name)")
        }
    }

    @Test func escapesWithTheOneWriter() {
        var doc = FeedDocument()
        doc.bozo = true
        doc.bozoException = "line 3: \"quoted\" \\ back"
        doc.feed.title = "tab\there\nnew\r\u{08}\u{0C}\u{01}\u{1F} \u{2028}\u{2029} \u{E2}\u{2026} é 東京 📈"
        doc.feed.authorDetail = FeedPerson(name: "A", email: nil, href: "h")
        doc.feed.updatedParsed = Date(timeIntervalSince1970: 1_700_000_000)
        var e = FeedEntry()
        e.summary = ""
        e.content = [FeedContent(value: "<p>x</p>", type: "text/html"), FeedContent(value: "y", type: "text/plain")]
        e.publishedParsed = Date(timeIntervalSince1970: 0)
        doc.entries = [e, FeedEntry()]
        #expect(bytes(doc) == "prefix " + doc.feedparserJSON().serialized())
        var w = JSONByteWriter()
        w.string(doc.feed.title ?? "")
        #expect(bytes(doc).contains(#""feed":{"title":"# + String(decoding: w.bytes, as: UTF8.self) + ","))
        #expect(bytes(doc).contains(#"\u2028\u2029"#))
    }
}
