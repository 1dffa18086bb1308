internal import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop-side state of one fetch: what libcurl's callbacks collect, and the easy handle
/// lent to it while it runs.
///
/// Ownership: the fetch loop keeps each `Transfer` alive (in its tables) for as long as its
/// easy handle is configured with callbacks pointing at it, which is why the callbacks may
/// use `Unmanaged.passUnretained`. Not thread-safe: loop thread only.
final class Transfer {
    let id: UInt64
    let request: FetchRequest
    /// Admission key for the per-host cap: scheme and authority of the requested URL.
    let hostKey: String
    let accepted: ContinuousClock.Instant
    let maxBodyBytes: Int
    let allowPrivateNetworks: Bool
    let exemptLoopbackPorts: Set<UInt16>
    let proxyEndpoints: ProxyEndpoints
    /// Whether libcurl decodes Content-Encoding (`acceptEncoding` set); only then is a gzip
    /// body's trailer checked against what was decoded.
    let decodesContent: Bool

    var easy: EasyHandle?
    var inMulti = false
    /// Header list given to CURLOPT_HTTPHEADER; must outlive the transfer, freed in deinit.
    var headerList: UnsafeMutablePointer<curl_slist>?

    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var requestHeaderBytes: [UInt8] = []
    private var lastDebugWasHeaderOut = false
    var bodyCapHit = false
    /// The current response's Content-Length, when sent: the body buffer is sized once from it
    /// instead of doubling its way up (each doubling of a page-sized buffer is a fresh mapping
    /// and a round of page faults).
    private var declaredLength: Int?
    /// The last 8 body bytes of the current response as received (before content decoding)
    /// and how many there were: a gzip member's trailer, checked by `encodingProblem`.
    private var receivedTail: [UInt8] = []
    private var receivedBodyBytes = 0
    var blockedAddress: String?
    var retried = false
    var retryAt: ContinuousClock.Instant?

    init(id: UInt64, request: FetchRequest, policy: FetchPolicy, accepted: ContinuousClock.Instant) {
        self.id = id
        self.request = request
        self.hostKey = Transfer.hostKey(of: request.url)
        self.accepted = accepted
        self.maxBodyBytes = min(policy.maxBodyBytes, request.maxBodyBytes ?? .max)
        self.allowPrivateNetworks = policy.allowPrivateNetworks
        self.exemptLoopbackPorts = policy.loopbackPortsExemptForTesting
        self.proxyEndpoints = policy.proxyEndpoints
        self.decodesContent = policy.acceptEncoding != nil
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
    }

    /// Forgets what a previous attempt collected, before a retry.
    func clearCollected() {
        body = []
        headers = []
        requestHeaderBytes = []
        lastDebugWasHeaderOut = false
        bodyCapHit = false
        declaredLength = nil
        receivedTail = []
        receivedBodyBytes = 0
        blockedAddress = nil
    }

    /// "scheme://authority" lowercased, without userinfo; the whole string when unparseable,
    /// so odd URLs still get a (private) admission bucket.
    static func hostKey(of url: String) -> String {
        // Bytes, not Foundation's range(of:): this runs once per request on the submitting side.
        let u = Array(url.utf8)
        var schemeEnd = -1
        var i = 0
        while i + 2 < u.count {
            if u[i] == 0x3A, u[i + 1] == 0x2F, u[i + 2] == 0x2F { schemeEnd = i + 3; break }   // "://"
            i += 1
        }
        guard schemeEnd >= 0 else { return url.lowercased() }
        var authorityEnd = schemeEnd
        var hostStart = schemeEnd
        while authorityEnd < u.count, u[authorityEnd] != 0x2F, u[authorityEnd] != 0x3F, u[authorityEnd] != 0x23 {
            if u[authorityEnd] == 0x40 { hostStart = authorityEnd + 1 }   // after userinfo "@"
            authorityEnd += 1
        }
        var key = u[0..<schemeEnd] + u[hostStart..<authorityEnd]
        for k in key.indices where key[k] >= 0x41 && key[k] <= 0x5A { key[k] |= 0x20 }
        if key.allSatisfy({ $0 < 0x80 }) { return String(decoding: key, as: UTF8.self) }
        return String(decoding: key, as: UTF8.self).lowercased()
    }

