/// The final HTTP response of a fetch (after redirects and at most one Retry-After retry).
///
/// Any status is a response, 4xx and 5xx included. For `file://` URLs libcurl reports no status;
/// a successful read is given status 200 and `httpVersion` nil so callers need one success check.
public struct FetchResponse: Sendable {
    public var requestedURL: String
    public var finalURL: String
    public var status: Int
    /// "HTTP/1.0", "HTTP/1.1", "HTTP/2" or "HTTP/3"; nil for non-HTTP transfers.
    public var httpVersion: String?
    /// Headers of the final response only, in arrival order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The decoded body (Content-Encoding removed).
    public var body: [UInt8]
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// Seconds to wait before asking again, from Retry-After (delta-seconds or HTTP-date).
    public var retryAfter: Double?
    public var redirectCount: Int
    /// From the fetcher accepting the request to completion, queueing and retry wait included.
    public var elapsed: Duration
    /// The final request's head exactly as sent on the wire (request line, headers, blank
    /// line); kept for WARC request records. Empty for schemes without one (file://).
    public var requestHead: String
    /// ``requestHead`` as lines, request line first. Split on demand: the fetch loop's thread
    /// only copies bytes.
    public var requestHeaderLines: [String] {
        requestHead.split(separator: "\r\n", omittingEmptySubsequences: true)
            .flatMap { $0.split(separator: "\n") }
            .map(String.init)
    }
    /// True when the fetch was a Retry-After retry of a 429/503.
    public var wasRetried: Bool
    /// True when the body was cut at the request's cap (``FetchRequest/truncatesBody``).
    public var truncated = false

    public var isNotModified: Bool { status == 304 }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { HeaderField.sameName($0.name, name) }?.value
    }

    public init(requestedURL: String, finalURL: String, status: Int, httpVersion: String?,
                headers: [(name: String, value: String)], body: [UInt8], retryAfter: Double?,
                redirectCount: Int, elapsed: Duration, requestHead: String = "",
                wasRetried: Bool = false) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
        self.retryAfter = retryAfter
        self.redirectCount = redirectCount
        self.elapsed = elapsed
        self.requestHead = requestHead
        self.wasRetried = wasRetried
        let lookup = { (name: String) in headers.first { HeaderField.sameName($0.name, name) }?.value }
        self.etag = lookup("etag")
        self.lastModified = lookup("last-modified")
        self.contentType = lookup("content-type")
    }
}
