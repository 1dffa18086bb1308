import Foundation

/// Relative-reference resolution (RFC 3986) for links, ids and `xml:base`.
enum FeedURL {
    /// `reference` resolved against `base`; the reference unchanged when there is no usable base.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        if reference.isEmpty { return base }
        if hasScheme(reference) { return reference }
        guard let baseURL = URL(string: base),
              let resolved = URL(string: reference, relativeTo: baseURL) else { return reference }
        return resolved.absoluteString
    }

    /// The URL when its scheme is safe to use as a base (no `javascript:` or `data:`).
    static func safe(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:") { return nil }
        return url
    }

    static func hasScheme(_ s: String) -> Bool {
        var sawLetter = false
        for u in s.utf8 {
            switch u {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return false }
            case UInt8(ascii: ":"): return sawLetter
            default: return false
            }
        }
        return false
    }
}
