import Foundation
import WirescoreCore
import WirescoreXML

/// A feed a web page names in its head.
public struct DiscoveredFeed: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable { case rss, atom, json }
    /// Absolute URL (resolved against the page and its `<base href>`).
    public var url: String
    public var title: String?
    public var format: Format
    public init(url: String, title: String? = nil, format: Format) {
        self.url = url; self.title = title; self.format = format
    }
}

/// The pure half of feed discovery: what a page says about its feeds, and where sites put feeds
/// they do not announce. Fetching the candidates is the caller's (the pipeline's
/// `FeedDiscoverer`); this type reads bytes only.
///
/// The order follows Miniflux's subscription finder: `<link rel="alternate">` with an RSS, Atom
/// or JSON Feed type first, then the well-known paths, then (the caller's part) news sitemaps
/// named in robots.txt.
public enum FeedDiscovery {
    /// Links kept from one page: a page announcing more feeds than this (a tag cloud of
    /// per-category feeds) still yields its first ones, and discovery stays bounded.
    public static let maxLinks = 20

    /// Paths tried on the site's root when the page announces no feed, in order.
    public static let wellKnownPaths = [
        "/feed", "/feed/", "/rss", "/rss/", "/rss.xml", "/atom.xml", "/feed.xml", "/feed.atom",
        "/index.xml", "/index.rss", "/rss/feed.xml",
    ]

    /// The `<link rel="alternate">` feeds of an HTML page, in document order, at most
    /// ``maxLinks``, each URL once.
    /// - Parameters:
    ///   - html: the page's bytes.
    ///   - contentType: its HTTP Content-Type (the charset matters).
    ///   - pageURL: the page's final URL, the base for relative links.
    public static func alternateLinks(inHTML html: [UInt8], contentType: String?, pageURL: String) -> [DiscoveredFeed] {
        guard let document = try? HTMLDocument(bytes: html, contentType: contentType) else { return [] }
        var base = pageURL
        for node in 0..<document.count where document.tagName(node) == "base" {
            if let href = document.attribute(node, "href"), let resolved = URLCanonicalizer.resolve(href, against: pageURL) {
                base = resolved
            }
            break
        }
        var found: [DiscoveredFeed] = []
        var seen: Set<String> = []
        for node in document.elements(.link) {
            guard found.count < maxLinks else { break }
            let rel = (document.attribute(node, "rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace)
            guard rel.contains("alternate"), let format = format(ofType: document.attribute(node, "type")),
                  let href = document.attribute(node, "href"), !href.allSatisfy(\.isWhitespace),
                  let url = URLCanonicalizer.resolve(href, against: base),
                  url.hasPrefix("http://") || url.hasPrefix("https://"),
                  seen.insert(url).inserted else { continue }
            let title = document.attribute(node, "title").flatMap { $0.isEmpty ? nil : $0 }
            found.append(DiscoveredFeed(url: url, title: title, format: format))
        }
        return found
    }

    /// The feed format a `<link type>` announces, or nil for any other type.
    static func format(ofType type: String?) -> DiscoveredFeed.Format? {
        guard let type else { return nil }
        let bare = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch bare {
        case "application/rss+xml", "application/rdf+xml": return .rss
        case "application/atom+xml": return .atom
        case "application/feed+json", "application/json": return .json
        default: return nil
        }
    }

    /// The well-known feed URLs of the site serving `pageURL` (scheme and authority kept).
    public static func wellKnownURLs(for pageURL: String) -> [String] {
        wellKnownPaths.compactMap { URLCanonicalizer.resolve($0, against: pageURL) }
    }

    /// The robots.txt URL of the site serving `pageURL`.
    public static func robotsURL(for pageURL: String) -> String? {
        URLCanonicalizer.resolve("/robots.txt", against: pageURL)
    }
}
