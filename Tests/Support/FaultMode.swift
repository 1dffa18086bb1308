/// The hostile endpoints a crawler meets, as ``TestHTTPServer`` behaviours: shared by the
/// fault tests (`IngestFaultTests`) and the scripted 1,000-feed run (`wirescore-fault-server`,
/// `scripts/fault-run`), so both exercise the same bytes on real sockets.
///
/// Each mode corrupts a healthy response (a feed or an article page) in one way. Modes that
/// only end on the client's timeout are ``isSlow``; every mode still ends on its own within
/// the server's bounds. Pure values; thread-safe.
public enum FaultMode: String, CaseIterable, Sendable {
    /// Reads the request and never answers.
    case noResponse = "no-response"
    /// Sends the head, then one body byte per second.
    case drip
    /// Declares the full length, sends half, then resets the connection (RST).
    case resetMidBody = "reset-mid-body"
    /// `Content-Encoding: gzip` whose member is cut in half.
    case truncatedGzip = "truncated-gzip"
    /// A 1 KB gzip member that inflates to 1 MiB of zeros (see ``GzipBomb``).
    case gzipBomb = "gzip-bomb"
    /// A chunked body that never ends (no Content-Length).
    case endless
    /// A redirect to itself.
    case redirectLoop = "redirect-loop"
    /// A redirect to `file:///etc/passwd`.
    case redirectToFile = "redirect-to-file"
    /// A redirect to the cloud metadata service, 169.254.169.254.
    case redirectToMetadata = "redirect-to-metadata"
    /// 429 with `Retry-After: 3600`.
    case tooManyRequests = "429-retry-after"
    /// 503 with `Retry-After: 3600`.
    case unavailable = "503-retry-after"
    /// 500.
    case serverError = "500"
    /// The healthy body labelled `image/png`.
    case wrongContentType = "wrong-content-type"
    /// The healthy body with no Content-Type at all.
    case missingContentType = "missing-content-type"
    /// The healthy body with invalid UTF-8 (stray continuation bytes, overlong and truncated
    /// sequences, 0xFF) in its text, labelled UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// UTF-8 bytes declared as UTF-16 (header, and XML declaration for feeds).
    case lyingCharset = "lying-charset"
    /// A feed whose internal DTD expands one entity to 20^8 x 70 bytes ("billion laughs").
    case billionLaughs = "billion-laughs"
    /// A feed whose title references one 32 KB internal entity 100,000 times (3.2 GB if
    /// expanded; no nesting, so nested-expansion limits do not see it).
    case quadraticBlowup = "quadratic-blowup"
    /// A feed whose titles are an external entity naming a local file (XXE).
    case externalEntity = "xxe"
    /// An article page nested 100,000 elements deep.
    case deepNesting = "deep-nesting"
    /// A 50 MB page on one line.
    case hugeOneLine = "huge-one-line"
    /// 200 with an empty body.
    case empty200 = "empty-200"

    /// What a mode is served as.
    public enum Target: String, Sendable { case feed, article }

    /// Ends only on the client's timeout (or low-speed limit).
    public var isSlow: Bool { self == .noResponse || self == .drip }

    /// Whether the mode makes sense for `target` (XML attacks are for feeds, page-shape attacks
    /// for article pages).
    public func applies(to target: Target) -> Bool {
        switch self {
        case .billionLaughs, .quadraticBlowup, .externalEntity: target == .feed
        case .deepNesting, .hugeOneLine: target == .article
        default: true
        }
    }

    /// What the pipeline must make of the mode: the `code` of its one errors/ line, or that the
    /// content was recovered (an article written, or a feed whose items are fetched).
    public enum Outcome: Sendable, Equatable {
        /// Exactly one errors/ line with one of these codes (and a non-empty reason).
        case error(Set<String>)
        /// Exactly one errors/ line (any of these codes) and the content still used.
        case recoveredWithError(Set<String>)
        /// No errors/ line: the content is used as if healthy.
        case recovered
    }

