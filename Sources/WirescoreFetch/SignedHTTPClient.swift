internal import CCurl
internal import Foundation

/// The AWS Signature Version 4 identity that signs requests to an object store.
public struct SigV4Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// A temporary credential's session token (`AWS_SESSION_TOKEN`), sent as
    /// `x-amz-security-token`.
    public var sessionToken: String?
    public var region: String
    /// The signed service name: `s3`.
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                region: String, service: String = "s3") {
        self.accessKeyID = accessKeyID; self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken; self.region = region; self.service = service
    }
}

/// One request to an S3-style API: the URL already percent-encoded with its query parameters
/// sorted (libcurl 7.88 signs the URL as written), headers, and the whole body in memory.
public struct SignedRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method; self.url = url; self.headers = headers; self.body = body
    }
}

/// What the server answered: any status (4xx and 5xx included; they are the caller's to read).
public struct SignedResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends requests signed with libcurl's `CURLOPT_AWS_SIGV4`, one at a time, on one easy
/// handle kept for its connection cache.
///
/// Why not the ``Fetcher``: the fetcher's guards are for untrusted article URLs (the
/// private-address guard, size caps, redirects); the object store's endpoint is the operator's
/// own choice (often on a private network), requests carry credentials and must never follow
/// a redirect elsewhere. Three things libcurl 7.88 (Debian 12) leaves to the caller: the body
/// is handed over as `CURLOPT_POSTFIELDS` with a custom method, so curl's signature covers the
/// real payload hash; `x-amz-content-sha256` is sent by the caller (S3 requires it); and the
/// caller sorts and encodes the query (curl signs it as written).
///
/// Intentionally not thread safe: one owner calls ``send(_:)`` at a time.
public final class SignedHTTPClient {
    private let easy: EasyHandle
    private let credentials: SigV4Credentials
    private let connectTimeout: Duration
    private let timeout: Duration

    /// - Parameters:
    ///   - credentials: the signing identity.
    ///   - connectTimeout: for the TCP and TLS handshake.
    ///   - timeout: for the whole request; a large upload part needs room.
    /// - Throws: `FetchError(.transfer)` when libcurl cannot be initialised.
    public init(credentials: SigV4Credentials, connectTimeout: Duration = .seconds(5),
                timeout: Duration = .seconds(120)) throws(FetchError) {
        guard ccurl_global_init_default() == CURLE_OK else { throw FetchError(.transfer, "curl_global_init failed") }
        self.easy = try EasyHandle()
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends one request and returns the server's answer, whatever its status.
    /// - Throws: ``FetchError`` when no HTTP answer arrived (refused, timed out, reset).
    public func send(_ request: SignedRequest) throws(FetchError) -> SignedResponse {
        for header in request.headers where (header.name + header.value).contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw FetchError(.invalidRequest, "header \(header.name) holds a line break")
        }
        easy.reset()
        try easy.attachErrorBuffer()
        let collector = ResponseCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        defer { if let list { curl_slist_free_all(list) } }
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let token = credentials.sessionToken { lines.append("x-amz-security-token: \(token)") }
        // Not `Expect:` to suppress curl's 100-continue: libcurl 7.88 signs the empty header it
        // then does not send, and the store rejects the signature.
        for line in lines { list = curl_slist_append(list, line) }

        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.components.seconds * 1000))
        try easy.set(CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000))
        try easy.set(CURLOPT_USERNAME, credentials.accessKeyID)
        try easy.set(CURLOPT_PASSWORD, credentials.secretAccessKey)
        try easy.set(CURLOPT_AWS_SIGV4, "aws:amz:\(credentials.region):\(credentials.service)")
        try easy.set(CURLOPT_HTTPHEADER, list: list)
        try easy.check(ccurl_setopt_write_cb(easy.raw, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context, let data else { return 0 }
            Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
                .body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }, CURLOPT_WRITEFUNCTION)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.check(ccurl_setopt_write_cb(easy.raw, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let context, let data else { return 0 }
            Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
                .header(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }, CURLOPT_HEADERFUNCTION)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)

        let method = request.method.uppercased()
        let code: CURLcode = try withExtendedLifetime(collector) { () throws(FetchError) -> CURLcode in
            switch method {
            case "GET":
                try easy.set(CURLOPT_HTTPGET, 1)
                return curl_easy_perform(easy.raw)
            case "HEAD":
                try easy.set(CURLOPT_NOBODY, 1)
                return curl_easy_perform(easy.raw)
            case "DELETE":
                try easy.set(CURLOPT_CUSTOMREQUEST, method)
                return curl_easy_perform(easy.raw)
            default:
                // PUT and POST: the body as POSTFIELDS so curl's signature hashes it.
                try easy.set(CURLOPT_CUSTOMREQUEST, method)
                try easy.set(CURLOPT_POSTFIELDSIZE, request.body.count)
                guard !request.body.isEmpty else {
                    // curl copies this one; an empty body still needs a non-NULL pointer.
                    try easy.set(CURLOPT_COPYPOSTFIELDS, "")
                    return curl_easy_perform(easy.raw)
                }
                let (set, performed) = request.body.withUnsafeBytes { raw -> (CURLcode, CURLcode) in
                    let set = ccurl_setopt_pointer(easy.raw, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
                    guard set == CURLE_OK else { return (set, CURLE_OK) }
                    return (CURLE_OK, curl_easy_perform(easy.raw))
                }
                try easy.check(set, CURLOPT_POSTFIELDS)
                return performed
            }
        }
        let detail = easy.errorText
        // Drop the pointers into this call's memory before the handle outlives it.
        easy.reset()
        guard code == CURLE_OK else {
            throw FetchError.fromCurl(code, detail: detail, bodyCapHit: false, blockedAddress: nil)
        }
        return SignedResponse(status: collector.status, headers: collector.headers, body: collector.body)
    }
}

/// What libcurl's callbacks collect for one ``SignedHTTPClient/send(_:)``.
private final class ResponseCollector {
    var status = 0
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    func header(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response (after a 100 Continue, say): forget the last one's headers.
            headers = []
            body = []
            let parts = line.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        } else if let colon = line.firstIndex(of: ":") {
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
    }
}
