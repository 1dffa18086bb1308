import Testing
@testable import WirescorePipeline

/// The canonical rule on its own: which claims a page may make (the writer's near-duplicate
/// check is exercised end to end in HostileLinkTests).
struct CanonicalClaimTests {
    @Test func claimsWithinTheSiteThatNameAnArticleAreAccepted() {
        let page = "https://www.example.com/news/2026/11/story.html?utm_source=x"
        #expect(CanonicalClaim.accept("https://example.com/news/2026/11/story.html", fetchedURL: page)
                == "https://example.com/news/2026/11/story.html")
        #expect(CanonicalClaim.accept("https://www.example.com/story/amp-free", fetchedURL: "https://www.example.com/story/amp-free/amp")
                == "https://www.example.com/story/amp-free")
        // A WordPress-style article URL at the root with a query is an article.
        #expect(CanonicalClaim.accept("https://example.com/?p=123", fetchedURL: "https://example.com/2026/story") != nil)
        // The page's own URL is always fine.
        #expect(CanonicalClaim.accept(page, fetchedURL: page) != nil)
    }

    @Test func claimsOnOtherSitesTheRootOrASectionAboveAreRefused() {
        let page = "https://www.example.com/news/2026/story.html"
        #expect(CanonicalClaim.accept("https://victim.example/news/real", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("https://example.com.evil.net/news/2026/story.html", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("https://www.example.com/", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("https://www.example.com", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("https://www.example.com/news/", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("javascript:alert(1)", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept("file:///etc/passwd", fetchedURL: page) == nil)
        #expect(CanonicalClaim.accept(nil, fetchedURL: page) == nil)
    }

    @Test func theOperatorsOwnFilesMayClaimAnyWebURL() {
        #expect(CanonicalClaim.accept("https://www.reuters.com/x", fetchedURL: "file:///srv/feeds/x.html")
                == "https://www.reuters.com/x")
        #expect(CanonicalClaim.accept("file:///etc/passwd", fetchedURL: "file:///srv/feeds/x.html") == nil)
    }
}
