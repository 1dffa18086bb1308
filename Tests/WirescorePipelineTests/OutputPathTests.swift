import Foundation
import Testing
import WirescoreTestSupport

/// No feed id, URL or title can steer a write outside the output directory: feed lists and
/// feeds full of traversal (`..`, `%2e%2e`, absolute paths), NUL and very long names are
/// ingested end to end, and afterwards every file in the work area is where the layout says.
@Suite(.serialized)
struct OutputPathTests {
    @Test func hostileIdsURLsAndTitlesNeverLeaveTheOutputDirectory() async throws {
        let token = "escape-\(UUID().uuidString)"
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        // The work area is one level down, so an escape of one or two `..` lands in a folder we
        // can inspect; deeper ones are looked for by name below.
        let sandbox = try RepositoryPaths.temporaryDirectory("paths")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let dir = sandbox + "/work"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)

        let long = String(repeating: "L", count: 5000)
        let hostileTitles = ["../../../../\(token)", "/tmp/\(token)", "..\\..\\\(token)", "%2e%2e%2f\(token)",
                             "\(token)/../../..", long + token, "date=2026-11-19/../../\(token)"]
        let hostileLinks = ["/a/../../../../\(token)-1.html", "/a/%2e%2e/%2e%2e/\(token)-2.html",
                            "/a/..%2f..%2f\(token)-3.html", "/a/\(token)-4%00.html", "/a/" + long.prefix(3000) + "-5.html",
                            "/a//\(token)-6.html", "/a/\(token)-7.html?name=../../x"]
        // Whatever path the client normalises each link to, it gets a page.
        server.route("/\(token)-1.html", .ok(Self.page("one"), contentType: "text/html"))
        for (index, link) in hostileLinks.enumerated().dropFirst() {
            server.route(link, .ok(Self.page("n\(index)"), contentType: "text/html"))
        }
        let items = zip(hostileTitles, hostileLinks).map { title, link in
            "<item><title>\(Self.escape(title))</title><link>\(base)\(Self.escape(link))</link><author>\(Self.escape(title))</author>"
                + "<pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>"
        }
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>../../\(token)</title>"
            + "<link>\(base)/</link>\(items.joined())</channel></rss>"
        server.route("/feeds/rss.xml", .ok(rss, contentType: "application/rss+xml"))
        // JSON Feed can carry NUL (XML cannot): in the feed title, an item title and its URL.
        let json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "..\\u0000/../\(token)",
             "items": [{"id": "nul", "title": "../\\u0000/\(token)", "url": "\(base)/a/nul-\(token).html",
                        "content_text": "x", "date_published": "2026-11-19T09:30:00Z"}]}
            """
        server.route("/feeds/j.json", .ok(json, contentType: "application/feed+json"))
        server.route("/a/nul-\(token).html", .ok(Self.page("nul"), contentType: "text/html"))

        let outlines = [
            "<outline type=\"rss\" id=\"../../../\(token)\" text=\"x\" xmlUrl=\"\(base)/feeds/rss.xml\"/>",
            "<outline type=\"rss\" text=\"/tmp/\(token)/../..\" xmlUrl=\"\(base)/feeds/j.json\"/>",
            "<outline type=\"rss\" text=\"\(long)\" xmlUrl=\"\(base)/feeds/rss.xml?again\"/>",
        ]
        let opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>paths</title></head><body>"
            + outlines.joined(separator: "\n") + "</body></opml>"
        server.route("/feeds/rss.xml?again", .ok(rss, contentType: "application/rss+xml"))
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let pipeline = """
            name: paths
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: true
              timeout: 5
            extract:
              min_words: 5
            """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))

        let run = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml", "--quiet"], timeout: 120)
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")

        // The hostile values really flowed through: they are in the records...
        let articles = try readPartition(dir + "/out", kind: "articles")
        let errors = try readPartition(dir + "/out", kind: "errors")
        #expect(articles.count >= 7, "\(articles.count) articles; errors: \(errors)")
        #expect(articles.contains { ($0["title"] as? String)?.contains("../../../../\(token)") == true })
        #expect(articles.contains { ($0["url"] as? String)?.contains(token) == true })
        // ...and nowhere in the file system's names.
        let fm = FileManager.default
        #expect(try fm.contentsOfDirectory(atPath: sandbox) == ["work"])
        #expect(Set(try fm.contentsOfDirectory(atPath: dir)) == ["feeds.opml", "pipeline.yaml", "out"])
        let layout = try NSRegularExpression(pattern:
            #"^((articles|errors|scores)(/date=\d{4}-\d{2}-\d{2}(/part-0\.jsonl)?)?|raw(/date=\d{4}-\d{2}-\d{2}(/\d{8}T\d{6}Z-s0-\d+\.warc\.gz)?)?|state(/[A-Za-z0-9._-]+)?)$"#)
        for case let relative as String in fm.enumerator(atPath: dir + "/out") ?? NSEnumerator() {
            let range = NSRange(relative.startIndex..., in: relative)
            #expect(layout.firstMatch(in: relative, range: range) != nil, "unexpected path out/\(relative)")
            #expect(!relative.contains(token))
        }
        var candidates = ["/tmp/\(token)", NSTemporaryDirectory() + token, "/\(token)"]
        for depth in 0...12 {
            let up = String(repeating: "../", count: depth)
            candidates.append(((dir + "/out/articles/date=2026-11-19/" + up + token) as NSString).standardizingPath)
        }
        for path in candidates { #expect(!fm.fileExists(atPath: path), "a write escaped to \(path)") }
    }

    static func page(_ slug: String) -> String {
        "<html lang=en><head><title>Page \(slug)</title><link rel=canonical href='https://paths.example/\(slug)'></head>"
            + "<body><article><h1>Page \(slug)</h1><p>Acme Corp said quarterly revenue rose sharply as demand held up "
            + "and margins widened, and analysts lifted their targets.</p></article></body></html>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
