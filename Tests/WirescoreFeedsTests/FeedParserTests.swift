import Foundation
import Testing
import WirescoreCore
@testable import WirescoreFeeds

func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return [UInt8](try Data(contentsOf: url))
}

func iso(_ d: Date?) -> String? { d.map(UTCTimestamp.rfc3339) }

@Suite struct FeedParserTests {
    let parser = FeedParser()

    @Test func rss20() throws {
        let doc = try parser.parse(try fixture("rss20.xml"), url: "https://wire.example/rss", contentType: nil)
        #expect(doc.version == "rss20")
        #expect(doc.bozo == false)
        #expect(doc.encoding == "utf-8")
        #expect(doc.feed.title == "Wire & Co")
        #expect(doc.feed.subtitle == "Market news")
        #expect(doc.feed.language == "en-us")
        #expect(doc.feed.author == "editor@wire.example (Ed Itor)")
        #expect(doc.feed.authorDetail == FeedPerson(name: "Ed Itor", email: "editor@wire.example"))
        #expect(iso(doc.feed.updatedParsed) == "2026-03-02T09:15:00Z")
        #expect(doc.entries.count == 2)
        let e = try #require(doc.entries.first)
        #expect(e.link == "https://wire.example/news/acme")
        #expect(e.id == "acme-2026-1")
        #expect(e.summary == "<p>Acme <b>rose</b> 5%</p>")
        #expect(e.content == [FeedContent(value: "<p>Full story</p>", type: "text/html")])
        #expect(e.author == "Jane Roe")
        #expect(e.published == "Mon, 2 Mar 2026 08:00 EST")
        #expect(iso(e.publishedParsed) == "2026-03-02T13:00:00Z")
        // A permalink guid stands in for a missing link.
        #expect(doc.entries[1].link == "https://wire.example/2")
    }

    @Test func rss10() throws {
        let doc = try parser.parse(try fixture("rss10.rdf"), url: nil, contentType: "application/rdf+xml")
        #expect(doc.version == "rss10")
        #expect(doc.feed.title == "RDF feed")
        #expect(iso(doc.feed.updatedParsed) == "2026-03-02T09:00:00Z")
        #expect(doc.entries.count == 1)
        #expect(doc.entries[0].id == "https://rdf.example/1")
        #expect(doc.entries[0].summary == "First item")
        #expect(iso(doc.entries[0].updatedParsed) == "2026-03-01T00:00:00Z")
    }

    @Test func atom10WithNestedXMLBase() throws {
        let doc = try parser.parse(try fixture("atom10.xml"), url: "https://ignored.example/", contentType: "application/atom+xml")
        #expect(doc.version == "atom10")
        #expect(doc.feed.title == "Atom <b>feed</b>")
        #expect(doc.feed.titleDetail?.type == "text/html")
        #expect(doc.feed.link == "https://atom.example/blog/")
        #expect(doc.feed.author == "Alice (alice@atom.example)")
        #expect(doc.feed.authorDetail?.href == "https://atom.example/alice")
        let e = try #require(doc.entries.first)
        #expect(e.link == "https://atom.example/blog/posts/hello.html")
        #expect(e.title == "Hello")
        #expect(e.id == "tag:atom.example,2026:1")
        #expect(iso(e.publishedParsed) == "2026-03-01T13:00:00Z")
        #expect(iso(e.updatedParsed) == "2026-03-01T14:30:00Z")
        #expect(e.summary == "Short")
        #expect(e.content.first?.type == "application/xhtml+xml")
        #expect(e.content.first?.value == "<p>Hi <a href=\"https://atom.example/blog/posts/there\">there</a> &amp; bye</p>")
    }

    @Test func atom03() throws {
        let doc = try parser.parse(try fixture("atom03.xml"), url: nil, contentType: nil)
        #expect(doc.version == "atom03")
        #expect(doc.feed.subtitle == "Tag line")
        #expect(iso(doc.feed.updatedParsed) == "2004-01-01T00:00:00Z")
        let e = try #require(doc.entries.first)
        #expect(e.content == [FeedContent(value: "<p>Escaped</p>", type: "text/html")])
        #expect(iso(e.publishedParsed) == "2003-12-31T10:14:55Z")
        #expect(e.authorDetail == FeedPerson(name: "Bob", href: "http://bob.example/"))
    }

    @Test func illFormedIsBozoButRecovered() throws {
        let doc = try parser.parse(try fixture("illformed.xml"), url: nil, contentType: nil)
        #expect(doc.bozo)
        #expect(doc.bozoException != nil)
        #expect(doc.feed.title == "Broken & recovered")
        #expect(doc.entries.first?.title == "Still here")
    }

