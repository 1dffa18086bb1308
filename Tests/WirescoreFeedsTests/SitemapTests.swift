import Foundation
import Testing
@testable import WirescoreFeeds

/// News sitemaps, sitemap indexes and feed discovery on a page: bytes in, entries out.
@Suite struct SitemapTests {
    static let news = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
          <url>
            <loc>https://site.example/business/acme-results</loc>
            <lastmod>2026-11-19T10:00:00Z</lastmod>
            <news:news>
              <news:publication><news:name>Site Wire</news:name><news:language>en</news:language></news:publication>
              <news:publication_date>2026-11-19T09:30:00+01:00</news:publication_date>
              <news:title>Acme &amp; Co beat estimates</news:title>
              <news:stock_tickers>NASDAQ:MSFT, NYSE:IBM</news:stock_tickers>
            </news:news>
          </url>
          <url><loc> https://site.example/plain </loc></url>
          <url><lastmod>2026-11-19</lastmod></url>
        </urlset>
        """

    @Test func readsANewsSitemap() throws {
        let doc = try SitemapParser().parse(Array(Self.news.utf8))
        #expect(doc.kind == .urlset)
        #expect(doc.isNews)
        #expect(doc.problem == nil)
        #expect(doc.urls.count == 2)   // the <url> without <loc> is dropped
        let first = try #require(doc.urls.first)
        #expect(first.loc == "https://site.example/business/acme-results")
        #expect(first.title == "Acme & Co beat estimates")
        #expect(first.language == "en")
        #expect(first.publication == "Site Wire")
        #expect(first.stockTickers == ["NASDAQ:MSFT", "NYSE:IBM"])
        #expect(first.published == Date(timeIntervalSince1970: 1_795_077_000))   // 08:30Z
        #expect(first.lastModified != nil)
        #expect(doc.urls[1].loc == "https://site.example/plain")
        #expect(doc.urls[1].title == nil)
    }

    @Test func readsAnIndexAndUndeclaredNewsPrefix() throws {
        let index = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://site.example/news-1.xml</loc><lastmod>2026-11-19</lastmod></sitemap>
              <sitemap><loc>https://site.example/news-2.xml.gz</loc></sitemap>
            </sitemapindex>
            """
        let doc = try SitemapParser().parse(Array(index.utf8))
        #expect(doc.kind == .index)
        #expect(doc.sitemaps == ["https://site.example/news-1.xml", "https://site.example/news-2.xml.gz"])
        // A publisher that forgot the namespace declaration: recovered, the news fields still read.
        let sloppy = "<urlset><url><loc>https://s.example/a</loc><news:news><news:title>T</news:title></news:news></url></urlset>"
        let recovered = try SitemapParser().parse(Array(sloppy.utf8))
        #expect(recovered.urls.first?.title == "T")
        #expect(recovered.isNews)
    }

    @Test func refusesWhatIsNoSitemap() {
        #expect(throws: SitemapError.self) { try SitemapParser().parse(Array("<html><body>hi</body></html>".utf8)) }
        #expect(throws: SitemapError.self) { try SitemapParser().parse(Array("<rss version=\"2.0\"/>".utf8)) }
        #expect(throws: SitemapError.self) { try SitemapParser().parse([]) }
        #expect(!SitemapParser.isSitemap(Array("plain text".utf8)))
    }

    @Test func fiftyThousandURLsAreBoundedByTheCap() throws {
        var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        for i in 0..<50_000 { xml += "<url><loc>https://big.example/p/\(i)</loc></url>" }
        xml += "</urlset>"
        let doc = try SitemapParser(maxEntries: 100).parse(Array(xml.utf8))
        #expect(doc.urls.count == 100)
        #expect(doc.skippedEntries == 49_900)
        #expect(doc.urls.last?.loc == "https://big.example/p/99")
    }

    @Test func discoveryReadsAlternateLinksBounded() {
        let page = """
            <!doctype html><html><head><base href="https://site.example/news/">
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Top stories" href="rss.xml">
            <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://site.example/atom.xml">
            <link rel="alternate" type="application/feed+json" href="/feed.json">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="rss.xml">
            </head><body></body></html>
            """
        let found = FeedDiscovery.alternateLinks(inHTML: Array(page.utf8), contentType: "text/html", pageURL: "https://site.example/")
        #expect(found.map(\.url) == ["https://site.example/news/rss.xml", "https://site.example/atom.xml", "https://site.example/feed.json"])
        #expect(found.map(\.format) == [.rss, .atom, .json])
        #expect(found.first?.title == "Top stories")

        // A page with 1,000 alternate links yields the first maxLinks.
        var many = "<html><head>"
        for i in 0..<1000 { many += "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/tag/\(i)/feed\">" }
        many += "</head></html>"
        let bounded = FeedDiscovery.alternateLinks(inHTML: Array(many.utf8), contentType: nil, pageURL: "https://big.example/")
        #expect(bounded.count == FeedDiscovery.maxLinks)
        #expect(bounded.first?.url == "https://big.example/tag/0/feed")
        #expect(FeedDiscovery.wellKnownURLs(for: "https://site.example/a/b?c").first == "https://site.example/feed")
    }

    @Test func opmlCommentsSurviveARewrite() throws {
        let opml = """
            <?xml version="1.0"?>
            <!-- feeds for the markets desk -->
            <opml version="2.0"><head><title>t</title></head><body>
              <!-- wires first -->
              <outline text="Wire" xmlUrl="https://wire.example/rss"/>
            </body></opml>
            """
        var doc = try OPMLDocument(parsing: Array(opml.utf8))
        doc.appendOutline([.init(name: "text", value: "New"), .init(name: "xmlUrl", value: "https://new.example/rss")])
        let written = doc.serialized()
        #expect(written.contains("<!-- feeds for the markets desk -->"))
        #expect(written.contains("<!-- wires first -->"))
        let again = try OPMLDocument(parsing: Array(written.utf8))
        #expect(again.feedOutlines.count == 2)
        #expect(again.serialized() == written)
    }
}
