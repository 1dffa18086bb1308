import Foundation
import Testing
import WirescoreCore

/// The line the ingest writer splices together must be the record's own serialization.
@Suite struct ArticleLineTests {
    func record(optionalsSet: Bool) -> ArticleRecord {
        var r = ArticleRecord(id: "a1", url: "https://example.com/a?x=\"1\"", canonicalURL: optionalsSet ? "https://example.com/a" : nil,
                              feed: "f", source: "example.com", title: "Acme \u{2014} \"quoted\"\n", author: optionalsSet ? "Zoë" : nil,
                              lang: "en", published: optionalsSet ? Date(timeIntervalSince1970: 1_763_700_000) : nil,
                              fetched: Date(timeIntervalSince1970: 1_763_700_100), text: "Line one.\n\nLine two \\ tab\t.",
                              words: 6, quality: Quality(status: .thin, reasons: ["short"]), pipeline: "p", version: "0.1.0")
        if optionalsSet {
            r.sentiment = .object([("score", .double(0.25)), ("label", .string("positive"))])
            r.entities = .array([.object([("id", .string("ACME"))])])
        }
        return r
    }

    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func splicedLineEqualsTheWholeSerialization(_ optionalsSet: Bool, _ includeText: Bool) {
        var r = record(optionalsSet: optionalsSet)
        let line = r.lineAroundStory(includeText: includeText)
        #expect(line.line(story: nil) == r.json(includeText: includeText).serialized())
        let story: JSONValue = .object([("id", .string("a0")), ("novelty", .int(75)), ("first_seen", .string("2026-11-21T00:00:00Z"))])
        r.story = story
        #expect(line.line(story: story) == r.json(includeText: includeText).serialized())
        #expect(line.line(story: story).contains(",\"story\":{\"id\":\"a0\""))
    }
}
