import Foundation
import Testing
import WirescoreTestSupport

/// `wirescore fetch` against a real server on 127.0.0.1: one line per URL with the status or
/// error code, a summary on stderr, exit 1 when any failed, and the pipeline's guard applied.
struct FetchCommandTests {
    private func pipeline(in dir: String, allowPrivate: Bool) throws -> String {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline type="rss" text="Unused" xmlUrl="http://127.0.0.1:9/feed.xml"/></body></opml>
            """
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let text = """
            name: fetch-test
            feeds: [feeds.opml]
            output: out
            fetch:
              allow_private_networks: \(allowPrivate)
              timeout: 5
            """
        let path = dir + "/pipeline-\(allowPrivate).yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func reportsEachURLAndFailsWhenOneFails() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/ok", .ok("hello", contentType: "text/plain"))
        server.route("/missing", .status(404))
        let dir = try RepositoryPaths.temporaryDirectory("fetch-cmd")
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let allowed = try pipeline(in: dir, allowPrivate: true)
        let run = try await BinaryRun.runDetached(["fetch", "--pipeline", allowed, server.url("/ok"), server.url("/missing")],
                                                  timeout: 60)
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 2)
        #expect(lines.contains { $0.first == "200" && $0.count >= 4 && $0[1] == "5" && $0[3] == server.url("/ok") })
        #expect(lines.contains { $0.first == "404" })
        #expect(run.stderr.contains("wirescore fetch: urls=2 failed=1 "))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "fetch writes nothing")

        // Without the pipeline's permission, 127.0.0.1 is refused like any private address.
        let guarded = try pipeline(in: dir, allowPrivate: false)
        let refused = try await BinaryRun.runDetached(["fetch", "--pipeline", guarded, server.url("/ok")], timeout: 60)
        #expect(refused.status == 1)
        #expect(refused.stdout.hasPrefix("blocked_address"), "\(refused.stdout)")
        #expect(server.requests.count == 2, "the guarded run never reached the server")
    }

    @Test func readsAURLListFileSkippingBlanksAndComments() async throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/a", .ok("aa", contentType: "text/plain"))
        server.route("/b", .ok("bbb", contentType: "text/plain"))
        let dir = try RepositoryPaths.temporaryDirectory("fetch-list")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = dir + "/urls.txt"
        try Data("# pages\n  \(server.url("/a"))  \n\n\t\(server.url("/b"))\r\n   \n".utf8).write(to: URL(fileURLWithPath: list))
        let run = try await BinaryRun.runDetached(["fetch", "--pipeline", try pipeline(in: dir, allowPrivate: true), "--urls", list],
                                                  timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let urls = run.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
        #expect(Set(urls) == [server.url("/a"), server.url("/b")])
        #expect(run.stderr.contains("urls=2 failed=0 bytes=5 "))
    }

    @Test func noURLIsAUsageError() async throws {
        let run = try await BinaryRun.runDetached(["fetch", "--pipeline", RepositoryPaths.demoPipeline], timeout: 60)
        #expect(run.status == 64)
        #expect(run.stderr.contains("no URL given"))
    }
}