    /// The outcome a correct pipeline gives (with the fault tests' settings: a short timeout,
    /// a body cap below 1 MiB, private networks allowed for 127.0.0.1 only by the pipeline).
    public func expected(for target: Target) -> Outcome {
        switch (self, target) {
        case (.noResponse, _), (.drip, _): .error(["timeout"])
        case (.resetMidBody, _): .error(["connection", "transfer"])
        case (.truncatedGzip, _): .error(["transfer"])
        case (.gzipBomb, _), (.endless, _), (.hugeOneLine, _): .error(["too_large"])
        case (.redirectLoop, _): .error(["too_many_redirects"])
        case (.redirectToFile, _): .error(["protocol_not_allowed"])
        case (.redirectToMetadata, _): .error(["blocked_address"])
        case (.tooManyRequests, _), (.unavailable, _), (.serverError, _): .error(["http_status"])
        case (.wrongContentType, .article): .error(["not_html"])
        case (.wrongContentType, .feed): .recoveredWithError(["malformed_feed"])
        case (.missingContentType, _): .recovered
        case (.invalidUTF8, .article): .recovered
        case (.invalidUTF8, .feed): .recoveredWithError(["malformed_feed"])
        case (.lyingCharset, .article): .recovered
        case (.lyingCharset, .feed): .error(["not_a_feed", "malformed_feed"])
        case (.billionLaughs, _): .error(["malformed_feed", "not_a_feed"])
        case (.quadraticBlowup, _): .recoveredWithError(["malformed_feed"])
        case (.externalEntity, _): .recovered
        case (.deepNesting, _): .recovered
        case (.empty200, .article): .error(["empty_body"])
        case (.empty200, .feed): .error(["not_a_feed"])
        }
    }

