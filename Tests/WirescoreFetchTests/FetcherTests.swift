import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

typealias Behaviour = TestHTTPServer.Behaviour
typealias Header = TestHTTPServer.Header

@Suite struct FetcherResponseTests {
    @Test func okReturnsBodyHeadersAndSentRequest() async throws {
        try await withServer(["/hello": .ok("hello world", headers: [Header("X-Test", "yes")])]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/hello"))).get()
            #expect(response.status == 200)
            #expect(text(response.body) == "hello world")
            #expect(response.header("x-test") == "yes")
            #expect(response.contentType == "text/plain; charset=utf-8")
            #expect(response.httpVersion == "HTTP/1.1")
            #expect(response.finalURL == server.url("/hello"))
            #expect(response.redirectCount == 0)
            #expect(!response.isNotModified)
            #expect(response.requestHeaderLines.first == "GET /hello HTTP/1.1")
            #expect(response.requestHeaderLines.contains("User-Agent: \(testUserAgent)"))

            let sent = try #require(server.requests.first)
            #expect(sent.method == "GET")
            #expect(sent.path == "/hello")
            #expect(sent.header("User-Agent") == testUserAgent)
            #expect(sent.header("Accept-Encoding")?.contains("gzip") == true)
        }
    }

    @Test func notFoundAndServerErrorAreResponses() async throws {
        try await withServer(["/boom": .status(500)]) { server, fetcher in
            let missing = try await fetcher.fetch(FetchRequest(url: server.url("/nope"))).get()
            #expect(missing.status == 404)
            let broken = try await fetcher.fetch(FetchRequest(url: server.url("/boom"))).get()
            #expect(broken.status == 500)
            #expect(text(broken.body) == "status 500\n")
        }
    }

    @Test func extraHeadersAreSent() async throws {
        try await withServer(["/h": .ok("x")]) { server, fetcher in
            let request = FetchRequest(url: server.url("/h"), extraHeaders: [("Accept", "application/rss+xml")])
            _ = try await fetcher.fetch(request).get()
            #expect(server.requests.first?.header("Accept") == "application/rss+xml")
        }
    }

    @Test func headerInjectionIsRefused() async throws {
        try await withServer([:]) { server, fetcher in
            let request = FetchRequest(url: server.url("/h"), extraHeaders: [("X-Evil", "a\r\nHost: other")])
            let result = await fetcher.fetch(request)
            #expect(result.failure?.code == .invalidRequest)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func gzipBodyIsDecoded() async throws {
        // Over 64 KiB so the stored gzip member spans several DEFLATE blocks.
        let original = Array((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try await withServer(["/z": .gzip(body: original, contentType: "application/octet-stream")]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/z"))).get()
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.body.count == original.count)
            #expect(response.body == original)
        }
    }

    @Test func resetMidBodyIsAnError() async throws {
        try await withServer(["/cut": .resetMidBody(declaredLength: 10_000, sent: Array(repeating: 65, count: 100))]) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/cut")))
            let code = try #require(result.failure?.code)
            #expect(code == .connection || code == .transfer)
        }
    }

    @Test func badURLsAreErrors() async throws {
        let fetcher = try Fetcher(policy: testPolicy())
        defer { fetcher.shutdown() }
        #expect(await fetcher.fetch(FetchRequest(url: "http://")).failure?.code == .badURL)
        #expect(await fetcher.fetch(FetchRequest(url: "gopher://example.com/")).failure?.code == .protocolNotAllowed)
        // No explicit scheme: libcurl would guess http and fetch "http://mailto:x@host/".
        #expect(await fetcher.fetch(FetchRequest(url: "mailto:x@example.com")).failure?.code == .badURL)
        #expect(await fetcher.fetch(FetchRequest(url: "example.com/page")).failure?.code == .badURL)
    }
}

@Suite struct FetcherRedirectTests {
    @Test func redirectChainIsFollowedAndOnlyFinalHeadersKept() async throws {
        let routes: [String: Behaviour] = [
            "/r1": .redirect(to: "/r2"), "/r2": .redirect(to: "/r3"), "/r3": .redirect(to: "/final"),
            "/final": .ok("arrived"),
        ]
        try await withServer(routes) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/r1"))).get()
            #expect(response.status == 200)
            #expect(text(response.body) == "arrived")
            #expect(response.requestedURL == server.url("/r1"))
            #expect(response.finalURL == server.url("/final"))
            #expect(response.redirectCount == 3)
            #expect(response.header("Location") == nil)
            #expect(response.headers.filter { $0.name.lowercased() == "content-length" }.count == 1)
            #expect(response.requestHeaderLines.first == "GET /final HTTP/1.1")
            #expect(server.requests.map(\.path) == ["/r1", "/r2", "/r3", "/final"])
        }
    }

