internal import Foundation
/// A URL scheme the fetcher may use. Redirects may only ever lead to `http` or `https`.
public enum FetchProtocol: String, Sendable, Hashable, CaseIterable {
    case http, https, file
}

/// Limits and manners for every transfer of one `Fetcher`.
///
/// A plain value: build it once (usually from the pipeline YAML) and hand it to `Fetcher.init`.
/// It is `Sendable` and immutable once passed in.
public struct FetchPolicy: Sendable {
    /// Transfers in flight at once, and libcurl's total connection cap.
    public var maxConcurrent: Int
    /// Transfers in flight per host (by the requested URL), and libcurl's per-host connection cap.
    public var maxPerHost: Int
    public var connectTimeout: Duration
    /// Whole-transfer limit, redirects included (a 429/503 retry gets a fresh budget).
    public var totalTimeout: Duration
    /// Abort when the average speed stays below `lowSpeedLimit` bytes/s for `lowSpeedTime`.
    /// `0` disables the check.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration
    public var maxRedirects: Int
    /// Cap on the decoded (decompressed) body; exceeding it fails the transfer with `.tooLarge`.
    public var maxBodyBytes: Int
    /// Schemes the first request may use. `file` only when listed explicitly.
    public var allowedProtocols: Set<FetchProtocol>
    /// Sent verbatim, e.g. "wirescore/0.1 (+https://contact.example)"; built by the caller.
    public var userAgent: String
    /// `CURLOPT_ACCEPT_ENCODING`: `""` advertises and decodes every encoding libcurl was built
    /// with (gzip, deflate, br, zstd); `nil` asks for identity and decodes nothing.
    public var acceptEncoding: String?
    /// A 429/503 whose Retry-After is at most this long is retried once after waiting;
    /// longer waits are returned to the caller with `FetchResponse.retryAfter` set.
    public var retryAfterMaxWait: Duration
    /// When false (the default) connections to loopback, private, link-local, CGNAT, ULA,
    /// metadata and other non-public addresses are refused after DNS resolution, on every hop.
    /// When true, the cloud metadata services (169.254.169.254 and kin) are still refused.
    public var allowPrivateNetworks: Bool
    /// libcurl loop threads; requests are spread over them round-robin, and the concurrency and
    /// per-host caps divided between them. One thread receives ~5,000 page-sized responses a
    /// second; the default is one per core, at most 4.
    public var loopThreads: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    /// Proxy URL for every request (unless ``httpsProxy`` is set for https); `nil` means no
    /// proxy. The fetcher never reads `http_proxy` and friends itself, so runs behave the same
    /// under cron and in a shell; the pipeline layer decides (`fetch.proxy`, else the
    /// environment) and passes the result here.
    public var proxy: String?
    /// Proxy for `https://` URLs when it differs from ``proxy`` (the environment's
    /// `https_proxy`); `""` sends https direct. `nil`: ``proxy``. Chosen by the first URL's
    /// scheme; redirect hops go through the same proxy.
    public var httpsProxy: String?
    /// Hosts reached without the proxy, in libcurl's `CURLOPT_NOPROXY` syntax (comma-separated
    /// names, domains and addresses; `*` for all), as `no_proxy` is written.
    public var noProxy: String?
    /// The least time between the starts of two requests to one host (scheme and authority),
    /// across all lanes; zero (the default) spaces nothing beyond ``maxPerHost``. A request's
    /// ``FetchRequest/hostInterval`` (a site's Crawl-delay) may ask for more.
    public var perHostInterval: Duration = .zero
    /// Test seam, not public: loopback ports exempt from the private-network guard, so a
    /// test can let the first hop reach one local server and prove the guard still refuses a
    /// redirect to another. Empty in production.
    var loopbackPortsExemptForTesting: Set<UInt16> = []
    /// The configured proxies' addresses, resolved by `Fetcher.init`: connections to them are
    /// judged against the metadata services only (the targets are judged by name).
    var proxyEndpoints = ProxyEndpoints()

    public init(
        userAgent: String,
        maxConcurrent: Int = 32,
        maxPerHost: Int = 4,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        lowSpeedLimit: Int = 64,
        lowSpeedTime: Duration = .seconds(15),
        maxRedirects: Int = 5,
        maxBodyBytes: Int = 8 << 20,
        allowedProtocols: Set<FetchProtocol> = [.http, .https],
        acceptEncoding: String? = "",
        retryAfterMaxWait: Duration = .seconds(5),
        allowPrivateNetworks: Bool = false,
        proxy: String? = nil,
        httpsProxy: String? = nil,
        noProxy: String? = nil
    ) {
        self.userAgent = userAgent
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.allowedProtocols = allowedProtocols
        self.acceptEncoding = acceptEncoding
        self.retryAfterMaxWait = retryAfterMaxWait
        self.allowPrivateNetworks = allowPrivateNetworks
        self.proxy = proxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    /// The proxy a request to `url` starts through, or nil for none.
    func proxy(for url: String) -> String? {
        let chosen = url.prefix(6).lowercased() == "https:" ? (httpsProxy ?? proxy) : proxy
        return chosen?.isEmpty == false ? chosen : nil
    }

    /// Checks the values libcurl would otherwise reject or misread.
    /// - Throws: `FetchError` with code `.invalidPolicy` naming the field.
    func validate() throws(FetchError) {
        func fail(_ what: String) -> FetchError { FetchError(.invalidPolicy, what) }
        guard maxConcurrent >= 1 else { throw fail("maxConcurrent must be at least 1") }
        guard maxPerHost >= 1 else { throw fail("maxPerHost must be at least 1") }
        guard connectTimeout > .zero else { throw fail("connectTimeout must be positive") }
        guard totalTimeout > .zero else { throw fail("totalTimeout must be positive") }
        guard lowSpeedLimit >= 0 else { throw fail("lowSpeedLimit must not be negative") }
        guard lowSpeedLimit == 0 || lowSpeedTime >= .seconds(1) else {
            throw fail("lowSpeedTime must be at least one second")
        }
        guard loopThreads >= 1 else { throw fail("loopThreads must be at least 1") }
        guard maxRedirects >= 0 else { throw fail("maxRedirects must not be negative") }
        guard maxBodyBytes >= 0 else { throw fail("maxBodyBytes must not be negative") }
        guard !allowedProtocols.isEmpty else { throw fail("allowedProtocols is empty") }
        guard perHostInterval >= .zero else { throw fail("perHostInterval must not be negative") }
        guard retryAfterMaxWait >= .zero else { throw fail("retryAfterMaxWait must not be negative") }
        guard !userAgent.containsLineBreakOrNul else {
            throw fail("userAgent contains a line break")
        }
        for value in [proxy, httpsProxy, noProxy] where value?.containsLineBreakOrNul == true {
            throw fail("a proxy setting contains a line break")
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive limit never becomes "no limit" (0).
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: millis)
    }

    /// Seconds as a `Double`, for comparisons with Retry-After.
    var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
