import WirescoreFetch

extension PipelineConfig {
    /// The fetcher's limits and manners from the pipeline's `fetch:` section: one place, so
    /// `ingest` and `fetch` behave the same.
    public func fetchPolicy() -> FetchPolicy {
        let f = fetch
        return FetchPolicy(
            userAgent: f.userAgent, maxConcurrent: f.concurrency, maxPerHost: f.perHost,
            connectTimeout: .milliseconds(Int(f.connectTimeout * 1000)),
            totalTimeout: .milliseconds(Int(f.timeout * 1000)),
            lowSpeedLimit: f.lowSpeedLimit, lowSpeedTime: .milliseconds(Int(f.lowSpeedTime * 1000)),
            maxRedirects: f.maxRedirects, maxBodyBytes: f.maxBytes,
            allowedProtocols: Set(f.protocols.compactMap(FetchProtocol.init(rawValue:))),
            retryAfterMaxWait: .milliseconds(Int(f.retryAfterMaxWait * 1000)),
            allowPrivateNetworks: f.allowPrivateNetworks)
    }
}
