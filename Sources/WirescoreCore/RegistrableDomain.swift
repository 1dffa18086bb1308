import Foundation

/// The part of a host name a registrant controls ("example.co.uk" for "news.example.co.uk"),
/// used to decide whether a page may speak for another URL (its canonical claim).
///
/// An approximation of the Public Suffix List, chosen so wirescore ships no list that goes
/// stale: IP literals stand for themselves; otherwise the last two labels, or the last three
/// when the last is a two-letter country code and the second-last one of the generic
/// second-level labels countries register under ("co.uk", "com.au", "co.jp", "gov.br" ...).
/// It errs towards "different domain" on private suffixes such as "github.io" (claims between
/// two of its sites are accepted), which only matters for the canonical rule; see
/// `ArticleBuilder`.
public enum RegistrableDomain {
    static let countrySecondLevels: Set<String> = [
        "ac", "co", "com", "edu", "gob", "go", "gov", "gv", "ltd", "me", "mil", "ne", "net", "nic", "or", "org",
        "plc", "sch",
    ]

    /// The registrable domain of `host` (lowercased, without a trailing dot).
    public static func of(host: String) -> String {
        var host = host.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        if host.hasPrefix("[") || host.allSatisfy({ $0.isNumber || $0 == "." }) { return host }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count > 2 else { return host }
        let last = labels[labels.count - 1], second = labels[labels.count - 2]
        let take = last.count == 2 && countrySecondLevels.contains(String(second)) ? 3 : 2
        return labels.suffix(take).joined(separator: ".")
    }

    /// The registrable domain of a URL's host, nil when it has none.
    public static func of(url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return of(host: host)
    }
}