    @Test func moreThanFiveRedirectsFail() async throws {
        var routes: [String: Behaviour] = ["/s7": .ok("too far")]
        for step in 0..<7 { routes["/s\(step)"] = .redirect(to: "/s\(step + 1)") }
        try await withServer(routes) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/s0")))
            #expect(result.failure?.code == .tooManyRedirects)
            #expect(server.requests.count == 6)   // the first request and five followed
        }
    }

    @Test func redirectLoopFails() async throws {
        try await withServer(["/a": .redirect(to: "/b"), "/b": .redirect(to: "/a")]) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/a")))
            #expect(result.failure?.code == .tooManyRedirects)
        }
    }

    @Test func redirectToFileIsRefusedEvenWhenFileIsAllowed() async throws {
        let policy = testPolicy(allowedProtocols: [.http, .https, .file])
        try await withServer(["/evil": .redirect(to: "file:///etc/passwd")], policy: policy) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/evil")))
            #expect(result.failure?.code == .protocolNotAllowed)
        }
    }
}

@Suite struct FetcherConditionalTests {
    @Test func validatorsAreSentAndNotModifiedReported() async throws {
        let etag = "\"v1\""
        let date = "Wed, 21 Oct 2015 07:28:00 GMT"
        try await withServer(["/feed": .conditional(etag: etag, lastModified: date, body: Array("<rss/>".utf8))]) { server, fetcher in
            let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed"))).get()
            #expect(first.status == 200)
            #expect(first.etag == etag)
            #expect(first.lastModified == date)

            let again = FetchRequest(url: server.url("/feed"), etag: first.etag, lastModified: first.lastModified)
            let second = try await fetcher.fetch(again).get()
            #expect(second.status == 304)
            #expect(second.isNotModified)
            #expect(second.body.isEmpty)
            #expect(second.etag == etag)

            let sent = try #require(server.requests.last)
            #expect(sent.header("If-None-Match") == etag)
            #expect(sent.header("If-Modified-Since") == date)
        }
    }

    /// Easy handles are pooled with their shared options kept: nothing of one request (its
    /// validators, extra headers, target) may carry into the next on the same handle.
    @Test func aReusedHandleSendsOnlyItsOwnRequestsHeaders() async throws {
        let policy = testPolicy(maxConcurrent: 1, maxPerHost: 1)   // one lane, one handle
        try await withServer(["/a": .ok("a"), "/b": .ok("b")], policy: policy) { server, fetcher in
            let first = FetchRequest(url: server.url("/a"), etag: "\"e1\"", lastModified: "Wed, 21 Oct 2015 07:28:00 GMT",
                                     extraHeaders: [("X-Probe", "one")])
            #expect(try await fetcher.fetch(first).get().status == 200)
            let second = try await fetcher.fetch(FetchRequest(url: server.url("/b"))).get()
            #expect(text(second.body) == "b")
            #expect(second.requestHeaderLines.first == "GET /b HTTP/1.1")
            #expect(second.requestHeaderLines.contains("User-Agent: \(testUserAgent)"))
            let sent = try #require(server.requests.last)
            #expect(sent.path == "/b")
            #expect(sent.header("If-None-Match") == nil)
            #expect(sent.header("If-Modified-Since") == nil)
            #expect(sent.header("X-Probe") == nil)
            #expect(sent.header("User-Agent") == testUserAgent)
        }
    }

    @Test func lastModifiedAloneGivesNotModified() async throws {
        let date = "Wed, 21 Oct 2015 07:28:00 GMT"
        try await withServer(["/page": .conditional(etag: nil, lastModified: date, body: Array("x".utf8))]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/page"), lastModified: date)).get()
            #expect(response.isNotModified)
            #expect(server.requests.first?.header("If-None-Match") == nil)
        }
    }
}