    /// The behaviour serving this mode.
    /// - Parameters:
    ///   - healthy: the body a healthy endpoint would serve (feed XML or article HTML).
    ///   - contentType: its honest Content-Type.
    ///   - path: the route's own path (for the redirect loop).
    ///   - canaryFile: an absolute path whose content must never reach the output (XXE).
    public func behaviour(target: Target, healthy: [UInt8], contentType: String, path: String,
                          canaryFile: String = "/etc/passwd") -> TestHTTPServer.Behaviour {
        typealias Header = TestHTTPServer.Header
        let honest = [Header("Content-Type", contentType)]
        switch self {
        case .noResponse:
            return .noResponse
        case .drip:
            return .drip(body: healthy, interval: .seconds(1))
        case .resetMidBody:
            return .resetMidBody(declaredLength: healthy.count, sent: Array(healthy.prefix(healthy.count / 2)))
        case .truncatedGzip:
            let member = GzipStored.encode(healthy)
            return .respond(status: 200, headers: honest + [Header("Content-Encoding", "gzip")],
                            body: Array(member.prefix(member.count / 2)))
        case .gzipBomb:
            return .respond(status: 200, headers: honest + [Header("Content-Encoding", "gzip")],
                            body: GzipBomb.member(mebibytes: 1))
        case .endless:
            return .endless(chunk: Array("<p>and on and on and on and on and on and on</p>\n".utf8))
        case .redirectLoop:
            return .redirect(to: path)
        case .redirectToFile:
            return .redirect(to: "file:///etc/passwd")
        case .redirectToMetadata:
            return .redirect(to: "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        case .tooManyRequests:
            return .retryAfter(3600, status: 429)
        case .unavailable:
            return .retryAfter(3600, status: 503)
        case .serverError:
            return .status(500)
        case .wrongContentType:
            return .respond(status: 200, headers: [Header("Content-Type", "image/png")], body: healthy)
        case .missingContentType:
            return .respond(status: 200, headers: [], body: healthy)
        case .invalidUTF8:
            return .respond(status: 200, headers: [Header("Content-Type", Self.withCharset(contentType, "utf-8"))],
                            body: Self.insertingInvalidUTF8(healthy, target: target))
        case .lyingCharset:
            var body = healthy
            if target == .feed, let end = body.firstIndex(of: UInt8(ascii: ">")), body.starts(with: Array("<?xml".utf8)) {
                body.replaceSubrange(...end, with: Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?>".utf8))
            }
            return .respond(status: 200, headers: [Header("Content-Type", Self.withCharset(contentType, "utf-16"))],
                            body: body)
        case .billionLaughs:
            return .respond(status: 200, headers: honest, body: Array(Self.billionLaughsFeed.utf8))
        case .quadraticBlowup:
            return .respond(status: 200, headers: honest, body: Self.quadraticBlowupFeed(healthy))
        case .externalEntity:
            return .respond(status: 200, headers: honest, body: Self.externalEntityFeed(healthy, canaryFile: canaryFile))
        case .deepNesting:
            return .respond(status: 200, headers: honest, body: Self.deeplyNested(healthy, depth: 100_000))
        case .hugeOneLine:
            return .stream(status: 200, headers: honest, length: 50_000_000,
                           pattern: Array("<span>fifty megabytes on a single line and never a break </span>".utf8))
        case .empty200:
            return .respond(status: 200, headers: honest, body: [])
        }
    }

    // MARK: - Bodies

    static func withCharset(_ contentType: String, _ charset: String) -> String {
        let media = contentType.split(separator: ";").first.map(String.init) ?? contentType
        return "\(media); charset=\(charset)"
    }

    /// Puts malformed UTF-8 into the text: after the first `<p>` of a page, or the first
    /// `<title>` of a feed.
    static func insertingInvalidUTF8(_ body: [UInt8], target: Target) -> [UInt8] {
        let bad: [UInt8] = [0x80, 0xBF, 0x20, 0xC0, 0x80, 0x20, 0xFF, 0xFE, 0x20, 0xE2, 0x82, 0x20, 0xED, 0xA0, 0x80, 0x20]
        let marker = Array((target == .article ? "<p>" : "<title>").utf8)
        guard let at = firstRange(of: marker, in: body) else { return bad + body }
        var out = body
        out.insert(contentsOf: bad, at: at + marker.count)
        return out
    }

    /// 20^8 repetitions of a 70-byte string, declared in an internal DTD and used in the title.
    public static let billionLaughsFeed: String = {
        var dtd = "<!ENTITY a \"" + String(repeating: "a", count: 70) + "\">\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"]
        for (previous, name) in zip(names, names.dropFirst()) {
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 20) + "\">\n"
        }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\(dtd)]>\n"
            + "<rss version=\"2.0\"><channel><title>&h;</title><link>http://laughs.example/</link>"
            + "<description>&h;</description></channel></rss>"
    }()

    /// The healthy feed with a 32 KB entity declared and referenced 100,000 times in its first title.
    static func quadraticBlowupFeed(_ healthy: [UInt8]) -> [UInt8] {
        var text = String(decoding: healthy, as: UTF8.self)
        let doctype = "<!DOCTYPE rss [<!ENTITY big \"" + String(repeating: "x", count: 32_768) + "\">]>"
        if let declarationEnd = text.range(of: "?>") {
            text.insert(contentsOf: "\n" + doctype, at: declarationEnd.upperBound)
        } else {
            text = doctype + text
        }
        if let title = text.range(of: "<title>") {
            text.insert(contentsOf: String(repeating: "&big;", count: 100_000), at: title.upperBound)
        }
        return Array(text.utf8)
    }

    /// The healthy feed with an external entity naming `canaryFile` declared, and used in
    /// the channel title and every item title.
    static func externalEntityFeed(_ healthy: [UInt8], canaryFile: String) -> [UInt8] {
        var text = String(decoding: healthy, as: UTF8.self)
        let doctype = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://\(canaryFile)\">]>"
        if let declarationEnd = text.range(of: "?>") {
            text.insert(contentsOf: "\n" + doctype, at: declarationEnd.upperBound)
        } else {
            text = doctype + text
        }
        text = text.replacingOccurrences(of: "<title>", with: "<title>&xxe;")
        return Array(text.utf8)
    }

    /// The healthy page's `<body>` content wrapped in `depth` nested `<div>`s (unclosed, as
    /// hostile pages do; the parser closes them at the end).
    static func deeplyNested(_ healthy: [UInt8], depth: Int) -> [UInt8] {
        let open = Array("<body>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(healthy.count + depth * 5)
        if let at = firstRange(of: open, in: healthy) {
            out.append(contentsOf: healthy[..<(at + open.count)])
            for _ in 0..<depth { out.append(contentsOf: Array("<div>".utf8)) }
            out.append(contentsOf: healthy[(at + open.count)...])
        } else {
            for _ in 0..<depth { out.append(contentsOf: Array("<div>".utf8)) }
            out.append(contentsOf: healthy)
        }
        return out
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
