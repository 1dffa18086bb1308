import Foundation
import Testing
import WirescoreTestSupport

/// A site as users find it, served on 127.0.0.1: a homepage that links to its feed, a Google
/// News sitemap, and a robots.txt that disallows a section. Taken from `feeds add` through
/// two ingest runs with the real binary.
@Suite(.serialized)
struct SourcesInTheWildTests {
    /// An article page about an unnamed product launch (no company the matcher would find by
    /// itself, so a company in its record comes from the sitemap's stock ticker).
    static func article(_ title: String) -> String {
        """
        <!doctype html><html lang="en"><head><title>\(title)</title>
        <meta property="article:published_time" content="2026-11-19T09:30:00Z"></head>
        <body><nav><a href="/">Home</a></nav><article><h1>\(title)</h1>
        <p>The software group said on Thursday that its new cloud database had signed more than two hundred enterprise customers in its first quarter, well ahead of the internal plan set out in the spring.</p>
        <p>Executives told analysts that demand came mostly from banks and retailers moving older systems, and that the pipeline for the coming quarter was the strongest in the history of the division.</p>
        <p>Shares rose three percent in early trading as two brokers raised their price targets, citing faster growth and better margins than they had modelled before the results were published.</p>
        </article><footer>Copyright 2026</footer></body></html>
        """
    }

    static let homepage = """
        <!doctype html><html><head><title>Site Wire</title>
        <link rel="alternate" type="application/rss+xml" title="Site Wire" href="/feed.xml"></head>
        <body><h1>Site Wire</h1><a href="/news/feed-story.html">Story</a></body></html>
        """

    static func feed(_ base: String) -> String {
        """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Site Wire</title><link>\(base)/</link>
        <item><title>Feed story</title><link>\(base)/news/feed-story.html</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>
        <item><title>Members only</title><link>\(base)/members/briefing.html</link><pubDate>Thu, 19 Nov 2026 09:00:00 GMT</pubDate></item>
        </channel></rss>
        """
    }

