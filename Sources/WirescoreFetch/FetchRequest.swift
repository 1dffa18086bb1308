/// One GET to perform, optionally conditional on validators from an earlier fetch.
///
/// `etag` becomes `If-None-Match` and `lastModified` becomes `If-Modified-Since`, both sent
/// verbatim as the server gave them; a 304 answer sets `FetchResponse.isNotModified`.
public struct FetchRequest: Sendable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// Extra request headers, sent after the fetcher's own. Names and values must not contain
    /// line breaks (the fetch fails with `.invalidRequest`).
    public var extraHeaders: [(name: String, value: String)]
    /// Whether this request may read a `file:` URL, when the policy allows `file` at all.
    /// False by default: a URL found in a document fetched over the network must never reach
    /// local files, so only URLs the operator listed (and links of feeds they listed as
    /// files) set it.
    public var allowsFile: Bool
    /// A body cap below the policy's, for documents read only in part (robots.txt: its first
    /// 500 KiB, as Google reads it). nil: the policy's ``FetchPolicy/maxBodyBytes``.
    public var maxBodyBytes: Int?
    /// When the body passes the cap: true keeps the bytes up to the cap and marks the response
    /// ``FetchResponse/truncated``; false (the default) fails the fetch with `.tooLarge`.
    public var truncatesBody = false
    /// The least time between the starts of two requests to this request's host (scheme and
    /// authority), when longer than the policy's ``FetchPolicy/perHostInterval``: a site's
    /// `Crawl-delay`.
    public var hostInterval: Duration?
    /// True (the default): libcurl follows up to ``FetchPolicy/maxRedirects`` redirects itself.
    /// False: a 3xx comes back as the response, Location header and all, so the caller can
    /// decide about each hop (the article stage asks robots.txt before every hop, as a crawler
    /// must: a page allowed on one host may redirect into a section, or a host, that is not).
    public var followsRedirects = true

    public init(url: String, etag: String? = nil, lastModified: String? = nil,
                extraHeaders: [(name: String, value: String)] = [], allowsFile: Bool = false) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.extraHeaders = extraHeaders
        self.allowsFile = allowsFile
    }

    /// The schemes this request may use under `policy`, as `CURLOPT_PROTOCOLS_STR` wants them.
    /// - Throws: `.badURL` when the URL does not start with an explicit scheme (libcurl would
    ///   guess one: `mailto:x@host` became `http://mailto:x@host/`), `.protocolNotAllowed`
    ///   when its scheme is not among them.
    func protocols(under policy: FetchPolicy) throws(FetchError) -> String {
        var allowed = policy.allowedProtocols
        if !allowsFile { allowed.remove(.file) }
        guard let separator = url.range(of: "://") else {
            throw FetchError(.badURL, "not an absolute http(s) URL: \(url.prefix(200))")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard let known = FetchProtocol(rawValue: scheme) else {
            throw FetchError(.protocolNotAllowed, "scheme '\(scheme.prefix(40))' is not fetched")
        }
        guard allowed.contains(known) else {
            let reason = known == .file && policy.allowedProtocols.contains(.file)
                ? "file: URLs are only read for feeds the pipeline lists as files and their items"
                : "scheme '\(scheme)' is not allowed by fetch.protocols"
            throw FetchError(.protocolNotAllowed, reason)
        }
        return FetchProtocol.allCases.filter { allowed.contains($0) }.map(\.rawValue).joined(separator: ",")
    }

    /// The header lines the request adds to libcurl's own, or an error naming the bad one.
    func headerLines() throws(FetchError) -> [String] {
        var lines: [String] = []
        if let etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        for header in extraHeaders {
            guard !header.name.isEmpty, !header.name.contains(where: { $0 == ":" || $0.isWhitespace }) else {
                throw FetchError(.invalidRequest, "bad header name \"\(header.name)\"")
            }
            lines.append("\(header.name): \(header.value)")
        }
        for line in lines where line.containsLineBreakOrNul {
            throw FetchError(.invalidRequest, "header contains a line break: \(line.prefix(40))")
        }
        return lines
    }
}

extension String {
    /// Checked on scalars: "\r\n" is a single Character, so a Character test would miss it.
    var containsLineBreakOrNul: Bool {
        unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