@Suite struct FetcherLimitTests {
    /// The server stays silent for 60 s and then hangs up (a connection error): `.timeout` can
    /// only come from the 1 s total limit.
    @Test func totalTimeout() async throws {
        let policy = testPolicy(totalTimeout: .seconds(1))
        try await withServer(["/hang": .noResponse], policy: policy) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/hang")))
            #expect(result.failure?.code == .timeout)
        }
    }

    /// The whole drip (60 bytes, one per 0.5 s) finishes well within the total limit, so
    /// `.timeout` can only come from the low-speed limit (100 bytes/s over 1 s).
    @Test func lowSpeedTimeout() async throws {
        let policy = testPolicy(totalTimeout: .seconds(120), lowSpeedLimit: 100, lowSpeedTime: .seconds(1))
        let drip = Behaviour.drip(body: Array(repeating: 46, count: 60), interval: .milliseconds(500))
        try await withServer(["/drip": drip], policy: policy) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/drip")))
            #expect(result.failure?.code == .timeout)
        }
    }

    @Test func bodyOverCapIsTooLarge() async throws {
        let policy = testPolicy(maxBodyBytes: 1000)
        let routes: [String: Behaviour] = [
            "/exact": .respond(status: 200, headers: [], body: Array(repeating: 1, count: 1000)),
            "/big": .respond(status: 200, headers: [], body: Array(repeating: 1, count: 10_000)),
            "/endless": .endless(chunk: Array(repeating: 2, count: 512)),
            // 5000 bytes decoded; the cap applies after decompression.
            "/zipped": .gzip(body: Array(repeating: 3, count: 5000), contentType: "text/plain"),
        ]
        try await withServer(routes, policy: policy) { server, fetcher in
            let exact = try await fetcher.fetch(FetchRequest(url: server.url("/exact"))).get()
            #expect(exact.body.count == 1000)
            #expect(await fetcher.fetch(FetchRequest(url: server.url("/big"))).failure?.code == .tooLarge)
            #expect(await fetcher.fetch(FetchRequest(url: server.url("/endless"))).failure?.code == .tooLarge)
            #expect(await fetcher.fetch(FetchRequest(url: server.url("/zipped"))).failure?.code == .tooLarge)
        }
    }

    @Test func shortRetryAfterIsRetriedOnce() async throws {
        try await withServer(["/busy": .sequence([.retryAfter(1), .ok("now")])]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/busy"))).get()
            #expect(response.status == 200)
            #expect(text(response.body) == "now")
            #expect(response.wasRetried)
            #expect(server.requests.count == 2)
        }
    }

    @Test func retryHappensOnlyOnce() async throws {
        try await withServer(["/down": .retryAfter(1, status: 503)]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/down"))).get()
            #expect(response.status == 503)
            #expect(response.retryAfter == 1)
            #expect(server.requests.count == 2)
        }
    }

    @Test func longRetryAfterIsReturned() async throws {
        try await withServer(["/slow-down": .retryAfter(120)]) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/slow-down"))).get()
            #expect(response.status == 429)
            #expect(response.retryAfter == 120)
            #expect(!response.wasRetried)
            #expect(server.requests.count == 1)
        }
    }

    @Test func invalidPolicyIsRejected() {
        #expect(throws: FetchError.self) { try Fetcher(policy: testPolicy(maxConcurrent: 0)) }
        #expect(throws: FetchError.self) { try Fetcher(policy: testPolicy(allowedProtocols: [])) }
    }
}

