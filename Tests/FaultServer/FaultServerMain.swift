import Foundation
import WirescoreTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `wirescore-fault-server`: the tests' ``TestHTTPServer`` serving a generated corpus of feeds
/// and article pages on 127.0.0.1, a share of them hostile (every ``FaultMode``), for
/// `scripts/fault-run`.
///
///     wirescore-fault-server DIR [--feeds 1000] [--articles 5000] [--faulty 0.3]
///
/// Writes `DIR/feeds.opml` (the feed list) and `DIR/expected.jsonl` (one line per endpoint:
/// url, target, mode, and the outcome a correct pipeline gives), prints `ready <port>` on
/// stdout, and serves until it receives SIGTERM or SIGINT.
///
/// Layout: a `faulty` share of the feeds and of the articles are faulty. Healthy feeds list
/// every article between them, round-robin; each faulty feed lists two of those articles as
/// well, so whether a faulty feed is recovered or not, each article is reachable and must be
/// written (healthy) or recorded (faulty) exactly once.
@main
struct FaultServerMain {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, _ fallback: Double) -> Double {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
                  let value = Double(arguments[index + 1]) else { return fallback }
            arguments.removeSubrange(index...(index + 1))
            return value
        }
        let feedCount = Int(option("--feeds", 1000))
        let articleCount = Int(option("--articles", 5000))
        let faultyShare = option("--faulty", 0.3)
        guard let dir = arguments.first, feedCount > 0, articleCount > 0, (0...1).contains(faultyShare) else {
            FileHandle.standardError.write(Data("usage: wirescore-fault-server DIR [--feeds N] [--articles N] [--faulty 0.3]\n".utf8))
            exit(64)
        }

        let server = TestHTTPServer()
        try server.start()
        let base = server.baseURL
        let articleModes = FaultMode.allCases.filter { $0.applies(to: .article) }
        let feedModes = FaultMode.allCases.filter { $0.applies(to: .feed) }
        var expected: [String] = []
        func record(_ url: String, _ target: FaultMode.Target, _ mode: FaultMode?) {
            var line = "{\"url\":\"\(url)\",\"target\":\"\(target.rawValue)\",\"mode\":\"\(mode?.rawValue ?? "healthy")\""
            switch mode?.expected(for: target) {
            case nil, .recovered?: line += ",\"expect\":\"ok\",\"codes\":[]"
            case .error(let codes)?: line += ",\"expect\":\"error\",\"codes\":[\(codes.sorted().map { "\"\($0)\"" }.joined(separator: ","))]"
            case .recoveredWithError(let codes)?:
                line += ",\"expect\":\"ok+error\",\"codes\":[\(codes.sorted().map { "\"\($0)\"" }.joined(separator: ","))]"
            }
            expected.append(line + "}")
        }

        // Articles: every k-th one faulty, cycling through the modes.
        let faultyArticles = Int((Double(articleCount) * faultyShare).rounded())
        let articleStride = faultyArticles > 0 ? Double(articleCount) / Double(faultyArticles) : .infinity
        var articlePaths: [String] = []
        var nextFaulty = 0.0
        var articleFaults = 0
        for index in 0..<articleCount {
            let path = "/a/\(index).html"
            articlePaths.append(path)
            let healthy = Array(Self.article(index).utf8)
            if articleFaults < faultyArticles, Double(index) >= nextFaulty {
                let mode = articleModes[articleFaults % articleModes.count]
                articleFaults += 1
                nextFaulty += articleStride
                server.route(path, mode.behaviour(target: .article, healthy: healthy, contentType: "text/html; charset=utf-8",
                                                  path: path, canaryFile: dir + "/canary.txt"))
                record(base + path, .article, mode)
            } else {
                server.route(path, .respond(status: 200, headers: [.init("Content-Type", "text/html; charset=utf-8")], body: healthy))
                record(base + path, .article, nil)
            }
        }

        // Feeds: the first `healthyFeeds` share the articles round-robin; the rest are faulty.
        let faultyFeeds = Int((Double(feedCount) * faultyShare).rounded())
        let healthyFeeds = max(1, feedCount - faultyFeeds)
        var lists = [[String]](repeating: [], count: healthyFeeds)
        for (index, path) in articlePaths.enumerated() { lists[index % healthyFeeds].append(path) }
        var outlines: [String] = []
        for index in 0..<feedCount {
            let path = "/feeds/\(index).xml"
            let isFaulty = index >= healthyFeeds
            let links = isFaulty ? [articlePaths[(index * 7) % articleCount], articlePaths[(index * 13 + 1) % articleCount]]
                                 : lists[index]
            let body = Array(Self.feed(base: base, index: index, links: links).utf8)
            if isFaulty {
                let mode = feedModes[(index - healthyFeeds) % feedModes.count]
                server.route(path, mode.behaviour(target: .feed, healthy: body, contentType: "application/rss+xml",
                                                  path: path, canaryFile: dir + "/canary.txt"))
                record(base + path, .feed, mode)
            } else {
                server.route(path, .respond(status: 200, headers: [.init("Content-Type", "application/rss+xml")], body: body))
                record(base + path, .feed, nil)
            }
            outlines.append("<outline type=\"rss\" text=\"Feed \(index)\" xmlUrl=\"\(base)\(path)\"/>")
        }
        let opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>fault run</title></head><body>\n"
            + outlines.joined(separator: "\n") + "\n</body></opml>\n"
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        try Data((expected.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/expected.jsonl"))

        FileHandle.standardOutput.write(Data("ready \(server.port)\n".utf8))
        signal(SIGPIPE, SIG_IGN)
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGTERM)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        var received: Int32 = 0
        sigwait(&mask, &received)
        server.stop()
        let requests = server.requests.count
        FileHandle.standardError.write(Data("fault server: served \(requests) requests, stopping on signal \(received)\n".utf8))
    }

    static let words = ("revenue profit shares market investors quarter guidance analysts growth margin demand "
        + "company board deal acquisition lawsuit regulators outlook dividend buyback costs sales").split(separator: " ")

    /// A healthy page with a unique canonical URL and deterministic prose.
    static func article(_ index: Int) -> String {
        var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1
        func word() -> Substring {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return words[Int(state % UInt64(words.count))]
        }
        let paragraphs = (0..<4).map { _ in "<p>Acme Corp " + (0..<50).map { _ in String(word()) }.joined(separator: " ") + ".</p>" }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story \(index) | Fault Wire</title>"
            + "<meta property=\"article:published_time\" content=\"2026-11-\(10 + index % 10)T12:00:00Z\">"
            + "<link rel=\"canonical\" href=\"https://fault-run.example/news/\(index)\"></head>"
            + "<body><nav><a href=\"/\">Home</a></nav><article><h1>Story \(index)</h1>"
            + paragraphs.joined() + "</article><footer>Copyright</footer></body></html>"
    }

    static func feed(base: String, index: Int, links: [String]) -> String {
        let items = links.map {
            "<item><title>Item \($0)</title><link>\(base)\($0)</link><pubDate>Mon, 16 Nov 2026 12:00:00 GMT</pubDate></item>"
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed \(index)</title>"
            + "<link>\(base)/</link>\(items.joined())</channel></rss>"
    }
}
