import Foundation
import Logging
import Testing
@testable import WirescorePipeline
import WirescoreCore
import WirescoreFetch
import WirescoreStore
import WirescoreTestSupport

/// The robots.txt cache against a real server: verdicts, the Crawl-delay cap, and the file
/// kept in run state for the next run.
@Suite struct RobotsCacheTests {
    @Test func verdictsComeFromTheSiteAndOutliveTheRun() async throws {
        let server = TestHTTPServer(routes: [
            "/robots.txt": .ok("User-agent: *\nDisallow: /members/\nCrawl-delay: 60\n"),
        ])
        try server.start()
        defer { server.stop() }
        let harness = try Harness("robots-cache")
        defer { harness.close() }
        let state = harness.state
        let first = harness.cache()
        // Pages of one site asked together share one fetch.
        async let a = first.verdict(for: server.url("/news/1"))
        async let b = first.verdict(for: server.url("/members/1"))
        let (news, members) = await (a, b)
        #expect(news == .allowed(crawlDelay: .seconds(2)))   // 60 asked, capped at 2
        #expect(members == .disallowed)
        #expect(await first.verdict(for: "file:///tmp/page.html") == .allowed(crawlDelay: nil))
        #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)

        // A new run reads the kept file from run state instead of asking again.
        let second = harness.cache()
        #expect(await second.verdict(for: server.url("/members/2")) == .disallowed)
        #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)
        let kept = try #require(try state.store.robots(for: server.baseURL))
        #expect(kept.answer == .rules)
        #expect(kept.expiresAt > Date().addingTimeInterval(23 * 3600))

        // A site whose robots.txt is missing (404) allows everything.
        let other = TestHTTPServer()
        try other.start()
        defer { other.stop() }
        #expect(await second.verdict(for: other.url("/members/1")) == .allowed(crawlDelay: nil))
        #expect(try state.store.robots(for: other.baseURL)?.answer == .allowAll)
    }

    /// The site's `Cache-Control` sets how long its answer is kept, within 15 minutes and 24 hours.
    @Test func aSitesCacheControlSetsHowLongItsAnswerIsKept() async throws {
        let server = TestHTTPServer(routes: [
            "/robots.txt": .respond(status: 200, headers: [.init("Cache-Control", "public, max-age=3600")],
                                    body: Array("User-agent: *\nDisallow: /members/\n".utf8)),
        ])
        try server.start()
        defer { server.stop() }
        let harness = try Harness("robots-cache-control")
        defer { harness.close() }
        #expect(await harness.cache().verdict(for: server.url("/members/1")) == .disallowed)
        let kept = try #require(try harness.state.store.robots(for: server.baseURL))
        #expect(abs(kept.expiresAt.timeIntervalSince(kept.fetchedAt) - 3600) < 1)
    }

    /// The origin of an already-canonical link is read off its bytes; every other link goes
    /// through URLComponents. Both ways give the same origin over ordinary and odd links.
    @Test func originsReadOffTheBytesAgreeWithURLComponents() {
        let urls = [
            "http://127.0.0.1:42157/a0000/00000.html", "https://news.example/a/b", "http://news.example:80/a",
            "https://news.example:443/a", "https://news.example:8443/a?x=1", "HTTP://News.Example/a", "http://news.example",
            "https://user:pw@news.example/a", "http://[::1]:8080/a", "ftp://news.example/a", "http://a-b.example/%41",
            "http://example.com./a", "http://xn--bcher-kva.example/a", "https://news.example:080/a", "not a url",
        ]
        var plain = 0
        for url in urls {
            if URLCanonicalizer.plainOrigin(of: url) != nil { plain += 1 }
            #expect(RobotsCache.origin(of: url) == RobotsCache.originByComponents(url), "\(url)")
        }
        #expect(plain >= 3)
        #expect(RobotsCache.origin(of: "http://127.0.0.1:42157/a0000/00000.html") == "http://127.0.0.1:42157")
    }

    @Test func cacheControlIsReadAsHTTPCachesReadIt() {
        let day: TimeInterval = 24 * 3600, least: TimeInterval = 15 * 60
        #expect(RobotsCache.lifetime(cacheControl: nil) == day)
        #expect(RobotsCache.lifetime(cacheControl: "public") == day)
        #expect(RobotsCache.lifetime(cacheControl: "max-age=7200") == 7200)
        #expect(RobotsCache.lifetime(cacheControl: "Max-Age = \"7200\" , public") == 7200)
        #expect(RobotsCache.lifetime(cacheControl: "max-age=604800") == day)       // a week: capped
        #expect(RobotsCache.lifetime(cacheControl: "max-age=0") == least)          // not every page
        #expect(RobotsCache.lifetime(cacheControl: "max-age=60, no-cache") == least)
        #expect(RobotsCache.lifetime(cacheControl: "no-store") == least)
        #expect(RobotsCache.lifetime(cacheControl: "max-age=-5") == day)          // not delta-seconds
        #expect(RobotsCache.lifetime(cacheControl: "max-age=99999999999999999999") == day)
    }
}

/// Run state in a fresh directory and a fetcher allowed to reach 127.0.0.1, for one test.
private struct Harness {
    let dir: String
    let fetcher: Fetcher
    let state: RunState

    init(_ name: String) throws {
        dir = try RepositoryPaths.temporaryDirectory(name)
        var policy = FetchPolicy(userAgent: "wirescore-test")
        policy.allowPrivateNetworks = true
        fetcher = try Fetcher(policy: policy)
        state = RunState(store: try StateStore(directory: dir))
    }

    /// A cache as a new run makes one (Crawl-delay capped at 2 s).
    func cache() -> RobotsCache {
        RobotsCache(fetcher: fetcher, state: state, stop: RunStop(), maxCrawlDelay: 2, logger: Logger(label: "test"))
    }

    func close() {
        fetcher.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }
}