@Suite struct FetcherProtocolTests {
    private func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("wirescore-fetch-\(UUID().uuidString).xml")
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test func fileIsRefusedByDefault() async throws {
        let file = try temporaryFile("<rss/>")
        defer { try? FileManager.default.removeItem(at: file) }
        let fetcher = try Fetcher(policy: testPolicy())
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: file.absoluteString))
        #expect(result.failure?.code == .protocolNotAllowed)
    }

    @Test func fileIsReadWhenAllowed() async throws {
        let file = try temporaryFile("<rss version=\"2.0\"/>")
        defer { try? FileManager.default.removeItem(at: file) }
        let fetcher = try Fetcher(policy: testPolicy(allowedProtocols: [.file]))
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: file.absoluteString, allowsFile: true)).get()
        #expect(response.status == 200)
        #expect(response.httpVersion == nil)
        #expect(text(response.body) == "<rss version=\"2.0\"/>")

        // The policy allowing file: is not enough: the request must be one the operator listed.
        let unlisted = await fetcher.fetch(FetchRequest(url: file.absoluteString))
        #expect(unlisted.failure?.code == .protocolNotAllowed)

        let missing = await fetcher.fetch(FetchRequest(url: file.absoluteString + ".missing", allowsFile: true))
        #expect(missing.failure != nil)
    }

    @Test func loopbackIsBlockedWithoutPrivateNetworks() async throws {
        let policy = testPolicy(allowPrivateNetworks: false)
        try await withServer(["/secret": .ok("metadata")], policy: policy) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.url("/secret")))
            #expect(result.failure?.code == .blockedAddress)
            #expect(result.failure?.message.contains("127.0.0.1") == true)
            let byName = await fetcher.fetch(FetchRequest(url: "http://localhost:\(server.port)/secret"))
            #expect(byName.failure?.code == .blockedAddress)
            #expect(server.acceptedConnections == 0)
        }
    }

    @Test func everyRedirectHopIsChecked() async throws {
        let target = TestHTTPServer(routes: ["/internal": .ok("internal secret")])
        try target.start()
        defer { target.stop() }
        // Only the first server's port is exempt, standing in for a public host that
        // redirects to an internal one.
        var policy = testPolicy(allowPrivateNetworks: false)
        try await withServer([:], policy: policy) { first, _ in
            first.route("/hop", .redirect(to: target.url("/internal")))
            policy.loopbackPortsExemptForTesting = [first.port]
            let fetcher = try Fetcher(policy: policy)
            defer { fetcher.shutdown() }
            let result = await fetcher.fetch(FetchRequest(url: first.url("/hop")))
            #expect(result.failure?.code == .blockedAddress)
            #expect(first.requests.map(\.path) == ["/hop"])
            #expect(target.acceptedConnections == 0)
        }
    }
}

@Suite struct FetcherConcurrencyTests {
    @Test func manyConcurrentFetchesRespectPerHostCap() async throws {
        let policy = testPolicy(maxConcurrent: 16, maxPerHost: 4)
        let route: Behaviour = .delayed(.milliseconds(10), then: .ok("item"))
        try await withServer(["/item": route], policy: policy) { server, fetcher in
            let statuses = await withTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let result = await fetcher.fetch(FetchRequest(url: server.url("/item?n=\(index)")))
                        guard case .success(let response) = result, text(response.body) == "item" else { return -1 }
                        return response.status
                    }
                }
                var collected: [Int] = []
                for await status in group { collected.append(status) }
                return collected
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(server.requests.count == 200)
            #expect(Set(server.requests.map(\.path)).count == 200)
            #expect(server.maxOpenConnections <= 4)
            #expect(server.maxActiveRequests <= 4)
            #expect(server.maxActiveRequests >= 2)   // transfers really overlapped
            #expect(server.acceptedConnections <= 20)  // connections were reused
        }
    }

    @Test func inFlightCapHolds() async throws {
        let policy = testPolicy(maxConcurrent: 2, maxPerHost: 8)
        try await withServer(["/slow": .delayed(.milliseconds(20), then: .ok("s"))], policy: policy) { server, fetcher in
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = await fetcher.fetch(FetchRequest(url: server.url("/slow?i=\(index)"))) }
                }
            }
            #expect(server.requests.count == 20)
            #expect(server.maxActiveRequests <= 2)
            #expect(server.maxOpenConnections <= 2)
        }
    }

    /// The total limit is far above any wait for a thread, so the hang ends by cancellation.
    @Test func cancellationEndsTheTransfer() async throws {
        let policy = testPolicy(totalTimeout: .seconds(120))
        try await withServer(["/hang": .noResponse, "/ok": .ok("fine")], policy: policy) { server, fetcher in
            let task = Task { await fetcher.fetch(FetchRequest(url: server.url("/hang"))) }
            #expect(await eventually { server.requests.count == 1 })
            task.cancel()
            let result = await task.value
            #expect(result.failure?.code == .cancelled)
            // The fetcher keeps working after a cancellation.
            let after = try await fetcher.fetch(FetchRequest(url: server.url("/ok"))).get()
            #expect(text(after.body) == "fine")
        }
    }

    @Test func alreadyCancelledTaskReturnsAtOnce() async throws {
        try await withServer(["/ok": .ok("fine")]) { server, fetcher in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await fetcher.fetch(FetchRequest(url: server.url("/ok")))
            }
            #expect(await task.value.failure?.code == .cancelled)
        }
    }

    /// The callback form keeps a fixed number of fetches going, each completion starting the
    /// next (what `wirescore fetch` does): every URL gets exactly one result, within the caps.
    @Test func completionsThatStartTheNextFetchCoverEveryURL() async throws {
        let policy = testPolicy(maxConcurrent: 8, maxPerHost: 4)
        try await withServer(["/item": .delayed(.milliseconds(5), then: .ok("item"))], policy: policy) { server, fetcher in
            let urls = (0..<120).map { server.url("/item?n=\($0)") }
            let chain = CompletionChain(urls: urls, fetcher: fetcher)
            let results = await chain.run(inFlight: 6)
            #expect(results.count == urls.count)
            #expect(Set(results.map(\.url)) == Set(urls))
            #expect(results.allSatisfy { $0.status == 200 && $0.body == "item" })
            #expect(server.requests.count == urls.count)
            #expect(server.maxActiveRequests <= 4)
            #expect(server.maxActiveRequests >= 2)
        }
    }

    @Test func completionAfterShutdownIsCancelledAndNotReentrant() async throws {
        try await withServer(["/ok": .ok("fine")]) { server, fetcher in
            fetcher.shutdown()
            // Which thread is inside `fetch` right now (nil once it returned): a completion
            // running on that thread meanwhile would have been called from inside `fetch`.
            let insideCall = NSLock()
            nonisolated(unsafe) var callerInside: pthread_t? = nil
            let (code, reentrant) = await withCheckedContinuation { done in
                insideCall.withLock { callerInside = pthread_self() }
                fetcher.fetch(FetchRequest(url: server.url("/ok"))) { result in
                    let reentrant = insideCall.withLock { callerInside.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
                    done.resume(returning: (result.failure?.code, reentrant))
                }
                insideCall.withLock { callerInside = nil }
            }
            #expect(code == .cancelled)
            #expect(!reentrant)
            #expect(server.requests.isEmpty)
        }
    }

    /// Nothing here waits on this test's task being scheduled: the callback form hands the
    /// request to the loop thread at once, `eventually` has a generous bound, and the total
    /// limit is far above any wait for a thread (it once flaked with a task-started fetch, a
    /// 5 s bound and a 10 s limit while other tests held both of the pool's threads).
    @Test func shutdownFailsInFlightAndLaterFetches() async throws {
        let policy = testPolicy(totalTimeout: .seconds(120))
        try await withServer(["/hang": .noResponse], policy: policy) { server, fetcher in
            let (results, delivered) = AsyncStream.makeStream(of: Result<FetchResponse, FetchError>.self)
            fetcher.fetch(FetchRequest(url: server.url("/hang"))) { result in
                delivered.yield(result)
                delivered.finish()
            }
            #expect(await eventually { server.requests.count == 1 })
            fetcher.shutdown()
            var inFlight = results.makeAsyncIterator()
            #expect(await inFlight.next()?.failure?.code == .cancelled)
            #expect(await fetcher.fetch(FetchRequest(url: server.url("/hang"))).failure?.code == .cancelled)
            fetcher.shutdown()   // idempotent
        }
    }
}

