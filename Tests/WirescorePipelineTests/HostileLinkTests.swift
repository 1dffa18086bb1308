import Foundation
import Testing
import WirescoreTestSupport

/// What a feed or page served over HTTP may not make wirescore do: read local files, fetch
/// non-web links, write credentials into records, or file one article's text under another's
/// URL through a canonical claim.
@Suite(.serialized)
struct HostileLinkTests {
    static func writePipeline(_ dir: String, feeds: [String], protocols: String = "[http, https]") throws {
        let outlines = feeds.enumerated().map { "<outline type=\"rss\" text=\"Feed \($0.offset)\" xmlUrl=\"\($0.element)\"/>" }
        let opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>\(outlines.joined())</body></opml>"
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let pipeline = """
            name: hostile
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: true
              protocols: \(protocols)
              timeout: 10
            extract:
              min_words: 20
            """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))
    }

    static func rss(_ links: [String]) -> String {
        let items = links.enumerated().map {
            "<item><title>Item \($0.offset)</title><link>\($0.element.replacingOccurrences(of: "&", with: "&amp;"))</link>"
                + "<pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\(items.joined())</channel></rss>"
    }

    /// Every byte the run left in the output tree, WARC members decompressed.
    static func everythingWritten(_ root: String) throws -> String {
        var all = ""
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return "" }
        for case let relative as String in walker {
            let path = root + "/" + relative
            if relative.hasSuffix(".jsonl") {
                all += String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            } else if relative.hasSuffix(".warc.gz") {
                let zcat = Process()
                zcat.executableURL = URL(fileURLWithPath: "/bin/zcat")
                zcat.arguments = [path]
                let out = Pipe()
                zcat.standardOutput = out
                try zcat.run()
                all += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                zcat.waitUntilExit()
            }
        }
        return all
    }

    @Test func aRemoteFeedCannotReachLocalFilesOrNonWebLinks() throws {
        let dir = try RepositoryPaths.temporaryDirectory("hostile-links")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let canary = "CANARY-\(UUID().uuidString)"
        let secretFile = dir + "/secret.txt"
        try Data("<html><body><article><p>\(canary) \(String(repeating: "secret words here ", count: 20))</p></article></body></html>".utf8)
            .write(to: URL(fileURLWithPath: secretFile))

        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let userinfo = "http://reader:hunter2secret@127.0.0.1:\(server.port)/a/ok.html"
        server.route("/feed.xml", .ok(Self.rss([
            "file://\(secretFile)", "mailto:desk@example.com", "javascript:alert(1)", "/a/to-file",
            userinfo, "ftp://example.com/file",
        ]), contentType: "application/rss+xml"))
        server.route("/a/to-file", .redirect(to: "file://\(secretFile)"))
        server.route("/a/ok.html", .ok(InterruptedRunTests.page(1), contentType: "text/html"))
        // The pipeline allows file: (as the demo's does): for the feeds it lists as files only.
        try Self.writePipeline(dir, feeds: [server.url("/feed.xml")], protocols: "[http, https, file]")

        let run = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let written = try Self.everythingWritten(dir + "/out")
        #expect(!written.contains(canary), "a local file reached the output")
        // Records and archive headers carry no credentials (the feed's own bytes, archived as
        // received, still contain the link as the server sent it).
        let records = try ["articles", "errors"].flatMap { try readPartition(dir + "/out", kind: $0) }
        #expect(!records.contains { "\($0)".contains("hunter2secret") }, "credentials reached a record")
        #expect(!written.contains("WARC-Target-URI: http://reader:"), "credentials reached the archive")
        #expect(!written.contains("\"link\":\"http://reader:"), "credentials reached the archive")

        let errors = try readPartition(dir + "/out", kind: "errors")
        let codes = Dictionary(grouping: errors, by: { ($0["url"] as? String) ?? "" }).mapValues { $0.compactMap { $0["code"] as? String } }
        #expect(codes["file://\(secretFile)"] == ["bad_url"], "\(codes)")
        #expect(codes["mailto:desk@example.com"] == ["bad_url"], "\(codes)")
        #expect(codes["javascript:alert(1)"] == ["bad_url"], "\(codes)")
        #expect(codes["ftp://example.com/file"] == ["bad_url"], "\(codes)")
        #expect(codes[server.url("/a/to-file")]?.count == 1, "\(codes)")
        #expect(codes[server.url("/a/to-file")] != ["http_status"], "\(codes)")
        // No request ever left for the mailto: host as if it were a web server.
        #expect(!server.requests.contains { $0.path.contains("mailto") })

        let articles = try readPartition(dir + "/out", kind: "articles")
        #expect(articles.compactMap { $0["url"] as? String } == [server.url("/a/ok.html")])
    }

    @Test func aFeedListedAsAFileMayLinkToFiles() throws {
        let dir = try RepositoryPaths.temporaryDirectory("file-feed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(InterruptedRunTests.page(3).utf8).write(to: URL(fileURLWithPath: dir + "/page.html"))
        try Data(Self.rss(["page.html"]).utf8).write(to: URL(fileURLWithPath: dir + "/feed.xml"))
        try Self.writePipeline(dir, feeds: ["feed.xml"], protocols: "[file]")
        let run = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try readPartition(dir + "/out", kind: "articles").count == 1)
    }

    @Test func canonicalClaimsMergeOnlyWhatTheyMay() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        func page(_ n: Int, canonical: String) -> TestHTTPServer.Behaviour {
            let html = InterruptedRunTests.page(n).replacingOccurrences(
                of: "</head>", with: "<link rel=\"canonical\" href=\"\(canonical)\"></head>")
            return .ok(html, contentType: "text/html")
        }
        // Another site's article claimed as this page's canonical.
        server.route("/x/1.html", page(1, canonical: "https://victim.example/news/real-story"))
        // A CMS that names the homepage as every article's canonical.
        for n in 2...4 { server.route("/h/\(n).html", page(n, canonical: base + "/")) }
        // A section-like canonical without a trailing slash, claimed by two different texts.
        for n in 5...6 { server.route("/s/\(n).html", page(n, canonical: base + "/markets")) }
        // A page and its AMP version: the same text, one canonical. One article.
        server.route("/d/7.html", page(7, canonical: base + "/d/7.html"))
        server.route("/d/7.html/amp", page(7, canonical: base + "/d/7.html"))
        let links = ["/x/1.html", "/h/2.html", "/h/3.html", "/h/4.html", "/s/5.html", "/s/6.html", "/d/7.html", "/d/7.html/amp"]
        server.route("/feed.xml", .ok(HostileLinkTests.rss(links.map { base + $0 }), contentType: "application/rss+xml"))

        let dir = try RepositoryPaths.temporaryDirectory("canonical")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.writePipeline(dir, feeds: [server.url("/feed.xml")])
        let run = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("articles new=7 duplicate=1"), "\(run.stdout)")

        let articles = try readPartition(dir + "/out", kind: "articles")
        func record(_ path: String) -> [String: Any]? { articles.first { ($0["url"] as? String) == base + path } }
        #expect(record("/x/1.html")?["canonical_url"] is NSNull, "a cross-site claim was accepted")
        for n in 2...4 { #expect(record("/h/\(n).html")?["canonical_url"] is NSNull) }
        #expect(record("/s/5.html") != nil && record("/s/6.html") != nil)
        #expect(Set(articles.compactMap { $0["id"] as? String }).count == articles.count)
        let amp = articles.filter { ($0["url"] as? String)?.hasPrefix(base + "/d/7.html") == true }
        #expect(amp.count == 1 && amp.first?["canonical_url"] as? String == base + "/d/7.html")
    }

    @Test func aRunInWhichNoFeedAnsweredFailsVisibly() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/gone.xml", .status(410))
        let dir = try RepositoryPaths.temporaryDirectory("no-feed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // One feed answers 410, the other's server is not listening.
        try Self.writePipeline(dir, feeds: [server.url("/gone.xml"), "http://127.0.0.1:1/feed.xml"])
        let run = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(run.status == 69, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains("no feed answered"), "\(run.stderr)")
        // Still true while both wait out their backoff: the alert does not flap to green.
        let again = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(again.status == 69, "\(again.stdout)")
        #expect(again.stdout.contains("backing_off=2"), "\(again.stdout)")

        // One good feed is enough for success.
        server.route("/ok.xml", .ok(Self.rss([]), contentType: "application/rss+xml"))
        let fresh = try RepositoryPaths.temporaryDirectory("one-feed")
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try Self.writePipeline(fresh, feeds: [server.url("/gone.xml"), server.url("/ok.xml")])
        let mixed = try BinaryRun.run(["ingest", "--pipeline", fresh + "/pipeline.yaml"], timeout: 60)
        #expect(mixed.status == 0, "\(mixed.stdout) \(mixed.stderr)")
    }

    @Test func anUnwritableMetricsFileIsOneClearLineAndANonZeroExit() throws {
        let dir = try RepositoryPaths.temporaryDirectory("metrics")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.writePipeline(dir, feeds: ["http://127.0.0.1:1/feed.xml"])
        let missing = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml",
                                         "--metrics-file", dir + "/no/such/dir/wirescore.prom"], timeout: 60)
        #expect(missing.status == 64, "\(missing.stderr)")
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain") && !missing.stderr.contains("Error Domain"))
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let directory = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml", "--metrics-file", dir], timeout: 60)
        #expect(directory.status == 64)
        #expect(directory.stderr.contains("is a directory"))
    }
}