    @Test func htmlEntitiesResolve() throws {
        let doc = try parser.parse(try fixture("entities.xml"), url: nil, contentType: nil)
        #expect(doc.feed.title == "café\u{A0}— ©2026")
    }

    @Test func httpCharsetOverridesDeclaration() throws {
        let bytes = try fixture("latin1.xml")
        let declared = try parser.parse(bytes, url: nil, contentType: nil)
        #expect(declared.encoding == "iso-8859-1")
        #expect(declared.feed.title == "Café crème")
        let viaHeader = try parser.parse(bytes, url: nil, contentType: "application/rss+xml; charset=ISO-8859-1")
        #expect(viaHeader.encoding == "iso-8859-1")
        #expect(viaHeader.feed.title == "Café crème")
        let textXML = try parser.parse(Array("<rss version=\"2.0\"><channel><title>a</title></channel></rss>".utf8),
                                       url: nil, contentType: "text/xml")
        #expect(textXML.encoding == "us-ascii")
    }

    /// text/xml without a charset means US-ASCII (RFC 3023): a document with other bytes is
    /// read in what it declares, and the mismatch makes it bozo.
    @Test func nonASCIIServedAsASCIIIsReadButBozo() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"iso-8859-7\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes.append(0xE1)  // 'α' in ISO-8859-7
        bytes += Array("</title></channel></rss>".utf8)
        let doc = try parser.parse(bytes, url: nil, contentType: "text/xml")
        #expect(doc.feed.title == "α")
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("US-ASCII") == true)
    }

    /// A channel's `itunes:summary` is its summary (and its subtitle when it has no description).
    @Test func channelITunesSummary() throws {
        let doc = try parser.parse(Array("""
            <rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
            <itunes:summary>A weekly markets podcast</itunes:summary></channel></rss>
            """.utf8), url: nil, contentType: nil)
        #expect(doc.feed.summary == "A weekly markets podcast")
        #expect(doc.feed.subtitle == "A weekly markets podcast")
        var json: [UInt8] = []
        doc.appendFeedparserJSON(to: &json)
        #expect(String(decoding: json, as: UTF8.self) == doc.feedparserJSON().serialized())
        #expect(String(decoding: json, as: UTF8.self).contains("\"summary\":\"A weekly markets podcast\""))
    }

    @Test func unknownEncodingDoesNotCrash() throws {
        let doc = try parser.parse(try fixture("rss20.xml"), url: nil, contentType: "application/xml; charset=no-such-charset")
        #expect(doc.bozo)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let doc = try parser.parse(try fixture("xxe.xml"), url: nil, contentType: nil)
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8)) ?? "\u{0}"
        let title = try #require(doc.feed.title)
        #expect(title.hasPrefix("x"))
        #expect(!title.contains(hostname.trimmingCharacters(in: .whitespacesAndNewlines)) || hostname.isEmpty)
        #expect(title.count < 10)
    }

    @Test func billionLaughsIsStopped() throws {
        let doc = try parser.parse(try fixture("laughs.xml"), url: nil, contentType: nil)
        #expect(doc.bozo)
        #expect((doc.feed.title?.utf8.count ?? 0) < 10_000_000)
    }

    @Test func notAFeedThrows() throws {
        #expect(throws: FeedError.self) { try parser.parse([], url: nil, contentType: nil) }
        #expect(throws: FeedError.self) { try parser.parse(Array("  \n".utf8), url: nil, contentType: nil) }
        #expect(throws: FeedError.self) { try parser.parse(try fixture("page.html"), url: nil, contentType: "text/html") }
    }

    @Test func jsonShape() throws {
        let doc = try parser.parse(try fixture("rss20.xml"), url: "https://wire.example/rss", contentType: nil)
        let json = doc.feedparserJSON()
        #expect(json["bozo"] == .bool(false))
        #expect(json["version"] == .string("rss20"))
        #expect(json["feed"]?["updated_parsed"] == .string("2026-03-02T09:15:00Z"))
        #expect(json["feed"]?["updated"] == .string("Mon, 02 Mar 2026 09:15:00 GMT"))
        guard case let .array(entries)? = json["entries"] else { Issue.record("entries is not an array"); return }
        #expect(entries.count == 2)
        #expect(entries[0]["content"] == .array([.object([("value", .string("<p>Full story</p>")), ("type", .string("text/html"))])]))
        #expect(entries[1]["published_parsed"] == .null)
    }
}
