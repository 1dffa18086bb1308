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

    public init(url: String, etag: String? = nil, lastModified: String? = nil,
                extraHeaders: [(name: String, value: String)] = []) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.extraHeaders = extraHeaders
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
