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
}
