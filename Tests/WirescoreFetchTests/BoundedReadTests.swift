import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

/// A document read only in part (robots.txt): the fetcher keeps the bytes up to the
/// request's cap and says so, instead of failing the fetch.
@Suite struct BoundedReadTests {
    @Test func aTenMegabyteRobotsTxtIsReadUpToTheCapAndStillParsed() async throws {
        let pattern = Array("User-agent: *\nDisallow: /private/\nAllow: /private/open/\n".utf8)
        let routes: [String: TestHTTPServer.Behaviour] = [
            "/robots.txt": .stream(status: 200, headers: [.init("Content-Type", "text/plain")],
                                   length: 10_000_000, pattern: pattern),
        ]
        try await withServer(routes) { server, fetcher in
            var request = FetchRequest(url: server.url("/robots.txt"))
            request.maxBodyBytes = 500 * 1024
            request.truncatesBody = true
            let response = try await fetcher.fetch(request).get()
            #expect(response.status == 200)
            #expect(response.truncated)
            #expect(response.body.count == 500 * 1024)
            let rules = RobotsRules(parsing: response.body, userAgent: "wirescore", truncated: response.truncated)
            #expect(!rules.allows(server.url("/private/x")))
            #expect(rules.allows(server.url("/private/open/x")))
            #expect(rules.allows(server.url("/news/x")))

            // The same cap without truncation fails the fetch, as any oversized body does.
            var strict = FetchRequest(url: server.url("/robots.txt"))
            strict.maxBodyBytes = 500 * 1024
            guard case let .failure(error) = await fetcher.fetch(strict) else {
                Issue.record("an oversized body was accepted")
                return
            }
            #expect(error.code == .tooLarge)
        }
    }
}
