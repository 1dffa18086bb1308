import Foundation
import Testing
import WirescoreCore

/// The record serializes once, with DESIGN.md's key order, whatever fields the steps set.
@Suite struct ArticleRecordTests {
    func record() -> ArticleRecord {
        ArticleRecord(id: "a1", url: "https://user:pw@example.com/a?x=\"1\"", canonicalURL: "https://example.com/a",
                      feed: "f", source: "example.com", title: "Acme \u{2014} \"quoted\"\n", author: "Zoë",
                      lang: "en", published: Date(timeIntervalSince1970: 1_763_700_000),
                      fetched: Date(timeIntervalSince1970: 1_763_700_100), text: "Line one.\n\nLine two \\ tab\t.",
                      words: 6, quality: Quality(status: .thin, reasons: ["short"]), pipeline: "p", version: "0.1.0")
    }

    func keys(_ line: String) throws -> [String] {
        // Keys of the top-level object in order: read with a scanner that respects strings.
        var keys: [String] = [], depth = 0, inString = false, escaped = false, current = "", afterKey = false
        for ch in line {
            if inString {
                if escaped { escaped = false; current.append(ch); continue }
                if ch == "\\" { escaped = true; current.append(ch); continue }
                if ch == "\"" { inString = false; afterKey = depth == 1; continue }
                current.append(ch)
                continue
            }
            switch ch {
            case "\"": inString = true; current = ""
            case ":" where afterKey && depth == 1: keys.append(current); afterKey = false
            case "{", "[": depth += 1; afterKey = false
            case "}", "]": depth -= 1; afterKey = false
            default: afterKey = false
            }
        }
        return keys
    }

    @Test func onlyTheFieldsThatStepsSetAreWrittenInOrder() throws {
        var r = record()
        #expect(try keys(r.line()) == ["id", "url", "canonical_url", "feed", "source", "title", "author", "lang", "published",
                                       "fetched", "text", "words", "quality", "pipeline", "version"])
        #expect(!r.line().contains("pw@"), "userinfo is never written")
        r.story = StoryField(id: "a0", novelty: 75, firstSeen: Date(timeIntervalSince1970: 1_763_683_200))
        r.sentiment = SentimentField(score: 0.25, label: "positive")
        r.entities = [EntityField(id: "ACME", name: "Acme", type: "company", exchange: nil, sector: "Industrials",
                                  mentions: 2, relevance: 100, sentiment: -0.5, label: "negative", evidence: "Acme fell.")]
        r.extensions = [(name: "events", value: .array([]))]
        let line = r.line(includeText: false)
        #expect(try keys(line) == ["id", "url", "canonical_url", "feed", "source", "title", "author", "lang", "published",
                                   "fetched", "words", "story", "sentiment", "entities", "events", "quality", "pipeline", "version"])
        #expect(line.contains(#""story":{"id":"a0","novelty":75,"first_seen":"2025-11-21T00:00:00Z"}"#), "\(line)")
        #expect(line.contains(#""entities":[{"id":"ACME","name":"Acme","type":"company","exchange":null,"sector":"Industrials","mentions":2,"relevance":100,"sentiment":-0.5,"label":"negative","evidence":"Acme fell."}]"#))
        #expect(r.entityIDs == ["ACME"])
        let parsed = try JSONSerialization.jsonObject(with: Data(r.line().utf8)) as? [String: Any]
        #expect(parsed?["title"] as? String == "Acme \u{2014} \"quoted\"\n")
    }
}
