import Foundation
import Testing
import WirescoreTestSupport

/// `wirescore ingest` against a real HTTP server on 127.0.0.1 serving one good article and the
/// everyday failures: each failure becomes exactly one errors/ line with URL and reason, the
/// good article is written, and the run exits 0.
@Suite(.serialized)
struct IngestFaultTests {
    static let article = """
        <!doctype html><html lang="en"><head><title>Acme Corp beats estimates | Wire</title>
        <meta property="article:published_time" content="2026-11-19T09:30:00Z">
        <link rel="canonical" href="https://wire.example/acme-beats"></head>
        <body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
        <article><h1>Acme Corp beats estimates</h1>
        <p>Acme Corp reported third-quarter revenue of $4.2 billion on Tuesday, ahead of the $3.9 billion analysts had expected, as demand for its industrial sensors held up better than feared.</p>
        <p>Net income rose 14 percent from a year earlier to $610 million. The company raised its full-year outlook and said it would buy back a further $500 million of its shares.</p>
        <p>"Our order book has never been deeper," the chief executive said on a call with analysts, adding that supply constraints had eased over the summer.</p>
        <p>Shares rose 6 percent in early trading. Analysts at two brokers lifted their price targets after the results.</p>
        </article><footer>Copyright 2026 Wire</footer></body></html>
        """

    static func feed(base: String, items: [String]) -> String {
        let entries = items.map { "<item><title>Item \($0)</title><link>\(base)\($0)</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>" }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title><link>\(base)/</link>\(entries.joined())</channel></rss>"
    }

    @Test func everydayFailuresBecomeErrorLinesAndTheRunSucceeds() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        server.route("/good.xml", .ok(Self.feed(base: base, items: ["/a/ok.html", "/a/missing.html", "/a/empty.html", "/a/report.pdf"]),
                                      contentType: "application/rss+xml"))
        // Ill-formed XML whose entry is still recoverable, and a page that is no feed at all.
        let malformed = Self.feed(base: base, items: ["/a/ok.html"]).replacingOccurrences(of: "</channel>", with: "<broken></channel>")
        server.route("/malformed.xml", .ok(malformed, contentType: "application/rss+xml"))
        server.route("/notafeed.xml", .ok("<html><body><p>Not a feed</p></body></html>", contentType: "text/html"))
        server.route("/a/ok.html", .ok(Self.article, contentType: "text/html; charset=utf-8"))
        server.route("/a/missing.html", .status(404))
        server.route("/a/empty.html", .respond(status: 200, headers: [.init("Content-Type", "text/html")], body: []))
        server.route("/a/report.pdf", .respond(status: 200, headers: [.init("Content-Type", "application/pdf")],
                                               body: Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<<>>\nendobj\n".utf8)))

        let dir = try RepositoryPaths.temporaryDirectory("faults")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>faults</title></head><body>
            <outline type="rss" text="Good" xmlUrl="\(base)/good.xml"/>
            <outline type="rss" text="Malformed" xmlUrl="\(base)/malformed.xml"/>
            <outline type="rss" text="Not a feed" xmlUrl="\(base)/notafeed.xml"/>
            </body></opml>
            """
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let pipeline = """
            name: faults
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: true
              timeout: 5
            extract:
              min_words: 20
            """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))

        let run = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        let articles = try readPartition(dir + "/out", kind: "articles")
        #expect(articles.count == 1)
        // The page claims a canonical on another site (wire.example, served from 127.0.0.1):
        // not its claim to make, so the article keeps the URL it was fetched from.
        #expect(articles.first?["canonical_url"] is NSNull)
        #expect(articles.first?["url"] as? String == base + "/a/ok.html")

        let errors = try readPartition(dir + "/out", kind: "errors")
        func error(for path: String) -> [[String: Any]] { errors.filter { ($0["url"] as? String) == base + path } }
        #expect(errors.count == 5, "\(errors)")
        #expect(error(for: "/malformed.xml").map { $0["code"] as? String } == ["malformed_feed"])
        #expect(error(for: "/notafeed.xml").map { $0["code"] as? String } == ["not_a_feed"])
        #expect(error(for: "/a/missing.html").map { $0["code"] as? String } == ["http_status"])
        #expect(error(for: "/a/missing.html").first?["status"] as? Int == 404)
        #expect(error(for: "/a/empty.html").map { $0["code"] as? String } == ["empty_body"])
        #expect(error(for: "/a/report.pdf").map { $0["code"] as? String } == ["not_html"])
        for line in errors { #expect(((line["reason"] as? String) ?? "").isEmpty == false) }

        // The second run finds nothing new: settled items are not fetched again.
        let requestsBefore = server.requests.filter { $0.path.hasPrefix("/a/") }.count
        let again = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"])
        #expect(again.status == 0)
        #expect(server.requests.filter { $0.path.hasPrefix("/a/") }.count == requestsBefore)
        #expect(try readPartition(dir + "/out", kind: "articles").count == 1)
    }
}