/// Drives a URL list through `Fetcher.fetch(_:completion:)`, `inFlight` at a time.
private final class CompletionChain: @unchecked Sendable {
    // @unchecked: `next`, `results` and `done` are touched only while `lock` is held.
    struct Outcome: Sendable { var url: String; var status: Int; var body: String }
    private let urls: [String]
    private let fetcher: Fetcher
    private let lock = NSLock()
    private var next = 0
    private var results: [Outcome] = []
    private var done: CheckedContinuation<[Outcome], Never>?

    init(urls: [String], fetcher: Fetcher) { self.urls = urls; self.fetcher = fetcher }

    func run(inFlight: Int) async -> [Outcome] {
        await withCheckedContinuation { done in
            lock.withLock { self.done = done }
            for _ in 0..<inFlight { startNext() }
        }
    }

    private func startNext() {
        let url: String? = lock.withLock {
            guard next < urls.count else { return nil }
            defer { next += 1 }
            return urls[next]
        }
        guard let url else { return }
        fetcher.fetch(FetchRequest(url: url)) { result in
            let outcome: Outcome
            switch result {
            case .success(let response): outcome = Outcome(url: url, status: response.status, body: text(response.body))
            case .failure(let error): outcome = Outcome(url: url, status: -1, body: error.message)
            }
            let finished = self.lock.withLock { () -> (CheckedContinuation<[Outcome], Never>, [Outcome])? in
                self.results.append(outcome)
                guard self.results.count == self.urls.count, let done = self.done else { return nil }
                self.done = nil
                return (done, self.results)
            }
            if let (done, all) = finished { done.resume(returning: all) } else { self.startNext() }
        }
    }
}
