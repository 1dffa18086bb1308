import Foundation
import Testing
@testable import WirescoreCore

struct JSONWriterTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .string("a\"b\\c\nd\u{01}")), ("a", .int(-3)), ("m", .array([.null, .bool(true), .double(0.25)])),
        ])
        #expect(value.serialized() == #"{"z":"a\"b\\c\nd\u0001","a":-3,"m":[null,true,0.25]}"#)
    }

    @Test func escapesLineSeparatorsSoRecordsStayOnOneLine() {
        #expect(JSONValue.string("x\u{2028}y\u{2029}é").serialized() == "\"x\\u2028y\\u2029é\"")
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity), .double(2)]).serialized() == "[null,null,2]")
    }
}

struct UTCTimestampTests {
    @Test func formatsAndParsesDays() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 7)))
        #expect(UTCTimestamp.rfc3339(date) == "2024-02-29T23:59:07Z")
        #expect(UTCTimestamp.day(date) == "2024-02-29")
        #expect(UTCTimestamp.parseDay("2024-02-29") != nil)
        #expect(UTCTimestamp.parseDay("2023-02-29") == nil)
        #expect(UTCTimestamp.parseDay("2023-2-01") == nil)
    }

    @Test func parsesWhatItWrites() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2026, month: 11, day: 21, hour: 18, minute: 5, second: 39)))
        #expect(UTCTimestamp.parseRFC3339(UTCTimestamp.rfc3339(date)) == date)
        #expect(UTCTimestamp.parseRFC3339("2026-11-21T18:05:39+01:00") == nil)
        #expect(UTCTimestamp.parseRFC3339("2026-02-30T00:00:00Z") == nil)
    }

    @Test func appliesOffsets() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2026, month: 1, day: 1, hour: 1), offsetSeconds: 2 * 3600))
        #expect(UTCTimestamp.rfc3339(date) == "2025-12-31T23:00:00Z")
    }

    @Test func handlesDatesBeforeEpoch() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 1969, month: 12, day: 31, hour: 12)))
        #expect(UTCTimestamp.rfc3339(date) == "1969-12-31T12:00:00Z")
    }
}

struct StableHashTests {
    @Test func isStableAndWide() {
        #expect(StableHash.hex128("https://example.com/a") == StableHash.hex128("https://example.com/a"))
        #expect(StableHash.hex128("https://example.com/a").count == 32)
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.hex128("a") != StableHash.hex128("b"))
    }

    @Test func countsWords() {
        #expect(WordCount.count("Q3 revenue rose 12% to $4.5bn; the company's outlook is well-known.") == 11)
        #expect(WordCount.count("Sales of 1,200 units - up 3.5%.") == 6)
        #expect(WordCount.count("") == 0)
    }
}

struct URLCanonicalizerTests {
    @Test func dropsTrackingFragmentsAndDefaultPorts() {
        #expect(URLCanonicalizer.canonical("HTTPS://News.Example:443/a/b?utm_source=x&id=7&fbclid=z#top")
                == "https://news.example/a/b?id=7")
        #expect(URLCanonicalizer.canonical("http://news.example") == "http://news.example/")
        #expect(URLCanonicalizer.canonical("not a url") == nil)
    }

    @Test func idIgnoresSchemeAndTracking() {
        #expect(URLCanonicalizer.articleID(for: "http://news.example/a?utm_medium=rss")
                == URLCanonicalizer.articleID(for: "https://NEWS.example/a"))
        #expect(URLCanonicalizer.articleID(for: "https://news.example/a")
                != URLCanonicalizer.articleID(for: "https://news.example/b"))
    }

    @Test func resolvesRelativeLinks() {
        #expect(URLCanonicalizer.resolve("../p/x.html", against: "file:///repo/Feeds/sample/feed.xml")
                == "file:///repo/Feeds/p/x.html")
        #expect(URLCanonicalizer.resolve("https://a.example/x", against: nil) == "https://a.example/x")
    }
}
