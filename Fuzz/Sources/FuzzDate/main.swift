import FuzzSupport
import Foundation
import WirescoreCore
import WirescoreExtract
import WirescoreFeeds

/// Date parsing: the bytes (as UTF-8, repaired) go through every date parser the pipeline
/// uses: feed dates (RFC 822, W3C-DTF, localised month names...), page dates, dates in URLs,
/// RFC 3339 and partition days. Any date returned must also format without trapping.
func fuzzDate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(start, count), as: UTF8.self)
    let dates = [FeedDateParser.parse(text), PageDateParser.parse(text), PageDateParser.dateInURL(text),
                 UTCTimestamp.parseRFC3339(text), UTCTimestamp.parseDay(text)]
    for case let date? in dates {
        _ = UTCTimestamp.rfc3339(date)
        _ = UTCTimestamp.day(date)
    }
    return 0
}

/// What libFuzzer's own `main` (linked in, though `main` is ours) expects to find.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 { fuzzDate(data, count) }

runFuzzer { fuzzDate($0, $1) }
