import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

/// Failure messages say what happened and what to do, against the real test server.
@Suite struct FetchMessageTests {
    /// libcurl reports a header line over its 100 KB limit as "Out of memory" (CURLE_OUT_OF_MEMORY;
    /// CURLE_TOO_LARGE from curl 8.6): the message must name the header instead.
    @Test func overLongResponseHeaderIsNamed() async throws {
        let big = String(repeating: "a", count: 200_000)
        let routes: [String: TestHTTPServer.Behaviour] = [
            "/big": .respond(status: 200, headers: [.init("Content-Type", "text/html"), .init("X-Padding", big)],
                             body: Array("<p>hi</p>".utf8)),
        ]
        try await withServer(routes) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/big")))
            let error = try #require(result.failure, "\(result)")
            #expect(error.code == .tooLarge, "\(error)")
            #expect(error.message.contains("response header too large"), "\(error)")
            #expect(!error.description.lowercased().contains("out of memory"), "\(error)")
        }
    }

    /// A refused private address names the pipeline key that allows it; the metadata services,
    /// which no key opens, say so instead.
    @Test func blockedAddressNamesThePipelineKey() async throws {
        try await withServer(["/x": .ok("hi")], policy: testPolicy(allowPrivateNetworks: false)) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/x")))
            let error = try #require(result.failure, "\(result)")
            #expect(error.code == .blockedAddress)
            #expect(error.message.contains("127.0.0.1"), "\(error)")
            #expect(error.message.contains("fetch.allow_private_networks: true"), "\(error)")
        }
        try await withServer([:], policy: testPolicy(allowPrivateNetworks: true)) { _, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: "http://169.254.169.254/latest/meta-data/"))
            let error = try #require(result.failure, "\(result)")
            #expect(error.code == .blockedAddress)
            #expect(error.message.contains("never fetched"), "\(error)")
            #expect(!error.message.contains("allow_private_networks: true"), "\(error)")
        }
    }
}
