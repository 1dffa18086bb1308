import Foundation
import Testing
@testable import WirescoreFeeds

@Suite struct OPMLTests {
    @Test func flattensNestedOutlinesWithLines() throws {
        let outlines = try OPMLParser().parse(try fixture("feeds-good.opml"))
        #expect(outlines.count == 4)
        let wire = try #require(outlines.first { $0.xmlUrl == "https://wire.example/rss" })
        #expect(wire.title == "Wire News")
        #expect(wire.htmlUrl == "https://wire.example/")
        #expect(wire.line == 6)
        #expect(wire.category == "Markets")
        let other = try #require(outlines.first { $0.xmlUrl == "file:Feeds/other.xml" })
        #expect(other.title == "Other & Co")
        #expect(other.line == 7)
        #expect(outlines.last?.category == "/tech")
        #expect(outlines.last?.line == 9)
    }

    @Test func malformedOPMLReportsLine() throws {
        #expect(throws: OPMLError.self) { try OPMLParser().parse(try fixture("feeds-bad.opml")) }
        let bad = try fixture("feeds-bad.opml")
        let result: Result<[OPMLOutline], OPMLError> = Result { () throws(OPMLError) in try OPMLParser().parse(bad) }
        guard case let .failure(error) = result else { Issue.record("malformed OPML was accepted"); return }
        #expect(error.line >= 6)
        #expect(throws: OPMLError.self) { try OPMLParser().parse(Array("<rss/>".utf8)) }
    }

    @Test func writerRoundTrips() throws {
        let original = try OPMLParser().parse(try fixture("feeds-good.opml")).filter { $0.xmlUrl != nil }
        let written = OPMLWriter.write(original)
        let reread = try OPMLParser().parse(Array(written.utf8))
        #expect(reread.map(\.xmlUrl) == original.map(\.xmlUrl))
        #expect(reread.map(\.title) == original.map(\.title))
        #expect(reread.map(\.category) == original.map(\.category))
    }

    /// libxml2 calls plain text "Document is empty"; the parser says what the file is.
    @Test func filesThatAreNotXMLSayWhy() throws {
        func failure(_ text: String) -> OPMLError? {
            let result = Result { () throws(OPMLError) in try OPMLParser().parse(Array(text.utf8)) }
            if case .failure(let error) = result { return error }
            return nil
        }
        #expect(failure("")?.message.contains("the file is empty") == true)
        #expect(failure("  \n\t ")?.message.contains("only white space") == true)
        #expect(failure("\u{FEFF}")?.message.contains("only white space") == true)
        #expect(failure("hello world")?.message == "not an XML document: expected '<' but the file starts with 'hello world'")
        #expect(failure("\n\n# notes")?.line == 3)
        #expect(failure("\u{FEFF}<opml version=\"2.0\"><body/></opml>") == nil)
    }

    /// Editing a list keeps what wirescore does not read: the head, folders and every attribute.
    @Test func documentRoundTripKeepsHeadFoldersAndAttributes() throws {
        let source = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0" xmlns:ws="https://wirescore.example/ns">
              <head><title>Feeds &amp; more</title><ownerName>Desk</ownerName><docs>http://opml.org/spec2.opml</docs></head>
              <body>
                <outline text="Markets" description="folder">
                  <outline text="Wire" type="rss" language="en" ws:tier="1" xmlUrl="https://wire.example/rss" htmlUrl="https://wire.example/"/>
                </outline>
                <outline text="Top" type="rss" xmlUrl="https://top.example/feed" category="/tech"/>
              </body>
            </opml>
            """
        var doc = try OPMLDocument(parsing: Array(source.utf8))
        let reread = try OPMLDocument(parsing: Array(doc.serialized().utf8))
        #expect(reread.serialized() == doc.serialized())
        let text = doc.serialized()
        for kept in ["<title>Feeds &amp; more</title>", "<ownerName>Desk</ownerName>", "<docs>http://opml.org/spec2.opml</docs>",
                     "xmlns:ws=\"https://wirescore.example/ns\"", "ws:tier=\"1\"", "language=\"en\"", "description=\"folder\""] {
            #expect(text.contains(kept), "lost \(kept):\n\(text)")
        }
        #expect(doc.feedOutlines.map { $0.element.attribute("xmlurl") } == ["https://wire.example/rss", "https://top.example/feed"])
        #expect(doc.feedOutlines.first?.folders == ["Markets"])
        // The flattened view a run uses is unchanged by the round trip.
        let before = try OPMLParser().parse(Array(source.utf8)), after = try OPMLParser().parse(Array(text.utf8))
        #expect(after.map(\.xmlUrl) == before.map(\.xmlUrl))
        #expect(after.map(\.title) == before.map(\.title))
        #expect(after.map(\.category) == before.map(\.category))
        #expect(after.map(\.htmlUrl) == before.map(\.htmlUrl))

        #expect(doc.removeOutlines { $0.attribute("xmlUrl") == "https://wire.example/rss" } == 1)
        doc.appendOutline([.init(name: "text", value: "New & Co"), .init(name: "xmlUrl", value: "https://new.example/rss")])
        let edited = try OPMLParser().parse(Array(doc.serialized().utf8))
        #expect(edited.compactMap(\.xmlUrl) == ["https://top.example/feed", "https://new.example/rss"])
        #expect(edited.last?.title == "New & Co")
        #expect(doc.serialized().contains("<outline text=\"Markets\" description=\"folder\"/>"))
    }
}
