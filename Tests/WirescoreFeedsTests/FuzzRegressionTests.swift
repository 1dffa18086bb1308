import Foundation
import Testing
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

    @Test func saturatingDigitsStillReadNormalDates() throws {
        let date = try #require(FeedDateParser.parse("2026/11/19 12:30:00"))
        #expect(Int(date.timeIntervalSince1970) == 1_795_091_400)
        let korean = try #require(FeedDateParser.parse("2004년 05월 28일 01:31:15"))
        #expect(Int(korean.timeIntervalSince1970) == 1_085_675_475)
    }
}
