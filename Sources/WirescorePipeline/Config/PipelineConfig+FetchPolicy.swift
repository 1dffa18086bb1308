import Foundation
import WirescoreFetch

extension PipelineConfig {
    /// The fetcher's limits and manners from the pipeline's `fetch:` section: one place, so
    /// `ingest` and `fetch` behave the same.
    /// - Parameter environment: where `http_proxy` and friends are read when the pipeline
    ///   sets no `fetch.proxy` (the process environment; a parameter for tests).
    public func fetchPolicy(environment: [String: String] = ProcessInfo.processInfo.environment) -> FetchPolicy {
        let f = fetch
        var policy = FetchPolicy(
            userAgent: f.userAgent, maxConcurrent: f.concurrency, maxPerHost: f.perHost,
            connectTimeout: .milliseconds(Int(f.connectTimeout * 1000)),
            totalTimeout: .milliseconds(Int(f.timeout * 1000)),
            lowSpeedLimit: f.lowSpeedLimit, lowSpeedTime: .milliseconds(Int(f.lowSpeedTime * 1000)),
            maxRedirects: f.maxRedirects, maxBodyBytes: f.maxBytes,
            allowedProtocols: Set(f.protocols.compactMap(FetchProtocol.init(rawValue:))),
            retryAfterMaxWait: .milliseconds(Int(f.retryAfterMaxWait * 1000)),
            allowPrivateNetworks: f.allowPrivateNetworks)
        policy.perHostInterval = .milliseconds(Int(f.perHostInterval * 1000))
        let proxies = Self.proxies(f.proxy, environment: environment)
        policy.proxy = proxies.proxy
        policy.httpsProxy = proxies.httpsProxy
        policy.noProxy = proxies.noProxy
        return policy
    }

    /// The fetch policy's proxy fields for a `fetch.proxy` setting. From the environment, as
    /// curl reads it: `http_proxy` for http URLs, `https_proxy` for https, `all_proxy` for
    /// either when the specific one is unset, `no_proxy` for exceptions (loopback added); the
    /// lower-case name wins over the upper-case one; an empty value counts as unset.
    static func proxies(_ setting: ProxySetting, environment env: [String: String])
        -> (proxy: String?, httpsProxy: String?, noProxy: String?) {
        func variable(_ name: String) -> String? {
            for key in [name, name.uppercased()] {
                if let value = env[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
            }
            return nil
        }
        // Loopback is always reached directly (as Go's ProxyFromEnvironment does): a proxy
        // elsewhere cannot reach this machine's loopback, and local test servers keep working
        // on hosts whose environment sets a proxy.
        let noProxy = ([variable("no_proxy")].compactMap { $0 } + ["localhost", "127.0.0.0/8", "::1"]).joined(separator: ",")
        switch setting {
        case .none:
            return (nil, nil, nil)
        case .url(let url):
            return (url, nil, noProxy)
        case .environment:
            let all = variable("all_proxy")
            let http = variable("http_proxy") ?? all
            let https = variable("https_proxy") ?? all
            guard http != nil || https != nil else { return (nil, nil, nil) }
            // `httpsProxy` "" sends https direct when only http has a proxy.
            return (http, https ?? "", noProxy)
        }
    }
}