    static func newsSitemap(_ base: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>\(base)/news/sitemap-story.html</loc><news:news>
          <news:publication><news:name>Site Wire</news:name><news:language>en</news:language></news:publication>
          <news:publication_date>2026-11-19T10:00:00Z</news:publication_date>
          <news:title>Cloud database wins two hundred customers</news:title>
          <news:stock_tickers>NASDAQ:MSFT</news:stock_tickers></news:news></url>
        <url><loc>\(base)/members/sitemap-only.html</loc><news:news>
          <news:publication><news:name>Site Wire</news:name><news:language>en</news:language></news:publication>
          <news:publication_date>2026-11-19T08:00:00Z</news:publication_date>
          <news:title>Members briefing</news:title></news:news></url>
        </urlset>
        """
    }

    static let robots = """
        User-agent: *
        Disallow: /members/

        Sitemap: /news-sitemap.xml
        """

    func site() throws -> TestHTTPServer {
        let server = TestHTTPServer()
        try server.start()
        let base = server.baseURL
        server.route("/", .ok(Self.homepage, contentType: "text/html; charset=utf-8"))
        server.route("/feed.xml", .conditional(etag: "\"f1\"", lastModified: nil, body: Array(Self.feed(base).utf8)))
        server.route("/news-sitemap.xml", .conditional(etag: "\"s1\"", lastModified: nil, body: Array(Self.newsSitemap(base).utf8)))
        server.route("/robots.txt", .ok(Self.robots))
        server.route("/news/feed-story.html", .ok(Self.article("Feed story"), contentType: "text/html; charset=utf-8"))
        server.route("/news/sitemap-story.html", .ok(Self.article("Cloud database wins customers"), contentType: "text/html; charset=utf-8"))
        server.route("/members/briefing.html", .ok(Self.article("Members briefing"), contentType: "text/html; charset=utf-8"))
        server.route("/members/sitemap-only.html", .ok(Self.article("Members only"), contentType: "text/html; charset=utf-8"))
        return server
    }

    func pipeline(in dir: String, extra: String = "") throws -> String {
        try Data("""
            <?xml version="1.0"?>
            <!-- the desk's list; feeds add keeps this comment -->
            <opml version="2.0"><head><title>wild</title></head><body>
            <outline type="rss" text="Placeholder" xmlUrl="file:/dev/null"/>
            </body></opml>
            """.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let path = dir + "/pipeline.yaml"
        try Data("""
            name: wild
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: true
              timeout: 5
            \(extra)
            extract:
              min_words: 20
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Replaces the pipeline's feed list with one RSS feed.
    func listOneFeed(named name: String, at url: String, in dir: String) throws {
        try listSources([("rss", name, url)], in: dir)
    }

    /// Replaces the pipeline's feed list with these outlines (type `rss` or `sitemap`).
    func listSources(_ outlines: [(type: String, text: String, url: String)], in dir: String) throws {
        let body = outlines.map { "<outline type=\"\($0.type)\" text=\"\($0.text)\" xmlUrl=\"\($0.url)\"/>" }.joined(separator: "\n")
        try Data("""
            <?xml version="1.0"?><opml version="2.0"><head/><body>
            \(body)
            </body></opml>
            """.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
    }

    @Test func aSiteIsIngestedFromFeedsAddOnwards() throws {
        let server = try site()
        defer { server.stop() }
        let base = server.baseURL
        let dir = try RepositoryPaths.temporaryDirectory("wild")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir)

        // The homepage names its feed; the sitemap URL is itself a source.
        let addFeed = try BinaryRun.run(["feeds", "add", base + "/", "--pipeline", pipeline])
        #expect(addFeed.status == 0, "\(addFeed.stderr)")
        #expect(addFeed.stdout.contains("found rss \(base)/feed.xml \"Site Wire\" (<link rel=alternate>)"), "\(addFeed.stdout)")
        #expect(addFeed.stdout.contains("added feed 'site-wire'"), "\(addFeed.stdout)")
        let addSitemap = try BinaryRun.run(["feeds", "add", base + "/news-sitemap.xml", "--title", "Site Wire News",
                                            "--pipeline", pipeline])
        #expect(addSitemap.status == 0, "\(addSitemap.stderr)")
        #expect(addSitemap.stdout.contains("found news sitemap \(base)/news-sitemap.xml"), "\(addSitemap.stdout)")
        // A second add of a listed URL is refused and changes nothing.
        let again = try BinaryRun.run(["feeds", "add", base + "/", "--pipeline", pipeline])
        #expect(again.status == 64, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("already listed as feed 'site-wire'"), "\(again.stderr)")
        let opml = try String(contentsOfFile: dir + "/feeds.opml", encoding: .utf8)
        #expect(opml.contains("<!-- the desk's list; feeds add keeps this comment -->"))
        #expect(opml.contains("type=\"sitemap\""), "\(opml)")
        #expect(opml.contains("htmlUrl=\"\(base)/\""), "\(opml)")
        // `feeds list` tells the two kinds apart.
        let listed = try BinaryRun.run(["feeds", "list", "--pipeline", pipeline, "--json"])
        #expect(listed.stdout.contains("\"id\":\"site-wire\"") && listed.stdout.contains("\"type\":\"feed\""), "\(listed.stdout)")
        #expect(listed.stdout.contains("\"id\":\"site-wire-news\""), "\(listed.stdout)")
        #expect(listed.stdout.split(separator: "\n").contains { $0.contains("site-wire-news") && $0.contains("\"type\":\"sitemap\"") },
                "\(listed.stdout)")

        // Drop the placeholder so the run is about the site alone.
        let removed = try BinaryRun.run(["feeds", "remove", "placeholder", "--pipeline", pipeline])
        #expect(removed.status == 0, "\(removed.stderr)")

        let first = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("feeds ok=2"), "\(first.stdout)")
        #expect(first.stdout.contains("articles new=2 "), "\(first.stdout)")
        #expect(first.stdout.contains(" robots=2 "), "\(first.stdout)")
        #expect(first.stdout.contains(" open=0 "), "\(first.stdout)")

