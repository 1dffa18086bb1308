import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

/// `per_host_interval` through the real fetcher: the second request to a host waits for its
/// turn (here far longer than the test), another host does not, and cancelling the wait ends
/// the fetch without a request. No clock is read: only who reached the server.
@Suite struct HostPacingTests {
    @Test func aPacedHostWaitsItsTurnAndCancellingTheWaitSendsNothing() async throws {
        var policy = testPolicy()
        policy.perHostInterval = .seconds(600)
        try await withServer(["/a": .ok("a"), "/b": .ok("b")], policy: policy) { server, fetcher in
            let first = try await fetcher.fetch(FetchRequest(url: server.url("/a"))).get()
            #expect(first.status == 200)
            let started = ContinuousClock.now
            let waiting = Task { await fetcher.fetch(FetchRequest(url: server.url("/b"))) }
            // The request has reserved the host's next turn, ten minutes on, and waits for it.
            let host = Transfer.hostKey(of: server.baseURL)
            #expect(await eventually { fetcher.pacer.lastReservation(host: host).map { $0 > started + .seconds(500) } ?? false })
            // Another host (the same server by another name) is not held up.
            let other = try await fetcher.fetch(FetchRequest(url: "http://localhost:\(server.port)/a")).get()
            #expect(other.status == 200)
            waiting.cancel()
            guard case let .failure(error) = await waiting.value else {
                Issue.record("the paced request was sent")
                return
            }
            #expect(error.code == .cancelled)
            #expect(server.requests.map(\.path) == ["/a", "/a"])
        }
    }
}
