import Testing
@testable import WirescoreFeeds

@Suite struct JSONFeedTests {
    let parser = FeedParser()

    @Test func jsonFeed11() throws {
        let doc = try parser.parse(try fixture("jsonfeed11.json"), url: "https://wire.example/feed.json", contentType: "application/feed+json")
        #expect(doc.version == "json11")
        #expect(doc.bozo == false)
        #expect(doc.feed.title == "Wire Daily")
        #expect(doc.feed.link == "https://wire.example/")
        #expect(doc.feed.subtitle == "Market news")
        #expect(doc.feed.language == "en-GB")
        #expect(doc.feed.authorDetail == FeedPerson(name: "Ed Itor", href: "https://wire.example/about"))
        #expect(doc.entries.count == 2)
        let e = try #require(doc.entries.first)
        #expect(e.id == "https://wire.example/acme")
        #expect(e.link == "https://wire.example/news/acme")
        #expect(e.summary == "Acme beat estimates.")
        #expect(e.content.first == FeedContent(
            value: "<p>Acme <a href=\"https://wire.example/news/q3\">results</a> &amp; outlook</p>", type: "text/html"))
        #expect(iso(e.publishedParsed) == "2026-03-02T08:15:00Z")
        #expect(iso(e.updatedParsed) == "2026-03-02T10:00:00Z")
        #expect(e.author == "Zoë Writer")
        let second = doc.entries[1]
        #expect(second.id == "42")
        #expect(second.link == "https://other.example/story")
        #expect(second.content == [FeedContent(value: "Plain text only.", type: "text/plain")])
        #expect(second.summary == "Plain text only.")
    }

    @Test func jsonFeed10WithSingleAuthor() throws {
        let body = #"{"version":"https://jsonfeed.org/version/1","title":"T","author":{"name":"A"},"items":[{"id":"1","content_text":"x"}]}"#
        let doc = try parser.parse(Array(body.utf8), url: nil, contentType: nil)
        #expect(doc.version == "json1")
        #expect(doc.feed.author == "A")
        #expect(doc.entries.map(\.id) == ["1"])
    }

    @Test func jsonWithoutVersionIsBozo() throws {
        let doc = try parser.parse(Array(#"{"title":"T","items":[]}"#.utf8), url: nil, contentType: nil)
        #expect(doc.bozo)
        #expect(doc.version == "")
    }

    @Test func brokenJSONThrows() {
        #expect(throws: FeedError.self) { try parser.parse(Array(#"{"version": "#.utf8), url: nil, contentType: nil) }
    }
}
