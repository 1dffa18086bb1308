import Foundation
import Testing
import WirescoreTestSupport

/// `wirescore ingest` against every ``FaultMode`` on a real server on 127.0.0.1, served both as
/// article pages and as feeds, next to healthy ones. The run must exit 0 without hanging; each
/// faulty endpoint gives exactly one errors/ line with a reason (or, for the modes a tolerant
/// reader recovers from, its content is used); each healthy article is written exactly once;
/// redirects to file:// and to the metadata address are refused; the XXE canary never reaches
/// any output file.
///
/// Fast: the pipeline's own fetch settings (3 s timeout, 1 s low-speed window, 768 KiB body
/// cap) bound the slow modes, and all endpoints are fetched concurrently.
@Suite(.serialized)
struct HostileEndpointTests {
    static func article(_ slug: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Corp story \(slug) | Wire</title>
        <meta property="article:published_time" content="2026-11-19T09:30:00Z">
        <link rel="canonical" href="https://wire.example/\(slug)"></head>
        <body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
        <article><h1>Acme Corp story \(slug)</h1>
        <p>Acme Corp reported third-quarter revenue of $4.2 billion on Tuesday, ahead of the $3.9 billion analysts had expected, as demand for its industrial sensors held up better than feared.</p>
        <p>Net income rose 14 percent from a year earlier to $610 million. The company raised its full-year outlook and said it would buy back a further $500 million of its shares.</p>
        <p>Shares rose 6 percent in early trading. Analysts at two brokers lifted their price targets after the results.</p>
        </article><footer>Copyright 2026 Wire</footer></body></html>
        """
    }

    static func feed(base: String, title: String, links: [String]) -> String {
        let items = links.map {
            "<item><title>Story \($0)</title><link>\(base)\($0)</link><pubDate>Thu, 19 Nov 2026 09:30:00 GMT</pubDate></item>"
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(title)</title>"
            + "<link>\(base)/</link>\(items.joined())</channel></rss>"
    }

    static let pipeline = """
        name: hostile
        feeds: [feeds.opml]
        output: out
        fetch:
          concurrency: 24
          per_host: 24
          allow_private_networks: true
          connect_timeout: 3
          timeout: 3
          low_speed_limit: 256
          low_speed_time: 1
          max_bytes: 768KiB
          retry_after_max_wait: 0
        extract:
          min_words: 20
        """

    @Test func everyFaultModeEndsAsOneErrorLineOrRecoveredContent() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        let dir = try RepositoryPaths.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let canary = "CANARY-\(UUID().uuidString)"
        let canaryFile = dir + "/canary.txt"
        try Data(canary.utf8).write(to: URL(fileURLWithPath: canaryFile))

        let articleModes = FaultMode.allCases.filter { $0.applies(to: .article) }
        let feedModes = FaultMode.allCases.filter { $0.applies(to: .feed) }
        let healthy = ["/a/healthy-1.html", "/a/healthy-2.html", "/a/healthy-3.html"]
        for path in healthy {
            server.route(path, .ok(Self.article(String(path.dropFirst(3).dropLast(5))), contentType: "text/html; charset=utf-8"))
        }
        for mode in articleModes {
            let path = "/a/\(mode.rawValue).html"
            server.route(path, mode.behaviour(target: .article, healthy: Array(Self.article(mode.rawValue).utf8),
                                              contentType: "text/html; charset=utf-8", path: path, canaryFile: canaryFile))
        }
        let mainFeed = Self.feed(base: base, title: "Healthy wire", links: healthy + articleModes.map { "/a/\($0.rawValue).html" })
        server.route("/feeds/healthy.xml", .ok(mainFeed, contentType: "application/rss+xml"))
        // Each faulty feed lists one healthy article of its own: fetched only if the feed is recovered.
        for mode in feedModes {
            let path = "/feeds/\(mode.rawValue).xml"
            let via = "/a/via-\(mode.rawValue).html"
            server.route(via, .ok(Self.article("via-" + mode.rawValue), contentType: "text/html; charset=utf-8"))
            let body = Self.feed(base: base, title: "Feed \(mode.rawValue)", links: [via])
            server.route(path, mode.behaviour(target: .feed, healthy: Array(body.utf8), contentType: "application/rss+xml",
                                              path: path, canaryFile: canaryFile))
        }
        let outlines = (["healthy"] + feedModes.map(\.rawValue)).map {
            "<outline type=\"rss\" text=\"feed \($0)\" xmlUrl=\"\(base)/feeds/\($0).xml\"/>"
        }
        let opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>hostile</title></head><body>"
            + outlines.joined(separator: "\n") + "</body></opml>"
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        try Data(Self.pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))

        let run = try await BinaryRun.runDetached(["ingest", "--pipeline", dir + "/pipeline.yaml", "--quiet"], timeout: 120)
        #expect(!run.timedOut, "the run hung: \(run.stderr.suffix(2000))")
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(!run.stderr.contains("Fatal error"), "\(run.stderr.suffix(2000))")

        let articles = try readPartition(dir + "/out", kind: "articles")
        let errors = try readPartition(dir + "/out", kind: "errors")
        func errorLines(_ path: String) -> [[String: Any]] { errors.filter { ($0["url"] as? String) == base + path } }
        func written(_ path: String) -> Int { articles.filter { ($0["url"] as? String) == base + path }.count }
        var expectedArticles = healthy.count
        var expectedErrors = 0

        for line in errors {
            #expect(!((line["reason"] as? String) ?? "").isEmpty, "an errors/ line without a reason: \(line)")
            #expect(!((line["code"] as? String) ?? "").isEmpty, "an errors/ line without a code: \(line)")
        }
        for path in healthy {
            #expect(written(path) == 1, "\(path) written \(written(path)) times")
            #expect(errorLines(path).isEmpty)
        }
        for mode in articleModes {
            let path = "/a/\(mode.rawValue).html"
            let lines = errorLines(path)
            switch mode.expected(for: .article) {
            case .error(let codes):
                expectedErrors += 1
                #expect(lines.count == 1, "article \(mode.rawValue): \(lines.count) errors/ lines: \(lines)")
                #expect(codes.contains(lines.first?["code"] as? String ?? "-"), "article \(mode.rawValue): \(lines)")
                #expect(written(path) == 0, "article \(mode.rawValue) was written")
            case .recoveredWithError(let codes):
                expectedErrors += 1
                expectedArticles += 1
                #expect(lines.count == 1 && codes.contains(lines.first?["code"] as? String ?? "-"), "article \(mode.rawValue): \(lines)")
                #expect(written(path) == 1, "article \(mode.rawValue) written \(written(path)) times")
            case .recovered:
                expectedArticles += 1
                #expect(lines.isEmpty, "article \(mode.rawValue): \(lines)")
                #expect(written(path) == 1, "article \(mode.rawValue) written \(written(path)) times")
            }
        }
        for mode in feedModes {
            let lines = errorLines("/feeds/\(mode.rawValue).xml")
            let via = "/a/via-\(mode.rawValue).html"
            switch mode.expected(for: .feed) {
            case .error(let codes):
                expectedErrors += 1
                #expect(lines.count == 1, "feed \(mode.rawValue): \(lines.count) errors/ lines: \(lines)")
                #expect(codes.contains(lines.first?["code"] as? String ?? "-"), "feed \(mode.rawValue): \(lines)")
                #expect(written(via) == 0)
                #expect(!server.requests.contains { $0.path == via }, "feed \(mode.rawValue): its item was fetched")
            case .recoveredWithError(let codes):
                expectedErrors += 1
                expectedArticles += 1
                #expect(lines.count == 1 && codes.contains(lines.first?["code"] as? String ?? "-"), "feed \(mode.rawValue): \(lines)")
                #expect(written(via) == 1, "feed \(mode.rawValue): its item written \(written(via)) times")
            case .recovered:
                expectedArticles += 1
                #expect(lines.isEmpty, "feed \(mode.rawValue): \(lines)")
                #expect(written(via) == 1, "feed \(mode.rawValue): its item written \(written(via)) times")
            }
        }
        #expect(articles.count == expectedArticles)
        #expect(errors.count == expectedErrors, "\(errors.map { "\($0["url"] ?? "?") \($0["code"] ?? "?")" })")
        #expect(Set(articles.compactMap { $0["id"] as? String }).count == articles.count, "an article id appears twice")

        // The refused redirects name what they refused; nothing was read from /etc/passwd.
        let file = errorLines("/a/redirect-to-file.html").first?["reason"] as? String ?? ""
        let metadata = errorLines("/a/redirect-to-metadata.html").first?["reason"] as? String ?? ""
        #expect(metadata.contains("169.254.169.254"), "\(metadata)")
        #expect(!file.isEmpty)
        #expect(try !outputContains(dir + "/out", "root:x:0:0"))
        // XXE: the canary file's content is nowhere in the output tree (raw archive included).
        #expect(try !outputContains(dir + "/out", canary))
        // The laughs feed did not expand into the output: the tree stays small.
        #expect(try treeSize(dir + "/out") < 20 << 20)
    }

    @Test func gzipBombIsOneKilobyteThatInflatesToOneMebibyte() {
        let bomb = GzipBomb.member(mebibytes: 1)
        #expect(bomb.count < 1100)
        #expect(GzipStored.crc32([UInt8](repeating: 0, count: 1 << 20)) == 0xA738_EA1C)
        #expect(Array(bomb.suffix(8)) == [0x1C, 0xEA, 0x38, 0xA7, 0x00, 0x00, 0x10, 0x00])
    }
}

/// Whether any file under `root` contains `needle` (gzip files are read decompressed).
func outputContains(_ root: String, _ needle: String) throws -> Bool {
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return false }
    let bytes = Data(needle.utf8)
    for case let relative as String in walker {
        let path = root + "/" + relative
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if path.hasSuffix(".gz") { data = try gunzip(path) }
        if data.range(of: bytes) != nil { return true }
    }
    return false
}

/// `gzip -dc path` (WARC files are concatenated gzip members).
func gunzip(_ path: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc \"$0\"", path]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}

/// Total bytes of the regular files under `root`.
func treeSize(_ root: String) throws -> Int {
    let fm = FileManager.default
    var total = 0
    for case let relative as String in fm.enumerator(atPath: root) ?? NSEnumerator() {
        let attributes = try fm.attributesOfItem(atPath: root + "/" + relative)
        if attributes[.type] as? FileAttributeType == .typeRegular { total += (attributes[.size] as? Int) ?? 0 }
    }
    return total
}
