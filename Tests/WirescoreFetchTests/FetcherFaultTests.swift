import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

/// The fetcher against the fault server's modes that need a fetch-level answer: every one
/// fails with its own code, none hangs past the policy's limits, none yields a partial body.
@Suite struct FetcherFaultTests {
    static let page = Array(String(repeating: "<p>Acme Corp beat estimates again this quarter.</p>\n", count: 40).utf8)

    func fetch(_ mode: FaultMode, policy: FetchPolicy = testPolicy(totalTimeout: .seconds(2), lowSpeedLimit: 64,
                                                                     maxBodyBytes: 256 << 10)) async throws
        -> Result<FetchResponse, FetchError> {
        try await withServer([:], policy: policy) { server, fetcher in
            server.route("/x", mode.behaviour(target: .article, healthy: Self.page, contentType: "text/html", path: "/x"))
            return await fetcher.fetch(FetchRequest(url: server.url("/x")))
        }
    }

    @Test func truncatedGzipFailsInsteadOfYieldingHalfAPage() async throws {
        let result = try await fetch(.truncatedGzip)
        #expect(result.failure?.code == .transfer, "\(result)")
        #expect(result.failure?.message.contains("gzip body truncated") == true)
    }

    @Test func wholeGzipStillDecodes() async throws {
        try await withServer(["/x": .gzip(body: Self.page, contentType: "text/html")]) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/x")))
            #expect(result.failure == nil, "\(result)")
            #expect((try? result.get())?.body == Self.page)
        }
        // An empty body, gzip-encoded, is whole too.
        try await withServer(["/x": .gzip(body: [], contentType: "text/html")]) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/x")))
            #expect(result.failure == nil, "\(result)")
            #expect((try? result.get())?.body.isEmpty == true)
        }
    }

    /// Without content decoding (`acceptEncoding: nil`) a gzip body arrives as is and is not
    /// mistaken for a truncated one.
    @Test func undecodedGzipIsNotCheckedAgainstItsTrailer() async throws {
        var policy = testPolicy()
        policy.acceptEncoding = nil
        try await withServer(["/x": .gzip(body: Self.page, contentType: "text/html")], policy: policy) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/x")))
            #expect(result.failure == nil, "\(result)")
            #expect((try? result.get())?.body == GzipStored.encode(Self.page))
        }
    }

    @Test func gzipBombStopsAtTheCap() async throws {
        let result = try await fetch(.gzipBomb)
        #expect(result.failure?.code == .tooLarge, "\(result)")
    }

    @Test func metadataAddressIsRefusedEvenWithPrivateNetworksAllowed() async throws {
        let result = try await fetch(.redirectToMetadata)
        #expect(result.failure?.code == .blockedAddress, "\(result)")
        #expect(result.failure?.message.contains("169.254.169.254") == true)
        #expect(AddressPolicy.metadataReason(ipv4: [169, 254, 169, 254]) != nil)
        #expect(AddressPolicy.metadataReason(ipv4: [169, 254, 170, 2]) != nil)
        #expect(AddressPolicy.metadataReason(ipv4: [169, 254, 1, 1]) == nil)   // other link-local: the pipeline's call
        #expect(AddressPolicy.metadataReason(ipv4: [127, 0, 0, 1]) == nil)
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 169, 254, 169, 254]
        #expect(AddressPolicy.metadataReason(ipv6: mapped) != nil)
        #expect(AddressPolicy.metadataReason(ipv6: [0xFD, 0, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54]) != nil)
    }

    @Test(arguments: [FaultMode.redirectLoop, .redirectToFile, .endless, .hugeOneLine, .noResponse, .drip, .resetMidBody])
    func failsWithItsOwnCode(_ mode: FaultMode) async throws {
        let result = try await fetch(mode)
        let want: [FaultMode: FetchError.Code] = [.redirectLoop: .tooManyRedirects, .redirectToFile: .protocolNotAllowed,
                                                  .endless: .tooLarge, .hugeOneLine: .tooLarge, .noResponse: .timeout,
                                                  .drip: .timeout, .resetMidBody: .connection]
        #expect(result.failure?.code == want[mode], "\(mode): \(result)")
    }
}
