import Foundation
import Testing
import WirescoreOutput

/// Every path `OutputLayout` hands out stays inside the output root, whatever the day string:
/// traversal, absolute paths, NUL, signs and very long strings are refused (nil), never joined.
struct OutputLayoutPathTests {
    let layout = OutputLayout(root: "/srv/wirescore/out", shard: 3)

    @Test(arguments: [
        "../../etc", "2026-11-19/../../../etc/passwd", "/etc/passwd", "2026-11-19\u{0}", "..", ".",
        "2026-11-19/x", "+202-11-19", "-001-11-19", "2026-1-019", "２０２６-11-19", "2026-11-19 ",
        String(repeating: "9", count: 5000), "", "2026-13-01", "2026-02-30",
    ])
    func hostileDaysAreRefused(_ day: String) {
        for kind in OutputLayout.Kind.allCases {
            #expect(layout.partFile(kind, day: day) == nil, "\(kind) accepted \(day.debugDescription)")
            #expect(layout.partitionDirectory(kind, day: day) == nil)
        }
    }

    @Test func validDaysStayUnderTheRoot() throws {
        for kind in OutputLayout.Kind.allCases {
            let path = try #require(layout.partFile(kind, day: "2026-11-19"))
            #expect(path == "/srv/wirescore/out/\(kind.rawValue)/date=2026-11-19/part-3.jsonl")
            #expect((path as NSString).standardizingPath == path)
        }
        #expect(layout.relativePath("/srv/wirescore/out/articles/date=2026-11-19/part-3.jsonl")
                == "articles/date=2026-11-19/part-3.jsonl")
    }
}
