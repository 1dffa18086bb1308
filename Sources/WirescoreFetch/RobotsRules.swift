import WirescoreCore

/// What one robots.txt file says to one crawler: its Allow/Disallow rules, its Crawl-delay,
/// and the file's Sitemap lines (RFC 9309, with the `*` and `$` wildcards and the group
/// selection Google documents).
///
/// Pure and `Sendable`: parsed once per host, asked once per page. Lenient as the RFC asks:
/// unknown lines, lines without a colon and rules before any `User-agent` are ignored, never
/// an error; any byte sequence parses.
///
/// - Group: the rules of the groups whose `User-agent` is the crawler's product token
///   (case-insensitively), merged; else of the most specific group whose agent the token
///   starts with (`wirescore` obeys a `wire` group when there is no `wirescore` group); else
///   of the `*` groups; else none (everything allowed).
/// - Match: the rule with the longest pattern matching the URL's path and query wins; on a
///   tie Allow wins (the least restrictive, RFC 9309 2.2.2). `/robots.txt` is always allowed.
public struct RobotsRules: Sendable, Equatable {
    /// One `Allow` or `Disallow` line of the chosen group.
    public struct Rule: Sendable, Equatable {
        public var allows: Bool
        /// The path pattern, percent-encoding normalised (see ``RobotsRules/normalized(_:)``).
        public var pattern: [UInt8]
        public init(allows: Bool, pattern: String) {
            self.init(allows: allows, patternBytes: Array(pattern.utf8))
        }

        init(allows: Bool, patternBytes: [UInt8]) {
            self.allows = allows
            self.pattern = RobotsRules.normalized(patternBytes)
        }
    }

    public var rules: [Rule]
    /// Seconds between requests the group asks for (`Crawl-delay`), unbounded as written.
    public var crawlDelay: Double?
    /// Every `Sitemap:` URL of the file, whichever group it sits in, in order.
    public var sitemaps: [String]

    public init(rules: [Rule] = [], crawlDelay: Double? = nil, sitemaps: [String] = []) {
        self.rules = rules; self.crawlDelay = crawlDelay; self.sitemaps = sitemaps
    }

    /// No rules: every path allowed (no robots.txt, or a 4xx for it).
    public static let allowAll = RobotsRules()
    /// Every path disallowed (robots.txt unreachable: 5xx or no answer).
    public static let disallowAll = RobotsRules(rules: [Rule(allows: false, pattern: "/")])

    /// A pattern longer than this is ignored: no real path is that long, and matching cost
    /// grows with pattern length times path length.
    static let maxPatternBytes = 4096
    /// Sitemap lines kept; a file listing more is a sitemap index in disguise.
    static let maxSitemaps = 1000

