import Foundation
import Testing
import WirescoreFetch
@testable import WirescoreObjectStore
import WirescoreTestSupport

/// Throttling and server errors from a scripted HTTP server on 127.0.0.1 (the answers S3
/// gives under load), with the waits recorded instead of slept.
struct S3RetryTests {
    private func client(_ server: TestHTTPServer) throws -> (S3Client, WaitLog) {
        let endpoint = S3Endpoint(baseURL: server.baseURL, pathStyle: true,
                                  credentials: SigV4Credentials(accessKeyID: "k", secretAccessKey: "s", region: "us-east-1"))
        let client = try S3Client(location: S3Location(parsing: "s3://bucket"), endpoint: endpoint)
        let log = WaitLog()
        client.sleep = { log.waits.append($0) }
        return (client, log)
    }

    final class WaitLog: @unchecked Sendable { var waits: [Double] = [] }

    static let slowDown = TestHTTPServer.Behaviour.respond(
        status: 503, headers: [.init("Content-Type", "application/xml")],
        body: Array("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".utf8))

    @Test func slowDownIsRetriedWithGrowingWaitsAndRetryAfterIsHonoured() throws {
        let server = TestHTTPServer(routes: ["/bucket/k": .sequence([
            Self.slowDown,
            .respond(status: 503, headers: [.init("Retry-After", "3")], body: Array("<Error><Code>SlowDown</Code></Error>".utf8)),
            .status(200),
        ])])
        try server.start()
        defer { server.stop() }
        let (client, log) = try client(server)
        try client.put("k", body: Array("line\n".utf8))
        #expect(server.requests.count == 3)
        #expect(log.waits.count == 2)
        #expect(log.waits[1] >= 3)
        // Every attempt carried the body's SHA-256 and a SigV4 signature.
        #expect(server.requests.allSatisfy {
            $0.header("x-amz-content-sha256") == "c73b73af8851e9e91bc6b4dc12e7dace0a2bfb931c1d0b8b36ef367319f58cd1"
        })
        #expect(server.requests.allSatisfy { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=k/") == true })
    }

    @Test func throttlingThatDoesNotEndIsReportedWithTheS3Code() throws {
        let server = TestHTTPServer(routes: ["/bucket/k": Self.slowDown])
        try server.start()
        defer { server.stop() }
        let (client, log) = try client(server)
        client.retry = .init(attempts: 3, baseDelay: 0.5, maxDelay: 1)
        #expect { try client.put("k", body: [1]) } throws: { error in
            (error as? S3Error)?.description == "upload s3://bucket/k: 503 SlowDown: Please reduce your request rate."
        }
        #expect(server.requests.count == 3)
        #expect(log.waits.allSatisfy { $0 >= 0.25 && $0 <= 1 })
    }

    @Test func aRefusalIsNotRetried() throws {
        let server = TestHTTPServer(routes: ["/bucket/k": .respond(status: 403, headers: [],
            body: Array("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".utf8))])
        try server.start()
        defer { server.stop() }
        let (client, log) = try client(server)
        #expect { try client.put("k", body: [1]) } throws: { ($0 as? S3Error)?.isConfiguration == true }
        #expect(server.requests.count == 1)
        #expect(log.waits.isEmpty)
    }

    @Test func anUploadCutMidWayIsSentAgainToTheSameKey() throws {
        // The connection dies before the store answers (the upload may or may not have landed):
        // the same PUT again replaces whatever arrived.
        let server = TestHTTPServer(routes: ["/bucket/raw/date%3D2026-12-01/r.warc.gz": .sequence([
            .resetMidBody(declaredLength: 100, sent: Array("HTTP/1.1".utf8)),
            .status(200),
        ])])
        try server.start()
        defer { server.stop() }
        let (client, log) = try client(server)
        try client.put("raw/date=2026-12-01/r.warc.gz", body: [UInt8](repeating: 7, count: 4096))
        #expect(server.requests.count == 2)
        #expect(Set(server.requests.map(\.path)).count == 1)
        #expect(log.waits.count == 1)
        #expect(client.bytesUploaded == 4096)
    }
}
