import Foundation
import WirescoreCore
import WirescoreExtract
import WirescoreFeeds

/// Date parsing: the bytes (as UTF-8, repaired) go through every date parser the pipeline
/// uses: feed dates (RFC 822, W3C-DTF, localised month names...), page dates, dates in URLs,
/// RFC 3339 and partition days. Any date returned must also format without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let dates = [FeedDateParser.parse(text), PageDateParser.parse(text), PageDateParser.dateInURL(text),
                 UTCTimestamp.parseRFC3339(text), UTCTimestamp.parseDay(text)]
    for case let date? in dates {
        _ = UTCTimestamp.rfc3339(date)
        _ = UTCTimestamp.day(date)
    }
    return 0
}
