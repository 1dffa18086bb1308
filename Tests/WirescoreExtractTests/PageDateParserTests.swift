import Foundation
import Testing
import WirescoreCore
@testable import WirescoreExtract

@Suite struct PageDateParserTests {
    @Test(arguments: [
        ("2024-03-05T09:30:00+01:00", "2024-03-05T08:30:00Z"),
        ("2024-03-05T09:30:00.123Z", "2024-03-05T09:30:00Z"),
        ("2024-03-05T09:30-0500", "2024-03-05T14:30:00Z"),
        ("2024-03-05 09:30:00", "2024-03-05T09:30:00Z"),
        ("2024-03-05", "2024-03-05T00:00:00Z"),
        ("2024/3/5", "2024-03-05T00:00:00Z"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00Z"),
        ("Tue, 5 Mar 2024 09:30:00 +0200", "2024-03-05T07:30:00Z"),
        ("March 5, 2024 3:15 PM EST", "2024-03-05T20:15:00Z"),
        ("05.03.2024", "2024-03-05T00:00:00Z"),
    ])
    func parses(raw: String, expected: String) {
        #expect(PageDateParser.parse(raw).map(UTCTimestamp.rfc3339) == expected)
    }

    @Test(arguments: ["", "yesterday", "2024-13-01", "2023-02-29", "Mar 2024", "1200-01-01"])
    func rejects(raw: String) {
        #expect(PageDateParser.parse(raw) == nil)
    }

    @Test func urlDates() {
        #expect(PageDateParser.dateInURL("https://a.example/news/2021/12/31/story").map(UTCTimestamp.rfc3339) == "2021-12-31T00:00:00Z")
        #expect(PageDateParser.dateInURL("https://a.example/2021-06-01-story").map(UTCTimestamp.rfc3339) == "2021-06-01T00:00:00Z")
        #expect(PageDateParser.dateInURL("https://a.example/story/12345") == nil)
    }
}
