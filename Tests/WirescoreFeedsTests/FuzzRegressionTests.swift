import Foundation
import Testing
import WirescoreCore
import WirescoreFeeds

/// Inputs that crashed a fuzz harness (scripts/fuzz), kept as regression tests. Each once
/// trapped the process; now each must simply parse (or not) and return. The raw crasher files
/// are also kept in Fuzz/regressions/ and replayed by scripts/fuzz.
struct FuzzRegressionTests {
    /// FuzzDate: a digit run inside an RFC 822 time ("3888…8:") overflowed Int while being read,
    /// before its length was checked; likewise the parts of a YYYY/MM/DD date and the numbers of
    /// a Korean date.
    @Test(arguments: [
        "Mar024 3" + String(repeating: "8", count: 41) + ":ch 5, 2024 M2024 Ma",
        "Thu, 19 Nov 2026 " + String(repeating: "9", count: 30) + ":00:00 GMT",
        "2026/" + String(repeating: "1", count: 30) + "/19 12:00:00",
        "2026/11/" + String(repeating: "7", count: 25),
        "2004년 05월 " + String(repeating: "9", count: 30) + "일 01:31:15",
        "2004-05-25 오후 " + String(repeating: "1", count: 40) + ":23:17",
    ])
    func longDigitRunsInDatesDoNotTrap(_ text: String) {
        #expect(FeedDateParser.parse(text) == nil)
    }

    /// FuzzFeed: an Atom `<updated>` whose fraction of a second ran to 20 digits overflowed Int
    /// in the ISO 8601 reader (Fuzz/regressions/FuzzFeed/atom-long-fraction).
    @Test func longFractionOfASecondDoesNotTrap() throws {
        // 20 fraction digits (the most the reader takes) once overflowed; now they read.
        let text = "2026-03-01T09:30:00.25" + String(repeating: "9", count: 18) + "-05:00"
        #expect(FeedDateParser.parse(text).map(UTCTimestamp.rfc3339) == "2026-03-01T14:30:00Z")
        // The crasher's 70-digit fraction is more than the reader takes: no date, no trap.
        #expect(FeedDateParser.parse("2026-03-01T09:30:00.25" + String(repeating: "0", count: 68) + "-05:00") == nil)
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>e</title>"
            + "<link href=\"https://a.example/1\"/><updated>\(text)</updated></entry></feed>"
        let doc = try FeedParser().parse(Array(atom.utf8), url: nil, contentType: nil)
        #expect(doc.entries.first?.updatedParsed.map(UTCTimestamp.rfc3339) == "2026-03-01T14:30:00Z")
    }

    @Test func saturatingDigitsStillReadNormalDates() throws {
        let date = try #require(FeedDateParser.parse("2026/11/19 12:30:00"))
        #expect(Int(date.timeIntervalSince1970) == 1_795_091_400)
        let korean = try #require(FeedDateParser.parse("2004년 05월 28일 01:31:15"))
        #expect(Int(korean.timeIntervalSince1970) == 1_085_675_475)
    }
}
