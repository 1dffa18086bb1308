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
            let lowered = (title + "\n" + text).lowercased()
            for marker in Self.heldMarkers where lowered.contains(marker.phrase) && !reasons.contains(marker.reason) {
                reasons.append(marker.reason)
            }
        }
        if !reasons.isEmpty { return Quality(status: .held, reasons: reasons) }
        if words < minWords { return Quality(status: .thin, reasons: ["words<\(minWords)"]) }
        return Quality(status: .ok)
    }
}
