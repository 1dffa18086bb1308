import Foundation
import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

/// Fetching through an HTTP proxy: the test server plays the proxy (it answers absolute-form
/// request lines, `GET http://host/path HTTP/1.1`, by full URL). The private-network guard
/// still judges the target: before the first request and on every redirect hop.
@Suite struct ProxyTests {
    /// A guarded policy (private networks refused) whose only loopback exemption is the proxy.
    private func proxied(through server: TestHTTPServer, allowPrivate: Bool = false, noProxy: String? = nil) -> FetchPolicy {
        var policy = testPolicy(allowPrivateNetworks: allowPrivate)
        policy.proxy = server.baseURL
        policy.noProxy = noProxy
        policy.loopbackPortsExemptForTesting = [server.port]
        return policy
    }

    private func withProxy<R>(allowPrivate: Bool = false, noProxy: String? = nil,
                              _ body: (TestHTTPServer, Fetcher) async throws -> R) async throws -> R {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let fetcher = try Fetcher(policy: proxied(through: server, allowPrivate: allowPrivate, noProxy: noProxy))
        defer { fetcher.shutdown() }
        return try await body(server, fetcher)
    }

    @Test func requestsGoThroughTheProxy() async throws {
        try await withProxy { server, fetcher in
            server.route("http://feeds.example.test/feed.xml", .ok("proxied", contentType: "text/plain"))
            let result = await fetcher.fetch(FetchRequest(url: "http://feeds.example.test/feed.xml"))
            let response = try result.get()
            #expect(response.status == 200)
            #expect(text(response.body) == "proxied")
            #expect(server.requests.map(\.path) == ["http://feeds.example.test/feed.xml"])
        }
    }

