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

    /// The stable article id: a hash of the canonical URL with the scheme dropped, so `http`
    /// and `https` links to one page agree.
    public static func articleID(for url: String) -> String {
        let normal = canonical(url) ?? url
        let withoutScheme: Substring
        if let range = normal.range(of: "://") {
            withoutScheme = normal[range.upperBound...]
        } else {
            withoutScheme = Substring(normal)
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
