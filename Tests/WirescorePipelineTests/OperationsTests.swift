import Foundation
import Logging
import Testing
import WirescoreCore
import WirescoreTestSupport
@testable import WirescorePipeline

/// The cron-facing behaviour: feed health and backoff, the run budget, sharding, tail and the
/// feeds command.
@Suite(.serialized)
struct OperationsTests {
    /// A scratch pipeline over one local server.
    private func pipeline(in dir: String, feeds: [(String, String)], extra: String = "") throws -> String {
        let outlines = feeds.map { "<outline type=\"rss\" text=\"\($0.0)\" xmlUrl=\"\($0.1)\"/>" }.joined()
        try Data("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>\(outlines)</body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let yaml = "name: ops\nfeeds: [feeds.opml]\noutput: out\nfetch:\n  allow_private_networks: true\n  timeout: 5\n  retry_after_max_wait: 0\n\(extra)"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))
        return dir + "/pipeline.yaml"
    }

    @Test func failingFeedBacksOffAndHealthShowsIt() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/down.xml", .status(500))
        server.route("/limited.xml", .retryAfter(3600))
        let dir = try RepositoryPaths.temporaryDirectory("backoff")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, feeds: [("Down", server.url("/down.xml")), ("Limited", server.url("/limited.xml"))])

        // No feed answered: a run-level failure cron and alerting can see (69), still summarised.
        let first = try BinaryRun.run(["ingest", "--pipeline", path])
        #expect(first.status == 69)
        #expect(first.stdout.contains("failed=2"), "\(first.stdout)")
        let requests = server.requests.count

        let second = try BinaryRun.run(["ingest", "--pipeline", path])
        #expect(second.stdout.contains("backing_off=2"), "\(second.stdout)")
        #expect(server.requests.count == requests)