    /// Parses a robots.txt body for the crawler whose product token is `userAgent`.
    /// - Parameters:
    ///   - bytes: the body (a caller reading only a prefix passes `truncated: true`, and the
    ///     last, possibly cut, line is dropped).
    ///   - userAgent: the product token, e.g. `wirescore`.
    public init(parsing bytes: [UInt8], userAgent: String, truncated: Bool = false) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if truncated, let lastBreak = body.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            body = body[..<lastBreak]
        }
        let token = Array(userAgent.lowercased().utf8)

        struct Group { var agents: [[UInt8]] = []; var rules: [Rule] = []; var crawlDelay: Double? }
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        var sitemaps: [String] = []

        for line in Self.lines(body) {
            guard let (key, value) = Self.directive(line) else { continue }
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent {
                    if let done = current { groups.append(done) }
                    current = Group()
                }
                current?.agents.append(Self.productToken(value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard !value.isEmpty, value.count <= Self.maxPatternBytes else { continue }   // empty Disallow: no rule
                var pattern = value
                if pattern.first != UInt8(ascii: "/") && pattern.first != UInt8(ascii: "*") { pattern.insert(UInt8(ascii: "/"), at: 0) }
                current?.rules.append(Rule(allows: key == "allow", patternBytes: pattern))
            case "crawl-delay":
                lastWasAgent = false
                if let seconds = Double(String(decoding: value, as: UTF8.self)), seconds.isFinite, seconds >= 0 {
                    current?.crawlDelay = seconds
                }
            case "sitemap":
                // Not part of any group: a Sitemap line neither ends nor starts one.
                if sitemaps.count < Self.maxSitemaps { sitemaps.append(String(decoding: value, as: UTF8.self)) }
            default:
                lastWasAgent = false
            }
        }
        if let done = current { groups.append(done) }

        // The most specific group: exact token, else the longest agent the token starts with, else `*`.
        let star: [UInt8] = [UInt8(ascii: "*")]
        var best: [UInt8]?
        for group in groups {
            for agent in group.agents where agent != star && !agent.isEmpty && token.starts(with: agent) {
                if agent.count > best?.count ?? 0 { best = agent }
            }
        }
        let chosen = best ?? star
        let matching = groups.filter { $0.agents.contains(chosen) }
        self.init(rules: matching.flatMap(\.rules), crawlDelay: matching.compactMap(\.crawlDelay).first,
                  sitemaps: sitemaps)
    }

    /// Whether `url` (absolute, or a path starting with `/`) may be fetched.
    public func allows(_ url: String) -> Bool {
        let path = Self.normalized(Self.pathAndQuery(of: url))
        if path == Array("/robots.txt".utf8) { return true }
        var bestLength = -1
        var allowed = true
        for rule in rules where rule.pattern.count >= bestLength {
            guard Self.matches(rule.pattern, path) else { continue }
            if rule.pattern.count > bestLength {
                bestLength = rule.pattern.count
                allowed = rule.allows
            } else if rule.allows {
                allowed = true   // a tie: the least restrictive rule wins
            }
        }
        return allowed
    }

    // MARK: - Parsing helpers

    /// Lines split on LF, CR or CRLF, comments removed, whitespace trimmed.
    static func lines(_ body: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = body.startIndex
        var index = body.startIndex
        func emit(_ end: Int) {
            var line = body[start..<end]
            if let hash = line.firstIndex(of: UInt8(ascii: "#")) { line = line[..<hash] }
            line = trimmed(line)
            if !line.isEmpty { out.append(line) }
        }
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0x0A || byte == 0x0D {
                emit(index)
                start = index + 1
            }
            index += 1
        }
        emit(body.endIndex)
        return out
    }

    /// `key: value` with the key lowercased; nil for a line without a colon.
    static func directive(_ line: ArraySlice<UInt8>) -> (String, [UInt8])? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = String(decoding: trimmed(line[..<colon]), as: UTF8.self).lowercased()
        return (key, Array(trimmed(line[(colon + 1)...])))
    }

    /// The product token of a `User-agent` value, lowercased: `Wirescore/1.0 (+url)` is `wirescore`.
    static func productToken(_ value: [UInt8]) -> [UInt8] {
        let end = value.firstIndex { $0 == UInt8(ascii: "/") || $0 == 0x20 || $0 == 0x09 } ?? value.endIndex
        return value[..<end].map(\.asciiLowercased)
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        while let first = s.first, first == 0x20 || first == 0x09 { s = s.dropFirst() }
        while let last = s.last, last == 0x20 || last == 0x09 { s = s.dropLast() }
        return s
    }

    /// The path and query of an absolute URL (fragment dropped), `/` when it has no path.
    static func pathAndQuery(of url: String) -> [UInt8] {
        var bytes = Array(url.utf8)
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes.removeSubrange(hash...) }
        if bytes.first == UInt8(ascii: "/") { return bytes }
        guard let scheme = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[(scheme + 1)...].starts(with: Array("//".utf8)) else { return bytes }
        let authority = scheme + 3
        guard let slash = bytes[authority...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
            return Array("/".utf8)
        }
        var path = Array(bytes[slash...])
        if path.first == UInt8(ascii: "?") { path.insert(UInt8(ascii: "/"), at: 0) }
        return path
    }

    /// Percent-encoding made comparable: bytes outside printable ASCII encoded as `%XX`, the
    /// hex digits of existing escapes uppercased (RFC 9309 2.2.2 compares octets this way).
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        func isHex(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                out.append(b)
                out.append(bytes[i + 1] >= 0x61 ? bytes[i + 1] - 0x20 : bytes[i + 1])
                out.append(bytes[i + 2] >= 0x61 ? bytes[i + 2] - 0x20 : bytes[i + 2])
                i += 3
                continue
            }
            if b <= 0x20 || b >= 0x7F {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Whether `pattern` matches a prefix of `path` (the whole path when it ends in `$`);
    /// `*` matches any run of bytes. Greedy with one backtrack point, as glob matchers do.
    static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        var pattern = pattern[...]
        let anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern = pattern.dropLast() }
        let star = UInt8(ascii: "*")
        var p = pattern.startIndex, s = 0
        var starP = -1, starS = 0
        while true {
            if p == pattern.endIndex {
                if !anchored || s == path.count { return true }
            } else if pattern[p] == star {
                starP = p; starS = s; p += 1
                continue
            } else if s < path.count && pattern[p] == path[s] {
                p += 1; s += 1
                continue
            }
            // Mismatch (or an anchored pattern ended early): let the last `*` eat one more byte.
            guard starP >= 0, starS < path.count else { return false }
            starS += 1; s = starS; p = starP + 1
        }
    }
}