    // MARK: - Configuration

    /// Applies the policy and this request to `easy`, pointing every callback at `self`.
    /// - Throws: `FetchError` when an option is rejected or a header is malformed.
    func configure(_ easy: EasyHandle, policy: FetchPolicy) throws(FetchError) {
        let lines = try request.headerLines()
        let protocols = try request.protocols(under: policy)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let next = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw FetchError(.transfer, "out of memory building request headers")
            }
            list = next
        }
        if let headerList { curl_slist_free_all(headerList) }
        headerList = list

        let me = Unmanaged.passUnretained(self).toOpaque()
        try easy.attachErrorBuffer()
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        // A 256 KB receive buffer takes a typical page in one or two reads (libcurl's 16 KB
        // default meant a dozen recv calls and write callbacks per page). A hint only: libcurl
        // refuses to resize a buffer a reused handle still holds, and that is fine.
        _ = try? easy.set(CURLOPT_BUFFERSIZE, 256 * 1024)
        try easy.set(CURLOPT_PROTOCOLS_STR, protocols)
        // Redirects may never reach file:// or any other scheme, whatever the first URL allowed.
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, request.followsRedirects ? 1 : 0)
        try easy.set(CURLOPT_MAXREDIRS, policy.maxRedirects)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, policy.connectTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, policy.totalTimeout.wholeMilliseconds)
        if policy.lowSpeedLimit > 0 {
            try easy.set(CURLOPT_LOW_SPEED_LIMIT, policy.lowSpeedLimit)
            try easy.set(CURLOPT_LOW_SPEED_TIME, max(1, policy.lowSpeedTime.wholeMilliseconds / 1000))
        }
        try easy.set(CURLOPT_USERAGENT, policy.userAgent)
        if let encoding = policy.acceptEncoding { try easy.set(CURLOPT_ACCEPT_ENCODING, encoding) }
        try configureProxy(easy, policy: policy)   // CURLOPT_PROXY, NOPROXY and the target guard: Transfer+Proxy.swift
        try easy.set(CURLOPT_HTTPHEADER, list: list)

        try easy.check(ccurl_setopt_write_cb(easy.raw, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().receiveBody(data, size * count)
        }, CURLOPT_WRITEFUNCTION)
        try easy.set(CURLOPT_WRITEDATA, pointer: me)
        try easy.check(ccurl_setopt_write_cb(easy.raw, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(data, size * count)
        }, CURLOPT_HEADERFUNCTION)
        try easy.set(CURLOPT_HEADERDATA, pointer: me)
        // The debug callback is the cheap way to see the request headers exactly as sent
        // (a WARC request record wants them). VERBOSE routes to it, never to stderr.
        try easy.check(ccurl_setopt_debug_cb(easy.raw) { _, kind, data, size, context in
            guard let context else { return 0 }
            Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().receiveDebug(kind, data, size)
            return 0
        }, CURLOPT_DEBUGFUNCTION)
        try easy.set(CURLOPT_DEBUGDATA, pointer: me)
        try easy.set(CURLOPT_VERBOSE, 1)
        // Installed whatever the policy: with private networks allowed it still refuses the
        // cloud metadata services.
        try easy.check(ccurl_setopt_opensocket_cb(easy.raw) { context, purpose, address in
            guard let context, let address else { return ccurl_socket_bad() }
            return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().openSocket(purpose, address)
        }, CURLOPT_OPENSOCKETFUNCTION)
        try easy.set(CURLOPT_OPENSOCKETDATA, pointer: me)
    }

    // MARK: - Callbacks (loop thread, inside curl_multi_perform)

    /// Appends decoded body bytes; returning less than `count` makes libcurl abort with
    /// CURLE_WRITE_ERROR, which is how the decompressed size cap is enforced.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        guard let data else { return 0 }
        guard body.count + count <= maxBodyBytes else {
            bodyCapHit = true
            if request.truncatesBody {
                body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: maxBodyBytes - body.count))
            }
            return 0
        }
        if body.isEmpty, let declaredLength, declaredLength > count {
            body.reserveCapacity(min(declaredLength, maxBodyBytes))
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    /// Collects header lines of the current response; a status line starts a new response
    /// (redirect hop, 1xx, retry), so everything collected before it is dropped.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data, count > 0 else { return count }
        switch HeaderField.parse(UnsafeRawBufferPointer(start: data, count: count)) {
        case .statusLine:
            headers = []
            body = []
            declaredLength = nil
            receivedTail = []
            receivedBodyBytes = 0
        case .continuation(let text):
            if let last = headers.indices.last { headers[last].value += " " + text }   // obsolete line folding
        case let .field(name, value):
            headers.append((name, value))
            if HeaderField.sameName(name, "content-length") { declaredLength = Int(value) }
        case .blank, .malformed:
            break
        }
        return count
    }

    /// Keeps the last block of request headers sent (one block per hop).
    private func receiveDebug(_ kind: curl_infotype, _ data: UnsafeMutablePointer<CChar>?, _ size: Int) {
        if kind == CURLINFO_DATA_IN, let data, size > 0 {
            receivedBodyBytes += size
            let chunk = UnsafeRawBufferPointer(start: data, count: size)
            if size >= 8 {
                receivedTail.replaceSubrange(0..<receivedTail.count, with: chunk.suffix(8))
            } else {
                receivedTail.append(contentsOf: chunk)
                if receivedTail.count > 8 { receivedTail.removeFirst(receivedTail.count - 8) }
            }
        }
        guard kind == CURLINFO_HEADER_OUT else {
            lastDebugWasHeaderOut = false
            return
        }
        if !lastDebugWasHeaderOut { requestHeaderBytes = [] }
        lastDebugWasHeaderOut = true
        if let data, size > 0 { requestHeaderBytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size)) }
    }

    /// Opens the socket only when the resolved address is public (SSRF guard).
    private func openSocket(_ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = ccurl_sockaddr_family(address)
        if purpose == CURLSOCKTYPE_IPCXN {
            let length = Int(ccurl_sockaddr_length(address))
            let raw = UnsafeRawBufferPointer(start: ccurl_sockaddr_bytes(address), count: length)
            // The operator's proxy may sit on a private address; only the metadata services
            // are refused there (the target was judged by name in `configureProxy`).
            let toProxy = proxyEndpoints.contains(family: family, sockaddr: raw)
            if let refusal = Self.refusal(family: family, sockaddr: raw, exemptLoopbackPorts: exemptLoopbackPorts,
                                          allowPrivateNetworks: allowPrivateNetworks || toProxy) {
                blockedAddress = refusal
                return ccurl_socket_bad()
            }
        }
        return socket(family, ccurl_sockaddr_socktype(address), ccurl_sockaddr_protocol(address))
    }

    /// Why `sockaddr` must not be connected to, or nil. Offsets of the address inside
    /// sockaddr_in (4) and sockaddr_in6 (8) are the same on Linux and Darwin. With
    /// `allowPrivateNetworks` only the cloud metadata services are refused.
    static func refusal(family: Int32, sockaddr raw: UnsafeRawBufferPointer,
                        exemptLoopbackPorts: Set<UInt16> = [], allowPrivateNetworks: Bool = false) -> String? {
        if allowPrivateNetworks {
            if family == AF_INET, raw.count >= 8 {
                let bytes = Array(raw[4..<8])
                return AddressPolicy.metadataReason(ipv4: bytes).map { "\(AddressPolicy.describe(ipv4: bytes)): \($0)" }
            }
            if family == AF_INET6, raw.count >= 24 {
                let bytes = Array(raw[8..<24])
                return AddressPolicy.metadataReason(ipv6: bytes).map { "\(AddressPolicy.describe(ipv6: bytes)): \($0)" }
            }
            return nil
        }
        if family == AF_INET, raw.count >= 8 {
            let bytes = Array(raw[4..<8])
            let port = UInt16(raw[2]) << 8 | UInt16(raw[3])   // network byte order on every platform
            if bytes[0] == 127 && exemptLoopbackPorts.contains(port) { return nil }
            return AddressPolicy.blockReason(ipv4: bytes).map { "\(AddressPolicy.describe(ipv4: bytes)): \($0)" }
        }
        if family == AF_INET6, raw.count >= 24 {
            let bytes = Array(raw[8..<24])
            return AddressPolicy.blockReason(ipv6: bytes).map { "\(AddressPolicy.describe(ipv6: bytes)): \($0)" }
        }
        return "address family \(family)"
    }

    // MARK: - Results

    /// Why a body libcurl reported complete must not be used, or nil.
    ///
    /// libcurl (7.88) accepts a gzip member that simply stops: the body then holds whatever
    /// inflated, half a page that would be stored as if whole. A gzip member ends with the
    /// inflated length mod 2^32, so when the last four bytes received disagree with the bytes
    /// decoded, the member was cut short. Chunked responses are not checked (the received
    /// stream then ends with chunk framing, not the trailer); a truncated chunked transfer is
    /// caught by its missing last chunk instead.
    var encodingProblem: String? {
        guard decodesContent, receivedBodyBytes > 0, !bodyCapHit else { return nil }
        func header(_ name: String) -> String? {
            headers.last { HeaderField.sameName($0.name, name) }?.value.lowercased()
        }
        guard let encoding = header("content-encoding"), encoding == "gzip" || encoding == "x-gzip",
              header("transfer-encoding")?.contains("chunked") != true else { return nil }
        guard receivedBodyBytes >= 18, receivedTail.count == 8 else {
            return "gzip body truncated: \(receivedBodyBytes) bytes received, shorter than a gzip member"
        }
        let declared = receivedTail[4...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let decoded = UInt32(truncatingIfNeeded: body.count)
        guard declared == decoded else {
            return "gzip body truncated: \(body.count) bytes inflated, the gzip trailer declares \(declared)"
        }
        return nil
    }

    var retryAfterSeconds: Double? {
        headers.first { HeaderField.sameName($0.name, "retry-after") }.flatMap { RetryAfter.seconds(from: $0.value) }
    }

    /// Builds the response from the finished easy handle.
    func response(from easy: EasyHandle, now: ContinuousClock.Instant) -> FetchResponse {
        var status = easy.info(long: CURLINFO_RESPONSE_CODE) ?? 0
        let version: String?
        switch easy.info(long: CURLINFO_HTTP_VERSION) ?? 0 {
        case CURL_HTTP_VERSION_1_0: version = "HTTP/1.0"
        case CURL_HTTP_VERSION_1_1: version = "HTTP/1.1"
        case CURL_HTTP_VERSION_2_0: version = "HTTP/2"
        case CURL_HTTP_VERSION_3: version = "HTTP/3"
        default: version = nil
        }
        if status == 0 && version == nil { status = 200 }   // file:// read succeeded
        return FetchResponse(
            requestedURL: request.url,
            finalURL: easy.info(string: CURLINFO_EFFECTIVE_URL) ?? request.url,
            status: status,
            httpVersion: version,
            headers: version == nil ? [] : headers,
            body: body,
            retryAfter: retryAfterSeconds,
            redirectCount: easy.info(long: CURLINFO_REDIRECT_COUNT) ?? 0,
            elapsed: accepted.duration(to: now),
            requestHead: String(decoding: requestHeaderBytes, as: UTF8.self),
            wasRetried: retried)
    }
}