        let list = try BinaryRun.run(["feeds", "list", "--pipeline", path, "--json"])
        let rows = list.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["health"] as? String == "backing-off" })
        #expect(rows.allSatisfy { $0["consecutive_failures"] as? Int == 1 })
        let limited = try #require(rows.first { $0["id"] as? String == "limited" })
        let next = try #require(limited["next_attempt"] as? String)
        // Retry-After: 3600 is honoured rather than the 5-minute first backoff.
        #expect(next > UTCTimestamp_now(plus: 3000))
    }

    /// Six pages of 1.2 s each, fetched one at a time, against a 5 s budget: the first run
    /// cannot fetch them all and defers the rest, the next run writes the rest. How many the
    /// first run writes depends on the machine's load (the budget counts start-up too), so it
    /// is not checked.
    @Test func runBudgetLeavesTheRestForTheNextRun() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let items = (0..<6).map { "/a/\($0).html" }
        server.route("/feed.xml", .ok(IngestFaultTests.feed(base: server.baseURL, items: items), contentType: "application/rss+xml"))
        for (index, item) in items.enumerated() {
            let page = IngestFaultTests.article.replacingOccurrences(of: "acme-beats", with: "acme-\(index)")
            server.route(item, .delayed(.milliseconds(1200), then: .ok(page, contentType: "text/html")))
        }
        let dir = try RepositoryPaths.temporaryDirectory("budget")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, feeds: [("Slow", server.url("/feed.xml"))],
                                extra: "  concurrency: 1\nextract:\n  min_words: 10\n")
        let config = try PipelineLoader.load(path: path)
        let feeds = try FeedListLoader.load(config)
        let output = dir + "/out"
        let first = try await IngestRun(pipeline: config, feeds: feeds,
                                        options: .init(outputRoot: output, maxDuration: 5.0), logger: Logger(label: "t")).run()
        #expect(first.articlesNew < 6)
        #expect(first.itemsDeferred == 6 - first.articlesNew)
        let second = try await IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                                         logger: Logger(label: "t")).run()
        #expect(first.articlesNew + second.articlesNew == 6)
        #expect(try readPartition(output, kind: "articles").count == 6)
    }

    @Test func shardsSplitTheFeedListWithoutOverlap() throws {
        let output = try RepositoryPaths.temporaryDirectory("shards")
        defer { try? FileManager.default.removeItem(atPath: output) }
        var total = 0
        for shard in 0..<2 {
            let run = try BinaryRun.run(["ingest", "--pipeline", RepositoryPaths.demoPipeline, "--output", output, "--quiet"],
                                        environment: ["JOB_COMPLETION_INDEX": "\(shard)", "WIRESCORE_SHARDS": "2"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: output + "/articles").filter { $0.hasSuffix(".jsonl") }
        #expect(files.contains { $0.hasSuffix("part-0.jsonl") } || files.contains { $0.hasSuffix("part-1.jsonl") })
        let articles = try readPartition(output, kind: "articles")
        total = articles.count
        #expect(total == 36)
        #expect(Set(articles.compactMap { $0["id"] as? String }).count == total)
        let missingCount = try BinaryRun.run(["ingest", "--pipeline", RepositoryPaths.demoPipeline, "--output", output],
                                             environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(missingCount.status == 64)
    }

    @Test func feedsExportAndImportRoundTrip() throws {
        let dir = try RepositoryPaths.temporaryDirectory("feeds")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, feeds: [("One", "https://one.example/feed.xml")])
        let export = try BinaryRun.run(["feeds", "export", "--pipeline", RepositoryPaths.demoPipeline])
        #expect(export.status == 0)
        #expect(export.stdout.contains("<opml version=\"2.0\">"))
        #expect(export.stdout.components(separatedBy: "<outline").count - 1 == 3)
        try Data(export.stdout.utf8).write(to: URL(fileURLWithPath: dir + "/more.opml"))

        let imported = try BinaryRun.run(["feeds", "import", dir + "/more.opml", "--pipeline", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 3 feed(s)"))
        let again = try BinaryRun.run(["feeds", "import", dir + "/more.opml", "--pipeline", path])
        #expect(again.stdout.contains("nothing to import"))
        let valid = try BinaryRun.run(["validate", "--pipeline", path])
        #expect(valid.stdout.contains("4 feed(s)"), "\(valid.stdout)\(valid.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/feeds.opml.bak"))
    }

    /// `tail --follow` end to end: what exists is shown (the last line), then what is appended
    /// to that day and to a new day. Every case of following (older days, swaps, partial
    /// lines) is tested on `PartitionFollower` itself; here only the command's loop around it.
    /// The test waits for lines to appear, never for a fixed time.
    @Test func tailFollowPrintsWhatIsAppended() async throws {
        let root = try RepositoryPaths.temporaryDirectory("tail")
        defer { try? FileManager.default.removeItem(atPath: root) }
        func append(_ day: String, _ ids: [Int]) throws {
            let dir = root + "/articles/date=\(day)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = dir + "/part-0.jsonl"
            if !FileManager.default.fileExists(atPath: path) {
                #expect(FileManager.default.createFile(atPath: path, contents: nil))
            }
            let handle = try #require(FileHandle(forWritingAtPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(ids.map { "{\"id\":\"r\($0)\"}\n" }.joined().utf8))
        }
        try append("2026-11-20", [1, 2])

        let tail = try RunningBinary(["tail", "--output", root, "--follow", "-n", "1"])
        defer { tail.stop() }
        // The last line is printed once the follower has taken the files as they are.
        #expect(await eventually { tail.lines == ["{\"id\":\"r2\"}"] }, "\(tail.lines)")
        try append("2026-11-20", [3])
        try append("2026-11-21", [4])
        let expected = ["{\"id\":\"r2\"}", "{\"id\":\"r3\"}", "{\"id\":\"r4\"}"]
        #expect(await eventually { tail.lines.count >= expected.count }, "\(tail.lines)")
        tail.stop()
        #expect(tail.lines == expected)
    }
}

/// An RFC 3339 UTC timestamp `seconds` from now, for comparing with timestamps in output.
func UTCTimestamp_now(plus seconds: Double) -> String {
    UTCTimestamp.rfc3339(Date().addingTimeInterval(seconds))
}
