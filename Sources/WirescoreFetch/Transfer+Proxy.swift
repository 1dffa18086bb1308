internal import CCurl

extension Transfer {
    /// Points the transfer at its proxy, if any, and keeps the private-network guard on the
    /// target: with a proxy the open-socket callback sees the proxy's address, not the
    /// target's. The first URL is judged here, before anything is sent; every request
    /// (redirect hops included) is judged again in libcurl's pre-request callback, which runs
    /// once the connection to the proxy is up and before the request goes out. For an https
    /// hop that is after the proxy's CONNECT to the target: the proxy has opened a connection
    /// there, but no request is ever sent to a refused target.
    /// - Throws: `FetchError` `.blockedAddress` for a refused first URL, or when an option is
    ///   rejected.
    func configureProxy(_ easy: EasyHandle, policy: FetchPolicy) throws(FetchError) {
        let proxy = policy.proxy(for: request.url)
        // "" also stops libcurl from reading http_proxy and friends itself.
        try easy.set(CURLOPT_PROXY, proxy ?? "")
        guard proxy != nil else { return }
        if let noProxy = policy.noProxy, !noProxy.isEmpty { try easy.set(CURLOPT_NOPROXY, noProxy) }
        if let refusal = AddressPolicy.proxiedRefusal(url: request.url, allowPrivateNetworks: allowPrivateNetworks) {
            throw FetchError(.blockedAddress, "refused to fetch \(refusal) through the proxy; "
                             + (AddressPolicy.isAlwaysRefused(refusal)
                                ? "metadata services are never fetched, whatever the pipeline allows"
                                : "set fetch.allow_private_networks: true in the pipeline to allow private networks"))
        }
        try easy.check(ccurl_setopt_prereq_cb(easy.raw) { context, _, _, _, _ in
            guard let context else { return 1 }   // CURL_PREREQFUNC_ABORT
            return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().checkProxiedRequest()
        }, CURLOPT_PREREQFUNCTION)
        try easy.set(CURLOPT_PREREQDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    /// The pre-request callback (loop thread): 0 to send the request, 1 to abort it with the
    /// refusal recorded (reported as `blocked_address`).
    private func checkProxiedRequest() -> Int32 {
        guard let url = easy?.info(string: CURLINFO_EFFECTIVE_URL) else {
            blockedAddress = "a request whose URL libcurl did not report"
            return 1
        }
        if let refusal = AddressPolicy.proxiedRefusal(url: url, allowPrivateNetworks: allowPrivateNetworks) {
            blockedAddress = refusal + " (through the proxy)"
            return 1
        }
        return 0
    }
}
