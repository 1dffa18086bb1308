import Foundation
import Testing
import WirescoreCore
@testable import WirescoreExtract

/// Metadata precedence on small pages written for these tests.
@Suite struct MetadataTests {
    let extractor = ArticleExtractor()
    static let body = "<p>" + String(repeating: "The committee met on Tuesday and agreed the budget after a long debate. ", count: 4) + "</p>"

    func page(_ html: String, url: String? = nil) throws -> ExtractedPage {
        try extractor.extract(html: Array(html.utf8), url: url, contentType: "text/html; charset=utf-8")
    }

    @Test func jsonLDGraphGivesAuthorsDateAndPublisher() throws {
        let p = try page("""
            <html lang="en-GB"><head><title>Budget agreed | The Valley Courier</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Valley Courier"},
              {"@type":"NewsArticle","headline":"Budget agreed after long debate","datePublished":"2024-06-02T07:15:00-04:00",
               "author":[{"@type":"Person","name":"Ada Brook"},{"@type":"Person","name":"Li Wen"}],
               "publisher":{"@type":"Organization","name":"Valley Courier"}}]}</script>
            </head><body><article>\(Self.body)</article></body></html>
            """)
        #expect(p.title == "Budget agreed after long debate")
        #expect(p.author == "Ada Brook; Li Wen")
        #expect(p.published.map(UTCTimestamp.rfc3339) == "2024-06-02T11:15:00Z")
        #expect(p.siteName == "Valley Courier")
        #expect(p.lang == "en")
    }

    @Test func openGraphAndArticleMetaWhenNoJSONLD() throws {
        let p = try page("""
            <html><head><meta property="og:title" content="Ferry timetable changes">
            <meta property="og:site_name" content="Harbour Post"><meta property="article:published_time" content="2023-11-30T18:00:00Z">
            <meta name="author" content="Sam Okafor"><meta http-equiv="content-language" content="fr-CA">
            <link rel="canonical" href="/news/ferry-timetable"></head><body><article>\(Self.body)</article></body></html>
            """, url: "https://harbour.example/news/ferry-timetable?utm_source=x")
        #expect(p.title == "Ferry timetable changes")
        #expect(p.siteName == "Harbour Post")
        #expect(p.author == "Sam Okafor")
        #expect(p.published.map(UTCTimestamp.rfc3339) == "2023-11-30T18:00:00Z")
        #expect(p.canonicalURL == "https://harbour.example/news/ferry-timetable")
        // Declared fr-CA, but the body is unmistakably English: the text wins (docs/extraction.md).
        #expect(p.lang == "en")
    }

    @Test func timeElementBylineAndTitleTag() throws {
        let p = try page("""
            <html><head><title>Library reopens - Town Crier</title></head><body>
            <div class="byline">By Nora Field</div><time datetime="2022-02-14T09:00:00+01:00">14 Feb</time>
            <article>\(Self.body)</article></body></html>
            """)
        #expect(p.title == "Library reopens")
        #expect(p.author == "Nora Field")
        #expect(p.published.map(UTCTimestamp.rfc3339) == "2022-02-14T08:00:00Z")
    }

    @Test func urlDateIsTheFallback() throws {
        let p = try page("<html><body><article>\(Self.body)</article></body></html>",
                         url: "https://paper.example/2021/07/09/story-slug")
        #expect(p.published.map(UTCTimestamp.rfc3339) == "2021-07-09T00:00:00Z")
        #expect(p.publishedRaw == nil)
    }

    @Test(arguments: [
        ("Die Stadt hat am Dienstag den neuen Haushalt beschlossen, und die Mehrheit der Abgeordneten war mit dem Ergebnis sehr zufrieden, auch wenn es nicht einfach war.", "de"),
        ("Le conseil a adopté le budget mardi et la plupart des élus sont satisfaits du résultat, même si les débats ont été longs pour tout le monde.", "fr"),
        ("El ayuntamiento aprobó el presupuesto el martes y la mayoría de los concejales está satisfecha con el resultado, aunque el debate fue largo para todos.", "es"),
    ])
    func stopWordsDecideUndeclaredLanguage(text: String, lang: String) throws {
        let p = try page("<html><body><article><p>\(text)</p><p>\(text)</p></article></body></html>")
        #expect(p.lang == lang)
    }

    /// The source's declared language (news sitemap, feed) stands in for a page that declares
    /// none; the page's own declaration wins over it.
    @Test func theSourcesLanguageStandsInForAPageThatDeclaresNone() throws {
        let undeclared = Array("<html><body><p>Hello</p></body></html>".utf8)
        let hinted = try ArticleExtractor(languageHint: "zh-CN").extract(html: undeclared, url: nil, contentType: "text/html")
        #expect(hinted.lang == "zh")
        let declared = Array("<html lang=\"fr\"><body><p>Bonjour</p></body></html>".utf8)
        let own = try ArticleExtractor(languageHint: "de").extract(html: declared, url: nil, contentType: "text/html")
        #expect(own.lang == "fr")
        let notACode = try ArticleExtractor(languageHint: "English").extract(html: undeclared, url: nil, contentType: "text/html")
        #expect(notACode.lang == nil)
    }

    @Test func tooLittleTextHasNoGuessedLanguage() throws {
        let p = try page("<html><body><p>Hello</p></body></html>")
        #expect(p.lang == nil)
    }
}

/// The JSON-LD reader's escapes, through the shared hex decoding: a surrogate pair and plain
/// `\u` escapes decode; a malformed `\u` makes the block unreadable (it is then ignored).
@Suite struct JSONLDEscapeTests {
    @Test func unicodeEscapesDecode() throws {
        let document = #"{"headline":"Caf\u00e9 \ud83d\ude00 news","author":{"name":"Zo\u00EB"}}"#
        let parsed = try #require(JSONLDReader.parse(Array(document.utf8)))
        #expect(parsed["headline"]?.stringValue == "Café 😀 news")
        #expect(parsed["author"]?["name"]?.stringValue == "Zoë")
        #expect(JSONLDReader.parse(Array(#"{"headline":"\u12"}"#.utf8)) == nil)
    }
}
