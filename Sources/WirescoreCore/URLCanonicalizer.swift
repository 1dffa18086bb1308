import Foundation

/// Normalises article URLs so the same article gets the same id every run and from every feed.
///
/// Feeds link to one article with tracking parameters, fragments, mixed-case hosts, default
/// ports and either scheme. The article id is a hash of this normal form.
public enum URLCanonicalizer {
    /// Query parameters that identify a campaign or click, never the article.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi",
        "cmpid", "ocid", "ncid", "sr_share", "smid", "partner", "ito", "wt.mc_id", "mkt_tok",
    ]

    /// The normal form of `url`, or nil when it is not an absolute URL with a host (file URLs
    /// keep their path).
    public static func canonical(_ url: String) -> String? {
        if isAlreadyCanonical(url) { return url }
        return canonicalByComponents(url)
    }

    /// ``canonical(_:)`` through Foundation's `URLComponents`, for every URL the byte check of
    /// ``isAlreadyCanonical(_:)`` does not vouch for.
    static func canonicalByComponents(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            return nil
        }
        components.scheme = scheme
        components.fragment = nil
        if scheme == "file" {
            return components.string
        }
        guard let host = components.host, !host.isEmpty else { return nil }
        components.host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        if components.path.isEmpty { components.path = "/" }
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string
    }

    /// Whether `url` is its own normal form, decided on its bytes: a lowercase `http` or
    /// `https` scheme, a host of lowercase letters, digits, dots and hyphens (no empty label, no
    /// trailing dot), an optional port that is not the scheme's default, and a non-empty path of
    /// RFC 3986 path characters and `%XX` escapes of ASCII bytes, with no query, fragment,
    /// userinfo or blank.
    ///
    /// Most article links look like this, and for them `URLComponents` only takes the string
    /// apart and puts the same bytes back together, which cost ~1.5% of ingest CPU on real pages
    /// (canonical forms are taken for feed items, canonical claims and article ids). Anything
    /// else goes the `URLComponents` way; a test holds the two to the same answers.
    static func isAlreadyCanonical(_ url: String) -> Bool { pathOffsetIfCanonical(url) != nil }

    /// `scheme://host[:port]` of a URL that ``isAlreadyCanonical(_:)`` vouches for, as written
    /// (it is already lowercase, and its port is explicit only when not the default); nil for
    /// any other URL, which the caller then takes apart with `URLComponents`.
    public static func plainOrigin(of url: String) -> Substring? {
        guard let pathStart = pathOffsetIfCanonical(url) else { return nil }
        let u = url.utf8
        return url[u.startIndex..<u.index(u.startIndex, offsetBy: pathStart)]
    }

    /// The byte offset of the path's "/" when `url` passes ``isAlreadyCanonical(_:)``, else nil.
    private static func pathOffsetIfCanonical(_ url: String) -> Int? {
        var url = url
        return url.withUTF8 { b -> Int? in
            let n = b.count
            var i: Int
            let isHTTPS: Bool
            if n > 8, b[0] == 0x68, b[1] == 0x74, b[2] == 0x74, b[3] == 0x70 {   // "http"
                if b[4] == 0x73 { isHTTPS = true; i = 5 } else { isHTTPS = false; i = 4 }
            } else { return nil }
            guard i + 3 <= n, b[i] == 0x3A, b[i + 1] == 0x2F, b[i + 2] == 0x2F else { return nil }   // "://"
            i += 3
            // Host: labels of 1-63 of [a-z0-9-], neither starting nor ending with "-" and with no
            // "--" (so no IDNA "xn--" label, which URLComponents would decode), joined by dots.
            let hostStart = i
            var previous: UInt8 = 0x2E
            var labelLength = 0
            while i < n {
                let c = b[i]
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                    labelLength += 1
                } else if c == 0x2D {
                    if previous == 0x2E || previous == 0x2D { return nil }
                    labelLength += 1
                } else if c == 0x2E {
                    if previous == 0x2E || previous == 0x2D { return nil }
                    labelLength = 0
                } else { break }
                if labelLength > 63 { return nil }
                previous = c
                i += 1
            }
            guard i > hostStart, previous != 0x2E, previous != 0x2D, i < n else { return nil }
            if b[i] == 0x3A {   // a port: digits, no leading zero, not the default
                i += 1
                var port = 0, digits = 0
                while i < n, b[i] >= 0x30, b[i] <= 0x39 {
                    if digits == 0, b[i] == 0x30 { return nil }
                    port = port * 10 + Int(b[i] - 0x30)
                    digits += 1
                    i += 1
                    if digits > 5 { return nil }
                }
                guard digits > 0, port <= 65535, port != (isHTTPS ? 443 : 80) else { return nil }
            }
            guard i < n, b[i] == 0x2F else { return nil }   // the path starts with "/"
            let pathStart = i
            while i < n {
                let c = b[i]
                if c == 0x25 {   // "%XX" of an ASCII byte: URLComponents reads the path decoded,
                    // and an escape of a byte that is not valid UTF-8 ("%e9") empties it, which
                    // the slow path then turns into "/".
                    guard i + 2 < n, b[i + 1] >= 0x30, b[i + 1] <= 0x37, isHexDigit(b[i + 2]) else { return nil }
                    i += 3
                    continue
                }
                guard isPathByte(c) else { return nil }
                i += 1
            }
            return pathStart
        }
    }

    /// RFC 3986 `pchar` and "/", less "%" (escapes are checked on their own): unreserved
    /// characters, sub-delims, ":" and "@".
    @inline(__always) private static func isPathByte(_ c: UInt8) -> Bool {
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) { return true }
        switch c {
        case 0x2D, 0x2E, 0x5F, 0x7E,                                // - . _ ~
             0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D,   // ! $ & ' ( ) * + , ; =
             0x3A, 0x40, 0x2F:                                        // : @ /
            return true
        default:
            return false
        }
    }

    @inline(__always) private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// The stable article id: a hash of the canonical URL with the scheme dropped, so `http`
    /// and `https` links to one page agree.
    public static func articleID(for url: String) -> String {
        let normal = canonical(url) ?? url
        var withoutScheme = Substring(normal)
        if let at = UTF8Search.firstOffset(of: "://", in: normal) {
            let u = normal.utf8
            let rest = u.index(u.startIndex, offsetBy: at + 3)
            // A combining mark after "://" would make Foundation's search (by canonical
            // equivalence) skip this one, as ids were always taken: leave such a rarity to it.
            if rest != u.endIndex, u[rest] >= 0x80 {
                withoutScheme = normal.range(of: "://").map { normal[$0.upperBound...] } ?? Substring(normal)
            } else {
                withoutScheme = normal[rest...]
            }
        }
        return StableHash.hex128(String(withoutScheme))
    }

    /// `relative` resolved against `base` (RFC 3986), or nil when neither makes a URL.
    public static func resolve(_ relative: String, against base: String?) -> String? {
        let trimmed = relative.trimmingCharacters(in: .whitespacesAndNewlines)
        if let base, let baseURL = URL(string: base), let url = URL(string: trimmed, relativeTo: baseURL) {
            return url.absoluteString
        }
        return URL(string: trimmed).flatMap { $0.scheme == nil ? nil : $0.absoluteString }
    }

    /// `url` without `user:password@`, which must never reach a record or an error line.
    /// Unchanged when it has none (the common case costs one byte scan).
    public static func withoutUserinfo(_ url: String) -> String {
        guard url.utf8.contains(UInt8(ascii: "@")), var components = URLComponents(string: url),
              components.user != nil || components.password != nil else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }

    /// The host of a URL, lowercased.
    public static func host(of url: String) -> String? {
        URLComponents(string: url)?.host?.lowercased()
    }
}