        let articles = try readPartition(dir + "/out", kind: "articles")
        #expect(Set(articles.compactMap { $0["url"] as? String })
                == [base + "/news/feed-story.html", base + "/news/sitemap-story.html"])
        let fromSitemap = try #require(articles.first { ($0["url"] as? String)?.hasSuffix("sitemap-story.html") == true })
        let entities = (fromSitemap["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(entities.contains("MSFT"), "\(fromSitemap)")
        #expect(fromSitemap["feed"] as? String == "site-wire-news")
        // The disallowed pages were never requested and left no error line.
        let paths = server.requests.map(\.path)
        #expect(!paths.contains { $0.hasPrefix("/members/") }, "\(paths)")
        // (The test server's conditional routes send no XML media type: one malformed_feed
        // line for the feed, which is the feed's own problem, not a page's.)
        let errors = (try? readPartition(dir + "/out", kind: "errors")) ?? []
        #expect(errors.filter { $0["kind"] as? String == "article" }.isEmpty, "\(errors)")

        // The next run: feeds answer 304, nothing is re-fetched or re-counted, and robots.txt
        // comes from run state (asked once across both runs).
        let second = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("feeds ok=0 not_modified=2"), "\(second.stdout)")
        #expect(second.stdout.contains("articles new=0 ") && second.stdout.contains(" robots=0 "), "\(second.stdout)")
        #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)
    }

    @Test func aSiteWithoutFeedsGivesTheNewsSitemapItsRobotsNames() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        server.route("/", .ok("<!doctype html><html><head><title>No feeds</title></head><body>hi</body></html>",
                              contentType: "text/html"))
        server.route("/robots.txt", .ok("User-agent: *\nDisallow: /admin/\nSitemap: \(base)/sitemap.xml\nSitemap: \(base)/sitemap-news.xml\n"))
        // A general sitemap (not news) and a news one: only the news one is a source.
        server.route("/sitemap.xml", .ok("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>\(base)/about</loc></url></urlset>",
                                         contentType: "application/xml"))
        server.route("/sitemap-news.xml", .ok(Self.newsSitemap(base), contentType: "application/xml"))
        let dir = try RepositoryPaths.temporaryDirectory("wild-robots")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir)

        let add = try BinaryRun.run(["feeds", "add", base + "/", "--pipeline", pipeline])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("found news sitemap \(base)/sitemap-news.xml \"Site Wire\" (robots.txt Sitemap)"), "\(add.stdout)")
        #expect(!add.stdout.contains("\(base)/sitemap.xml"), "\(add.stdout)")
        #expect(add.stdout.contains("added sitemap 'site-wire'"), "\(add.stdout)")
        // Every well-known feed path was tried before robots.txt.
        #expect(server.requests.contains { $0.path == "/feed" } && server.requests.contains { $0.path == "/atom.xml" })

        // A site whose page names no feed but serves one at a well-known path.
        let other = TestHTTPServer()
        try other.start()
        defer { other.stop() }
        other.route("/", .ok("<html><head><title>Other</title></head><body>no links</body></html>", contentType: "text/html"))
        other.route("/atom.xml", .ok("""
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Other Wire</title>
            <id>urn:other</id><updated>2026-11-19T09:00:00Z</updated></feed>
            """, contentType: "application/atom+xml"))
        let wellKnown = try BinaryRun.run(["feeds", "add", other.baseURL + "/", "--pipeline", pipeline])
        #expect(wellKnown.status == 0, "\(wellKnown.stderr)")
        #expect(wellKnown.stdout.contains("found atom \(other.baseURL)/atom.xml \"Other Wire\" (well-known path)"), "\(wellKnown.stdout)")
        #expect(wellKnown.stdout.contains("added feed 'other-wire'"), "\(wellKnown.stdout)")

        let nothing = try BinaryRun.run(["feeds", "add", base + "/missing", "--pipeline", pipeline])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("answered HTTP 404"), "\(nothing.stderr)")
    }

    @Test func aSitemapIndexWithACycleAndFiftyThousandURLsIsBounded() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        server.route("/index.xml", .ok("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>\(base)/index.xml</loc></sitemap>
            <sitemap><loc>\(base)/big.xml.gz</loc></sitemap>
            </sitemapindex>
            """, contentType: "application/xml"))
        var big = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
        for i in 0..<50_000 {
            let minute = i / 60 % 60, second = i % 60, hour = i / 3600
            let stamp = String(format: "2026-11-19T%02d:%02d:%02dZ", hour, minute, second)
            big += "<url><loc>\(base)/p/\(i)</loc><news:news><news:publication_date>\(stamp)</news:publication_date></news:news></url>"
        }
        big += "</urlset>"
        server.route("/big.xml.gz", .respond(status: 200, headers: [.init("Content-Type", "application/x-gzip")],
                                             body: GzipStored.encode(Array(big.utf8))))
        for i in 49_997..<50_000 {
            server.route("/p/\(i)", .ok(Self.article("Story \(i)"), contentType: "text/html; charset=utf-8"))
        }
        let dir = try RepositoryPaths.temporaryDirectory("wild-index")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir, extra: "  max_items_per_feed: 3")
        try listSources([("sitemap", "Big index", base + "/index.xml")], in: dir)

        let run = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("feeds ok=1"), "\(run.stdout)")
        #expect(run.stdout.contains("articles new=3 "), "\(run.stdout)")
        // The newest three pages by publication date were fetched, nothing else.
        let pages = server.requests.map(\.path).filter { $0.hasPrefix("/p/") }
        #expect(Set(pages) == ["/p/49997", "/p/49998", "/p/49999"], "\(pages)")
        // The index naming itself is one error line about the cycle, read once.
        let errors = try readPartition(dir + "/out", kind: "errors")
        #expect(errors.count == 1, "\(errors)")
        #expect((errors.first?["reason"] as? String)?.contains("cycle") == true, "\(errors)")
        #expect(server.requests.filter { $0.path == "/index.xml" }.count == 1)
    }

    @Test func anUnreachableRobotsTxtHoldsPagesBackWithoutErrors() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        server.route("/feed.xml", .ok(Self.feed(base), contentType: "application/rss+xml"))
        server.route("/robots.txt", .status(503))
        let dir = try RepositoryPaths.temporaryDirectory("wild-503")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir)
        try listOneFeed(named: "Site", at: base + "/feed.xml", in: dir)

        let run = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("articles new=0 ") && run.stdout.contains(" robots=0 deferred=2 open=2 "), "\(run.stdout)")
        #expect(!server.requests.contains { $0.path.hasPrefix("/news/") || $0.path.hasPrefix("/members/") })
        // Within the disallow period the next run does not ask again, and the pages still wait.
        let again = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(again.stdout.contains(" deferred=2 open=2 "), "\(again.stdout)")
        #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)
        // With fetch.robots: false the pages are fetched at once.
        let off = try self.pipeline(in: dir, extra: "  robots: false")
        try listOneFeed(named: "Site", at: base + "/feed.xml", in: dir)
        let unchecked = try BinaryRun.run(["ingest", "--pipeline", off])
        #expect(unchecked.stdout.contains(" deferred=0 open=0 "), "\(unchecked.stdout)")
    }

    /// robots.txt is asked for every redirect hop, not only for the link in the feed: a page
    /// may redirect into a section its own host disallows, or to another host with rules of its
    /// own. Neither target may be requested; an allowed cross-host hop is fetched and recorded
    /// under its final URL.
    @Test func everyRedirectHopIsCheckedAgainstItsHostsRobotsTxt() throws {
        let origin = TestHTTPServer()
        try origin.start()
        defer { origin.stop() }
        let other = TestHTTPServer()
        try other.start()
        defer { other.stop() }
        let base = origin.baseURL
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Hops</title><link>\(base)/</link>
            <item><title>One</title><link>\(base)/go/private</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>
            <item><title>Two</title><link>\(base)/go/members</link><pubDate>Thu, 19 Nov 2026 09:20:00 GMT</pubDate></item>
            <item><title>Three</title><link>\(base)/go/story</link><pubDate>Thu, 19 Nov 2026 09:10:00 GMT</pubDate></item>
            </channel></rss>
            """
        origin.route("/feed.xml", .ok(feed, contentType: "application/rss+xml"))
        origin.route("/robots.txt", .ok("User-agent: *\nDisallow: /private/\n"))
        origin.route("/go/private", .redirect(to: "/private/briefing.html", status: 301))
        origin.route("/go/members", .redirect(to: other.baseURL + "/members/briefing.html"))
        origin.route("/go/story", .redirect(to: other.baseURL + "/news/story.html"))
        origin.route("/private/briefing.html", .ok(Self.article("Private briefing"), contentType: "text/html; charset=utf-8"))
        other.route("/robots.txt", .ok("User-agent: *\nDisallow: /members/\n"))
        other.route("/members/briefing.html", .ok(Self.article("Members briefing"), contentType: "text/html; charset=utf-8"))
        other.route("/news/story.html", .ok(Self.article("Moved story"), contentType: "text/html; charset=utf-8"))
        let dir = try RepositoryPaths.temporaryDirectory("wild-hops")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir)
        try listOneFeed(named: "Hops", at: base + "/feed.xml", in: dir)

        let run = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("articles new=1 ") && run.stdout.contains(" robots=2 "), "\(run.stdout)")
        #expect(!origin.requests.contains { $0.path.hasPrefix("/private/") })
        #expect(!other.requests.contains { $0.path.hasPrefix("/members/") })
        #expect(other.requests.filter { $0.path == "/robots.txt" }.count == 1)
        let articles = try readPartition(dir + "/out", kind: "articles")
        #expect(articles.compactMap { $0["url"] as? String } == [other.baseURL + "/news/story.html"])
    }

    /// Every hop of a redirect chain is in the raw archive as its own response, as a crawler's
    /// WARC keeps it, with robots.txt checks on or off; `reprocess` rebuilds the article from the
    /// final response and makes no error of the hops.
    @Test func redirectHopsAreArchivedAndReprocessRebuildsFromTheFinalResponse() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Hops</title><link>\(base)/</link>
            <item><title>Moved</title><link>\(base)/go/moved</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>
            </channel></rss>
            """
        server.route("/feed.xml", .ok(feed, contentType: "application/rss+xml"))
        server.route("/robots.txt", .ok("User-agent: *\nDisallow: /private/\n"))
        server.route("/go/moved", .redirect(to: "/news/moved-once", status: 302))
        server.route("/news/moved-once", .redirect(to: base + "/news/story.html", status: 301))
        server.route("/news/story.html", .ok(Self.article("Moved story"), contentType: "text/html; charset=utf-8"))

        for robots in ["true", "false"] {
            let dir = try RepositoryPaths.temporaryDirectory("wild-hop-archive")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let pipeline = try pipeline(in: dir, extra: "  robots: \(robots)")
            try listOneFeed(named: "Hops", at: base + "/feed.xml", in: dir)
            let run = try BinaryRun.run(["ingest", "--pipeline", pipeline])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("articles new=1 "), "robots \(robots): \(run.stdout)")
            let ingested = try readPartition(dir + "/out", kind: "articles")
            #expect(ingested.compactMap { $0["url"] as? String } == [base + "/news/story.html"])

            let warc = try HostileLinkTests.everythingWritten(dir + "/out/raw")
            #expect(warc.contains("WARC-Target-URI: \(base)/go/moved"), "robots \(robots)")
            #expect(warc.contains("WARC-Target-URI: \(base)/news/moved-once"), "robots \(robots)")
            #expect(warc.contains("WARC-Target-URI: \(base)/news/story.html"), "robots \(robots)")
            #expect(warc.contains("HTTP/1.1 302") && warc.contains("HTTP/1.1 301"), "robots \(robots)")
            #expect(warc.contains(#""role":"redirect""#) && warc.contains(#""location":"\#(base)/news/moved-once""#),
                    "robots \(robots)")
            #expect(warc.components(separatedBy: #""role":"redirect""#).count - 1 == 2, "robots \(robots)")

            let again = try BinaryRun.run(["reprocess", "--pipeline", pipeline, "--from", "2026-11-19", "--to", "2026-11-19"])
            #expect(again.status == 0, "\(again.stderr)")
            let rebuilt = try readPartition(dir + "/out", kind: "articles")
            #expect(rebuilt.compactMap { $0["id"] as? String } == ingested.compactMap { $0["id"] as? String })
            #expect(try readPartition(dir + "/out", kind: "errors").isEmpty, "robots \(robots)")
        }
    }

    @Test func feedAndSitemapRedirectsAreFollowedHopByHopArchivedAndBounded() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        // A feed that moved for good, a sitemap index that moved for good and names a child
        // that moved for now, and a feed lost in a redirect loop.
        server.route("/old/feed.xml", .redirect(to: "/feed.xml", status: 301))
        server.route("/feed.xml", .conditional(etag: "\"f1\"", lastModified: nil, body: Array(Self.feed(base).utf8)))
        server.route("/old/index.xml", .redirect(to: base + "/index.xml", status: 308))
        server.route("/index.xml", .ok("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>\(base)/moved/child.xml</loc></sitemap></sitemapindex>
            """, contentType: "application/xml"))
        server.route("/moved/child.xml", .redirect(to: "/child.xml", status: 302))
        server.route("/child.xml", .conditional(etag: "\"c1\"", lastModified: nil, body: Array(Self.newsSitemap(base).utf8)))
        for step in 0..<10 { server.route("/loop/\(step)", .redirect(to: "/loop/\(step + 1)", status: 302)) }
        // A temporary redirect on the way to the moved feed: the listed address is still the one to ask.
        server.route("/temp/feed.xml", .redirect(to: "/old/feed.xml", status: 302))
        server.route("/robots.txt", .ok(Self.robots))
        server.route("/news/feed-story.html", .ok(Self.article("Feed story"), contentType: "text/html; charset=utf-8"))
        server.route("/news/sitemap-story.html", .ok(Self.article("Cloud database wins customers"), contentType: "text/html; charset=utf-8"))

        let dir = try RepositoryPaths.temporaryDirectory("wild-source-hops")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir)
        try listSources([("rss", "Moved Wire", base + "/old/feed.xml"), ("sitemap", "Moved News", base + "/old/index.xml"),
                         ("rss", "Loop", base + "/loop/0"), ("rss", "Temp Wire", base + "/temp/feed.xml")], in: dir)

        let first = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("feeds ok=3 not_modified=0 failed=1 "), "\(first.stdout)")
        #expect(first.stdout.contains("articles new=2 "), "\(first.stdout)")
        // Both permanent moves are named, with where the source lives now; a walk with a
        // temporary redirect in it (Temp Wire's, the child sitemap's) is not a move.
        let moves = first.stderr.components(separatedBy: "\n").filter { $0.contains("feed moved permanently") }
        #expect(moves.count == 2, "\(first.stderr)")
        #expect(moves.contains { $0.contains("\(base)/feed.xml") } && moves.contains { $0.contains("\(base)/index.xml") },
                "\(moves)")
        #expect(!moves.contains { $0.contains("temp-wire") || $0.contains("/temp/feed.xml") }, "\(moves)")

        // `feeds list` shows the moves until the list names the new addresses.
        let listed = try BinaryRun.run(["feeds", "list", "--pipeline", pipeline, "--json"])
        let health = Dictionary(uniqueKeysWithValues: listed.stdout.split(separator: "\n").compactMap { line -> (String, [String: Any])? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String else { return nil }
            return (id, object)
        })
        #expect(health["moved-wire"]?["health"] as? String == "moved" && health["moved-wire"]?["moved_to"] as? String == base + "/feed.xml",
                "\(listed.stdout)")
        #expect(health["moved-news"]?["moved_to"] as? String == base + "/index.xml", "\(listed.stdout)")
        #expect(health["temp-wire"]?["health"] as? String == "ok" && health["temp-wire"]?["moved_to"] as? String == nil, "\(listed.stdout)")
        let table = try BinaryRun.run(["feeds", "list", "--pipeline", pipeline])
        #expect(table.stdout.contains("\(base)/old/feed.xml -> \(base)/feed.xml"), "\(table.stdout)")

        // Every hop is in the archive: the feeds', the index's, the child's, and the loop's six
        // (one more than fetch.max_redirects allows) before it was given up.
        let warc = try HostileLinkTests.everythingWritten(dir + "/out/raw")
        for path in ["/old/feed.xml", "/feed.xml", "/old/index.xml", "/index.xml", "/moved/child.xml", "/child.xml", "/loop/5"] {
            #expect(warc.contains("WARC-Target-URI: \(base)\(path)\r\n"), "\(path)")
        }
        #expect(!warc.contains("WARC-Target-URI: \(base)/loop/6\r\n"))
        #expect(warc.components(separatedBy: #""role":"redirect""#).count - 1 == 11)
        #expect(warc.contains(#""role":"redirect","feed":"moved-wire","location":"\#(base)/feed.xml""#))
        #expect(warc.contains("HTTP/1.1 301") && warc.contains("HTTP/1.1 308") && warc.contains("HTTP/1.1 302"))
        let errors = try readPartition(dir + "/out", kind: "errors")
        let loop = errors.filter { $0["code"] as? String == "too_many_redirects" }
        #expect(loop.count == 1, "\(errors)")
        #expect(loop.first?["url"] as? String == base + "/loop/0" && loop.first?["kind"] as? String == "feed", "\(loop)")

        // Next run: the validators stored for the listed addresses travel along the hops, so the
        // moved feed and the moved child sitemap answer 304 at their new homes; the looping
        // feed waits out its backoff.
        let second = try BinaryRun.run(["ingest", "--pipeline", pipeline])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("feeds ok=1 not_modified=2 failed=0 backing_off=1"), "\(second.stdout)")
        #expect(second.stdout.contains("articles new=0 "), "\(second.stdout)")
        // A 304 at the new address keeps the move on record.
        let relisted = try BinaryRun.run(["feeds", "list", "--pipeline", pipeline])
        #expect(relisted.stdout.contains("\(base)/old/feed.xml -> \(base)/feed.xml"), "\(relisted.stdout)")
        let childAnswers = server.requests.filter { $0.path == "/child.xml" }
        #expect(childAnswers.count == 2 && childAnswers.last?.header("If-None-Match") == "\"c1\"", "\(childAnswers.map(\.path))")
    }
}
