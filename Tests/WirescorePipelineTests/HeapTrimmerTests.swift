import Foundation
import Testing
@testable import WirescorePipeline

@Suite struct HeapTrimmerTests {
    #if canImport(Glibc)
    /// The trimmer finds glibc's malloc_trim at run time (it is not in Swift's Glibc module), and
    /// trimming after freeing a large block of small allocations succeeds.
    @Test func findsAndCallsMallocTrim() throws {
        let trim = try #require(HeapTrimmer.mallocTrim)
        var blocks: [[UInt8]] = (0..<2000).map { _ in [UInt8](repeating: 1, count: 4096) }
        #expect(blocks.count == 2000)
        blocks.removeAll()
        #expect(trim(0) >= 0)
    }
    #endif

    @Test func trimsAtMostOncePerInterval() {
        var trimmer = HeapTrimmer(interval: 10)
        let start = Date()
        trimmer.trimIfDue(now: start.addingTimeInterval(11))
        #expect(trimmer.lastTrim == start.addingTimeInterval(11))
        trimmer.trimIfDue(now: start.addingTimeInterval(15))
        #expect(trimmer.lastTrim == start.addingTimeInterval(11))
        trimmer.trimIfDue(now: start.addingTimeInterval(21.5))
        #expect(trimmer.lastTrim == start.addingTimeInterval(21.5))
    }
}