    /// The proxy is not asked to fetch a private, loopback or metadata target, written as any
    /// form of literal address or as a local-only name.
    @Test(arguments: ["http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://2130706433/",
                      "http://0x7f.1/", "http://[::1]/", "http://[fd00:ec2::254]/", "http://intranet/x",
                      "http://printer.local/", "http://db.internal:5432/", "http://metadata.google.internal/",
                      "http://user@192.168.1.1:8080/admin"])
    func privateTargetsAreRefusedBeforeTheProxySeesThem(_ url: String) async throws {
        try await withProxy { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: url))
            #expect(result.failure?.code == .blockedAddress, "\(url): \(result)")
            #expect(server.requests.isEmpty, "\(url) reached the proxy")
        }
    }

    @Test func aRedirectToAPrivateAddressIsRefusedAtTheHop() async throws {
        try await withProxy { server, fetcher in
            server.route("http://feeds.example.test/moved", .redirect(to: "http://10.1.2.3/secret"))
            server.route("http://10.1.2.3/secret", .ok("secret", contentType: "text/plain"))
            let result = await fetcher.fetch(FetchRequest(url: "http://feeds.example.test/moved"))
            #expect(result.failure?.code == .blockedAddress, "\(result)")
            #expect(result.failure?.message.contains("10.1.2.3") == true, "\(result)")
            #expect(server.requests.map(\.path) == ["http://feeds.example.test/moved"])
        }
    }

    @Test func allowingPrivateNetworksLetsThemThroughButNotMetadata() async throws {
        try await withProxy(allowPrivate: true) { server, fetcher in
            server.route("http://10.0.0.1/x", .ok("inside", contentType: "text/plain"))
            let inside = await fetcher.fetch(FetchRequest(url: "http://10.0.0.1/x"))
            #expect((try? inside.get())?.status == 200, "\(inside)")
            let metadata = await fetcher.fetch(FetchRequest(url: "http://169.254.169.254/latest/meta-data/"))
            #expect(metadata.failure?.code == .blockedAddress, "\(metadata)")
            #expect(metadata.failure?.message.contains("never fetched") == true, "\(metadata)")
            #expect(server.requests.map(\.path) == ["http://10.0.0.1/x"])
        }
    }

    /// A host in `noProxy` is fetched directly: the proxy never hears of it.
    /// A proxy on loopback needs no `allow_private_networks` and no test exemption: its own
    /// address is the operator's choice. A target reached directly (no_proxy) on loopback is
    /// still refused.
    @Test func aProxyOnLoopbackIsTrustedButTargetsAreStillGuarded() async throws {
        let proxy = TestHTTPServer()
        try proxy.start()
        defer { proxy.stop() }
        let target = TestHTTPServer()
        try target.start()
        defer { target.stop() }
        proxy.route("http://feeds.example.test/feed.xml", .ok("proxied", contentType: "text/plain"))
        target.route("/secret", .ok("internal", contentType: "text/plain"))
        var policy = testPolicy(allowPrivateNetworks: false)
        policy.proxy = proxy.baseURL
        policy.noProxy = "internal.example.test"
        let fetcher = try Fetcher(policy: policy)
        defer { fetcher.shutdown() }
        let through = try await fetcher.fetch(FetchRequest(url: "http://feeds.example.test/feed.xml")).get()
        #expect(text(through.body) == "proxied")
        let direct = await fetcher.fetch(FetchRequest(url: "http://localhost:\(target.port)/secret"))
        #expect(direct.failure?.code == .blockedAddress)
        #expect(target.requests.isEmpty)
    }

    @Test func noProxyHostsGoDirect() async throws {
        try await withProxy(noProxy: "direct.example.test") { server, fetcher in
            server.route("http://feeds.example.test/a", .ok("a", contentType: "text/plain"))
            let proxied = await fetcher.fetch(FetchRequest(url: "http://feeds.example.test/a"))
            #expect((try? proxied.get())?.status == 200, "\(proxied)")
            let direct = await fetcher.fetch(FetchRequest(url: "http://direct.example.test/b"))
            #expect(direct.failure != nil, "\(direct)")   // .test never resolves
            #expect(server.requests.map(\.path) == ["http://feeds.example.test/a"])
        }
    }

    @Test func proxySelectionFollowsTheScheme() {
        var policy = testPolicy()
        #expect(policy.proxy(for: "http://a.example/") == nil)
        policy.proxy = "http://p:3128"
        #expect(policy.proxy(for: "http://a.example/") == "http://p:3128")
        #expect(policy.proxy(for: "HTTPS://a.example/") == "http://p:3128")
        policy.httpsProxy = "http://tls-proxy:3128"
        #expect(policy.proxy(for: "https://a.example/") == "http://tls-proxy:3128")
        policy.httpsProxy = ""
        #expect(policy.proxy(for: "https://a.example/") == nil)
        #expect(policy.proxy(for: "http://a.example/") == "http://p:3128")
    }

    @Test func hostsAreReadFromURLs() {
        #expect(AddressPolicy.host(ofURL: "http://user:pw@Example.com:8080/path?q#f") == "Example.com")
        #expect(AddressPolicy.host(ofURL: "http://[::1]:80/") == "[::1]")
        #expect(AddressPolicy.host(ofURL: "https://news.example") == "news.example")
        #expect(AddressPolicy.host(ofURL: "no-scheme") == nil)
        #expect(AddressPolicy.proxiedRefusal(host: "news.example.com", allowPrivateNetworks: false) == nil)
        #expect(AddressPolicy.proxiedRefusal(host: "93.184.216.34", allowPrivateNetworks: false) == nil)
        #expect(AddressPolicy.proxiedRefusal(host: "deadbeef.example.com", allowPrivateNetworks: false) == nil)
        #expect(AddressPolicy.proxiedRefusal(host: "LOCALHOST.", allowPrivateNetworks: false) != nil)
        #expect(AddressPolicy.proxiedRefusal(host: "%31%32%37.0.0.1", allowPrivateNetworks: false) != nil)
        #expect(AddressPolicy.proxiedRefusal(host: "intranet", allowPrivateNetworks: true) == nil)
    }
}
