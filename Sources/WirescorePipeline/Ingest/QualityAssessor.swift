import WirescoreCore
import WirescoreExtract

/// Decides an article's `quality`: `ok`, `thin` (too short to score) or `held` (a consent
/// wall, paywall stub or error page rather than an article, or a page the extractor found is
/// not an article at all: reason `listing`, `product_page` or `landing_page`, docs/extraction.md).
struct QualityAssessor: Sendable {
    let minWords: Int

    /// Phrases that, in a short text, mean the page is a wall or an error rather than news.
    private static let heldMarkers: [(phrase: String, reason: String)] = [
        ("subscribe to continue reading", "paywall"), ("to continue reading, subscribe", "paywall"),
        ("this article is for subscribers", "paywall"), ("already a subscriber", "paywall"),
        ("we value your privacy", "consent_wall"), ("accept all cookies", "consent_wall"),
        ("before you continue", "consent_wall"), ("page not found", "error_page"),
        ("404 not found", "error_page"), ("access denied", "error_page"),
        ("enable javascript", "javascript_required"), ("are you a robot", "bot_check"),
    ]

    func assess(text: String, words: Int, title: String, kind: PageKind = .article) -> Quality {
        var reasons: [String] = []
        switch kind {
        case .article: break
        case .listing: reasons.append("listing")
        case .product: reasons.append("product_page")
        case .landing: reasons.append("landing_page")
        }
        // Markers only count in short texts: a long article may quote "access denied".
        if words < max(minWords * 3, 200) {
            // Searched as bytes: Foundation's `contains` bridged every short page to NSString.
            let lowered = Array((title + "\n" + text).lowercased().utf8)
            for marker in Self.heldMarkers where !reasons.contains(marker.reason)
                && Self.contains(lowered, Array(marker.phrase.utf8)) {
                reasons.append(marker.reason)
            }
        }
        if !reasons.isEmpty { return Quality(status: .held, reasons: reasons) }
        if words < minWords { return Quality(status: .thin, reasons: ["words<\(minWords)"]) }
        return Quality(status: .ok)
    }

    /// Whether `needle` occurs in `haystack` (both UTF-8; a plain scan, the texts are short).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
