import Foundation
import Testing
import WirescoreCore
@testable import WirescoreFeeds

@Suite struct FeedDateParserTests {
    func utc(_ s: String) -> String? { FeedDateParser.parse(s).map(UTCTimestamp.rfc3339) }

    @Test(arguments: [
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
        ("10 Jun 2003 04:00 PDT", "2003-06-10T11:00:00Z"),
        ("Sat, 1 Feb 97 12:30:00 Z", "1997-02-01T12:30:00Z"),
        ("Wed, 5 Mar 2025 10:00:00 -03:30", "2025-03-05T13:30:00Z"),
        ("Mon, 3 March 2025 10:00:00 UT", "2025-03-03T10:00:00Z"),
        ("Fri Mar  7 09:05:01 2025", "2025-03-07T09:05:01Z"),
        ("2025-03-07T09:05:01Z", "2025-03-07T09:05:01Z"),
        ("2025-03-07T09:05:01.123456+05:30", "2025-03-07T03:35:01Z"),
        ("20250307T090501Z", "2025-03-07T09:05:01Z"),
        ("2025-03-07", "2025-03-07T00:00:00Z"),
        ("2025-03", "2025-03-01T00:00:00Z"),
        ("2025-066", "2025-03-07T00:00:00Z"),
        ("2025-03-07 09:05", "2025-03-07T09:05:00Z"),
    ])
    func accepts(_ input: String, _ expected: String) {
        #expect(utc(input) == expected)
    }

    @Test(arguments: ["", "garbage", "Tue, 32 Jun 2003 04:00:00 GMT", "2003-13-01", "2025-02-29",
                      "2025-03-07T25:00:00Z", "2025-03-07T10:00:00+25:00", "Tue, 10 Foo 2003 04:00:00 GMT",
                      "2025-03-07T09:05:01Zjunk", "12:00"])
    func rejects(_ input: String) {
        #expect(utc(input) == nil)
    }
}
