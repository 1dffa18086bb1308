import Foundation
import WirescoreCore

/// Whether a page's `rel=canonical` / `og:url` may name the article, and so give it its id.
///
/// A page may claim any URL. Taken blindly, a page on one host claiming the canonical of an
/// article on another makes the genuine article a silent duplicate later, with the claimant's
/// text stored under the victim's URL; and a CMS that puts the homepage (or a section page) in
/// every article's canonical merges unrelated articles into one. So a claim is accepted only:
/// - for an `http(s)` URL in the same registrable domain as the fetched page (after
///   redirects): `www.example.com` may speak for `example.com`, `evil.example` may not for
///   `victim.example`;
/// - when it names a plausible article: not the site root, and not a directory-style section
///   above the fetched page (`/news/` claimed by `/news/2026/story`). An AMP page
///   (`/story/amp`) claiming `/story` is fine.
/// Pages read from `file:` URLs (the operator's own copies) may claim any web URL.
///
/// Claims that pass here can still name one URL for pages of different text (a section page
/// without the trailing slash): the writer merges two pages under one id only when their
/// texts are near-duplicates (see `RecordSink`).
enum CanonicalClaim {
    /// The canonical form of the accepted claim, or nil when the page keeps its own URL.
    static func accept(_ claim: String?, fetchedURL: String) -> String? {
        guard let claim, let canonical = URLCanonicalizer.canonical(claim),
              let components = URLComponents(string: canonical),
              let scheme = components.scheme, scheme == "http" || scheme == "https" else { return nil }
        if fetchedURL.lowercased().hasPrefix("file:") { return canonical }
        guard let claimed = RegistrableDomain.of(url: canonical), let fetched = RegistrableDomain.of(url: fetchedURL),
              claimed == fetched else { return nil }
        let own = URLCanonicalizer.canonical(fetchedURL) ?? fetchedURL
        if canonical == own { return canonical }
        let path = components.percentEncodedPath
        if path.isEmpty || path == "/" { return components.percentEncodedQuery == nil ? nil : canonical }
        if path.hasSuffix("/"), let ownPath = URLComponents(string: own)?.percentEncodedPath,
           ownPath.count > path.count, ownPath.hasPrefix(path) {
            return nil
        }
        return canonical
    }
}
