import Testing
@testable import WirescoreFetch

/// The caps are divided between loop threads so that their sums are the policy's.
struct FetcherLanesTests {
    @Test func sharesAddUpToTheCap() {
        for total in [1, 2, 3, 4, 5, 32, 33] {
            for lanes in 1...4 where lanes <= total {
                let shares = (0..<lanes).map { Fetcher.share(of: total, lane: $0, lanes: lanes) }
                #expect(shares.reduce(0, +) == total, "total \(total) over \(lanes)")
                #expect(shares.allSatisfy { $0 >= 1 })
            }
        }
    }

    @Test func laneCountNeverExceedsThePerHostCap() throws {
        var policy = FetchPolicy(userAgent: "wirescore-test", maxPerHost: 1)
        policy.loopThreads = 4
        let single = try Fetcher(policy: policy)
        #expect(single.loopCount == 1)
        policy.maxPerHost = 8
        let several = try Fetcher(policy: policy)
        #expect(several.loopCount == 4)
        single.shutdown(); several.shutdown()
    }
}
