import Foundation
import WirescoreFetch
import WirescoreTestSupport

/// The user agent every test fetcher sends, so tests can assert it arrived.
let testUserAgent = "wirescore-tests/0.1 (+https://contact.example)"

/// A policy suited to the local test server: private networks allowed, short limits.
func testPolicy(
    maxConcurrent: Int = 8, maxPerHost: Int = 4, totalTimeout: Duration = .seconds(10),
    lowSpeedLimit: Int = 0, lowSpeedTime: Duration = .seconds(1), maxBodyBytes: Int = 1 << 20,
    allowedProtocols: Set<FetchProtocol> = [.http, .https], retryAfterMaxWait: Duration = .seconds(2),
    allowPrivateNetworks: Bool = true
) -> FetchPolicy {
    FetchPolicy(userAgent: testUserAgent, maxConcurrent: maxConcurrent, maxPerHost: maxPerHost,
                connectTimeout: .seconds(5), totalTimeout: totalTimeout, lowSpeedLimit: lowSpeedLimit,
                lowSpeedTime: lowSpeedTime, maxBodyBytes: maxBodyBytes, allowedProtocols: allowedProtocols,
                retryAfterMaxWait: retryAfterMaxWait, allowPrivateNetworks: allowPrivateNetworks)
}

/// Starts a server and a fetcher, runs `body`, and always shuts both down.
func withServer<R>(
    _ routes: [String: TestHTTPServer.Behaviour], policy: FetchPolicy = testPolicy(),
    _ body: (TestHTTPServer, Fetcher) async throws -> R
) async throws -> R {
    let server = TestHTTPServer(routes: routes)
    try server.start()
    defer { server.stop() }
    let fetcher = try Fetcher(policy: policy)
    defer { fetcher.shutdown() }
    return try await body(server, fetcher)
}

extension Result {
    /// The failure, or nil on success (for `#expect(result.failure?.code == ...)`).
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
