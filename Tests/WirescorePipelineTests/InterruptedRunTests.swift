import Foundation
import Testing
import WirescoreTestSupport

/// Runs cut short the ways a scheduler cuts them (SIGKILL, SIGTERM, SIGINT, `--max-duration`,
/// a page failing for a while), against a real HTTP server whose feed answers with an ETag and
/// then 304, as most real feeds do. Every item the feed listed must end up written exactly once,
/// although the feed never lists it again.
@Suite(.serialized)
struct InterruptedRunTests {
    /// A distinct article per `n`: words drawn from a vocabulary by a generator seeded with `n`,
    /// so two pages share no more than unrelated news texts do.
    static func page(_ n: Int) -> String {
        let vocabulary = ("orders margins shipments guidance pricing demand inventory capacity regulators lawsuit "
            + "dividend buyback merger chipmaker airline refinery lender insurer retailer brewer steelmaker "
            + "forecast downgrade upgrade recall strike layoffs hiring outage tariff subsidy quarter revenue "
            + "profit loss debt bonds shares investors analysts board chief officer factory plant mine port "
            + "contract customer supplier launch approval probe fine settlement verdict bankruptcy offering").split(separator: " ")
        var seed = UInt64(n) &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        let paragraphs = (0..<4).map { _ in
            "<p>" + (0..<45).map { _ in String(vocabulary[next() % vocabulary.count]) }.joined(separator: " ") + ".</p>"
        }.joined()
        return "<!doctype html><html lang=\"en\"><head><title>Report \(n)</title>"
            + "<meta property=\"article:published_time\" content=\"2026-11-19T09:30:00Z\"></head>"
            + "<body><article><h1>Report \(n)</h1>\(paragraphs)</article></body></html>"
    }

    static func feed(base: String, count: Int) -> [UInt8] {
        let items = (0..<count).map {
            "<item><title>Report \($0)</title><link>\(base)/a/\($0).html</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>"
        }
        return Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>\(base)/</link>\(items.joined())</channel></rss>".utf8)
    }

    /// A pipeline reading one feed from `server`, in a fresh directory.
    static func setUp(_ server: TestHTTPServer, feedPath: String = "/feed.xml", concurrency: Int = 8,
                      extraFetch: String = "") throws -> String {
        let dir = try RepositoryPaths.temporaryDirectory("interrupted")
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline type="rss" text="Wire" xmlUrl="\(server.url(feedPath))"/>
            </body></opml>
            """
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let pipeline = """
            name: interrupted
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: true
              concurrency: \(concurrency)
              timeout: 30
            \(extraFetch)
            extract:
              min_words: 20
            """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))
        return dir
    }

    static func articleURLs(_ dir: String) throws -> [String] {
        try readPartition(dir + "/out", kind: "articles").compactMap { $0["url"] as? String }
    }

    /// The feed answers 304 on the second run; a page that answered 503 the first time must be
    /// fetched again all the same.
    @Test func aTransientFailureBehindA304FeedIsRetried() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/feed.xml", .conditional(etag: "\"v1\"", lastModified: nil, body: Self.feed(base: server.baseURL, count: 2)))
        server.route("/a/0.html", .ok(Self.page(0), contentType: "text/html"))
        server.route("/a/1.html", .sequence([.status(503), .ok(Self.page(1), contentType: "text/html")]))
        let dir = try Self.setUp(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let first = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.articleURLs(dir).count == 1)
        #expect(first.stdout.contains("open=1"), "\(first.stdout)")

        let second = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("not_modified=1"), "\(second.stdout)")
        #expect(Set(try Self.articleURLs(dir)) == [server.url("/a/0.html"), server.url("/a/1.html")])
        #expect(second.stdout.contains("open=0"), "\(second.stdout)")

        // Settled now: a third run fetches no page.
        let pageHits = server.requests.filter { $0.path.hasPrefix("/a/") }.count
        let third = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(third.status == 0)
        #expect(server.requests.filter { $0.path.hasPrefix("/a/") }.count == pageHits)
        #expect(try Self.articleURLs(dir).count == 2)
    }

    /// `signal`, sent once the server has received the first request of each of `count` pages
    /// (which hang on it): a stop while every page is in flight, whatever the machine's load.
    static func onceEveryPageIsInFlight(_ server: TestHTTPServer, count: Int, _ signal: Int32) -> BinaryRun.Interrupt {
        BinaryRun.Interrupt(signal: signal) { server.requests.filter { $0.path.hasPrefix("/a/") }.count >= count }
    }

    /// Pages that hang on their first request, so the signal lands while they are in flight.
    static func hangingSite(_ server: TestHTTPServer, count: Int) {
        server.route("/feed.xml", .conditional(etag: "\"v1\"", lastModified: "Thu, 19 Nov 2026 09:00:00 GMT",
                                               body: Self.feed(base: server.baseURL, count: count)))
        for n in 0..<count {
            server.route("/a/\(n).html", .sequence([.delayed(.seconds(20), then: .ok(Self.page(n), contentType: "text/html")),
                                                    .ok(Self.page(n), contentType: "text/html")]))
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheRunGracefullyAndTheNextRunFinishesIt(signal: Int32) async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        Self.hangingSite(server, count: 4)
        let dir = try Self.setUp(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let stopped = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60,
                                                      interrupt: Self.onceEveryPageIsInFlight(server, count: 4, signal))
        #expect(!stopped.timedOut)
        #expect(stopped.endedBySignal == signal, "status \(stopped.status): \(stopped.stderr)")
        // Documented: stopped within the 10 s grace period (past it the process exits at once,
        // without the summary checked below). The bound only has to be below 10 s.
        #expect((stopped.secondsAfterInterrupt ?? 99) < 9, "took \(stopped.secondsAfterInterrupt ?? -1) s to stop")
        // The summary is printed, the in-flight items handed back and left open.
        #expect(stopped.stdout.contains("deferred=4"), "\(stopped.stdout)")
        #expect(stopped.stdout.contains("open=4"), "\(stopped.stdout)")
        #expect(stopped.stdout.contains("stopped_by=SIG"), "\(stopped.stdout)")

        try await Self.expectFullRunsFinish(dir, articles: 4)
    }

    /// Full runs after an interrupted one: each exits 0 with the feed answering 304, and
    /// together they leave every article written exactly once.
    static func expectFullRunsFinish(_ dir: String, articles: Int, runs: Int = 1) async throws {
        for _ in 0..<runs {
            let next = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stdout.contains("not_modified=1"), "\(next.stdout)")
        }
        let urls = try articleURLs(dir)
        #expect(urls.count == articles && Set(urls).count == articles, "\(urls.count) of \(articles)")
    }

    @Test func aKilledRunLosesNothingBehindA304() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        Self.hangingSite(server, count: 4)
        let dir = try Self.setUp(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let killed = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60,
                                                     interrupt: Self.onceEveryPageIsInFlight(server, count: 4, SIGKILL))
        #expect(killed.endedBySignal == SIGKILL)
        try await Self.expectFullRunsFinish(dir, articles: 4, runs: 2)
    }

    @Test func maxDurationLeavesTheRestToTheNextRun() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let count = 10
        server.route("/feed.xml", .conditional(etag: "\"v1\"", lastModified: nil, body: Self.feed(base: server.baseURL, count: count)))
        for n in 0..<count {
            server.route("/a/\(n).html", .delayed(.seconds(2), then: .ok(Self.page(n), contentType: "text/html")))
        }
        let dir = try Self.setUp(server, concurrency: 2)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // Ten 2-second pages two at a time need 10 s; a 3-second budget leaves most for the next
        // run while the feed itself (answered at once) is settled well before it, even on a
        // loaded machine (a 1-second budget could end before the feed's validators were saved).
        let short = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml", "--max-duration", "3"], timeout: 60)
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stdout.contains("stopped_by=deadline"), "\(short.stdout)")
        let written = try Self.articleURLs(dir).count
        #expect(written < count, "the deadline deferred nothing: \(short.stdout)")

        try await Self.expectFullRunsFinish(dir, articles: count)
    }
}
