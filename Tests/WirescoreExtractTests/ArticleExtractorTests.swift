import Foundation
import Testing
import WirescoreCore
@testable import WirescoreExtract
import WirescoreXML

/// Loads a fixture page; a missing fixture fails the test rather than skipping it.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
}

@Suite struct ArticleExtractorTests {
    let extractor = ArticleExtractor()

    @Test func newsArticleKeepsProseAndDropsBoilerplate() throws {
        let page = try extractor.extract(html: fixture("news_article"), url: "https://ledger.example/news/2024/03/05/tidal-plant?ref=rss",
                                         contentType: "text/html; charset=utf-8")
        #expect(page.text.hasPrefix("The small harbour town of Westmere"))
        #expect(page.text.contains("first year of output figures early next year."))
        #expect(page.text.contains("A long road"))
        #expect(page.text.contains("Phase two: eighteen more turbines, due next spring."))
        for junk in ["cookies", "Sport", "Share on", "Wind farm plans", "seals", "Copyright", "Most read",
                     "Advertisement", "Photo: Ledger staff", "not text", "By Mara"] {
            #expect(!page.text.contains(junk), "boilerplate leaked: \(junk)")
        }
        // Paragraphs are separated by exactly one blank line.
        let paragraphs = page.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 8)
        #expect(!page.text.contains("\n\n\n"))
        #expect(page.title == "Harbour Town Opens Tidal Energy Plant")
        #expect(page.author == "Mara Quillon")
        #expect(page.lang == "en")
        #expect(page.canonicalURL == "https://ledger.example/news/2024/03/05/tidal-plant")
        #expect(page.published.map(UTCTimestamp.rfc3339) == "2024-03-05T08:30:00Z")
        #expect(page.publishedRaw == "2024-03-05T09:30:00+01:00")
    }

    /// A CMS that stored the body's markup escaped, or its letters as entities, ships a JSON-LD
    /// `articleBody` whose string holds `&lt;p&gt;` and `&amp;ccedil;`: the text is what a
    /// reader would see, not the entities.
    @Test func escapedArticleBodyIsReadAsHTML() {
        let twice = "&lt;p class=&quot;texto&quot;&gt;Em busca de uma solu&amp;ccedil;&amp;atilde;o.&lt;/p&gt;&lt;p&gt;O senador falou.&lt;/p&gt;"
        #expect(ArticleExtractor.plainBody(twice) == "Em busca de uma solução.\n\nO senador falou.")
        let letters = "Uma das lideran&ccedil;as foi presa.\nEle tamb&eacute;m era investigado &#8211; disse a pol&iacute;cia."
        #expect(ArticleExtractor.paragraphs(ArticleExtractor.plainBody(letters))
                == "Uma das lideranças foi presa.\n\nEle também era investigado – disse a polícia.")
        // Plain text without a character reference is left alone, ampersands and all.
        let plain = "AT&T and R&D teams met.\nThey agreed."
        #expect(ArticleExtractor.plainBody(plain) == plain)
        // A body with real tags is parsed once: an escaped tag in it is a code sample.
        #expect(ArticleExtractor.plainBody("<p>Write &lt;div&gt; around it.</p>") == "Write <div> around it.")
    }

    @Test func escapedArticleBodyOnAPage() throws {
        let sentence = "O parlamentar refor&amp;ccedil;ou o apoio ao di&amp;aacute;logo entre os poderes da Rep&amp;uacute;blica."
        let body = (1...4).map { _ in "&lt;p&gt;\(sentence)&lt;/p&gt;" }.joined()
        let html = """
        <html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"\(body)"}</script></head>
        <body><div class="story"><p>O parlamentar reforçou o apoio.</p></div></body></html>
        """
        let page = try extractor.extract(html: Array(html.utf8), url: nil, contentType: "text/html; charset=utf-8")
        #expect(page.textSource == "json-ld")
        #expect(page.text.hasPrefix("O parlamentar reforçou o apoio ao diálogo entre os poderes da República."))
        #expect(!page.text.contains("&"))
        #expect(!page.text.contains("<p>"))
    }

    @Test func jsonLDArticleBodyAndMetadata() throws {
        let page = try extractor.extract(html: fixture("jsonld_article"), url: nil, contentType: nil)
        #expect(page.textSource == "json-ld")
        #expect(page.text.components(separatedBy: "\n\n").count == 3)
        #expect(page.text.hasSuffix("its two new plants."))
        #expect(!page.text.contains("Subscribe"))
        #expect(page.title == "Brightfield Foods lifts forecast after strong quarter")
        #expect(page.author == "Ada Okafor; Lukas Brenner")
        #expect(page.published.map(UTCTimestamp.rfc3339) == "2023-11-14T16:05:00Z")
        #expect(page.lang == "en")
        #expect(page.siteName == "Example Wire")
    }

    @Test func openGraphOnlyPage() throws {
        let page = try extractor.extract(html: fixture("og_only"), url: "https://metro.example/x", contentType: nil)
        #expect(page.title == "Rail strike called off after late-night talks")
        #expect(page.siteName == "Metro Daily")
        #expect(page.canonicalURL == "https://metro.example/rail-strike-called-off")
        #expect(page.lang == "fr")
        #expect(page.description == "Unions and operators reached a deal shortly before midnight.")
        #expect(page.text.hasPrefix("La grève des cheminots"))
        #expect(page.text.components(separatedBy: "\n\n").count == 2)
        #expect(page.author == nil)
        #expect(page.published == nil)
    }

    @Test func windows1252PageDecodesToUTF8() throws {
        let bytes = try fixture("windows1252")
        #expect(!HTMLCharset.isValidUTF8(bytes))
        let page = try extractor.extract(html: bytes, url: nil, contentType: nil)
        #expect(page.encoding == "windows-1252")
        #expect(page.title == "Café culture returns")
        #expect(page.text.contains("The cafés of the old town"))
        #expect(page.text.contains("week – and the owners say business is “better than before”, with naïve"))
        #expect(page.text.contains("10€ per visit"))
        #expect(page.lang == "en")
    }

    @Test func contentTypeCharsetWinsOverSniffing() throws {
        // Valid UTF-8 bytes, but the server says Latin-1: the header decides (as browsers do).
        let bytes = Array("<p>caf\u{e9} au lait, s'il vous pla\u{ee}t, et un croissant.</p>".utf8)
        let page = try extractor.extract(html: bytes, url: nil, contentType: "text/html; charset=ISO-8859-1")
        #expect(page.encoding == "windows-1252")
        #expect(page.text.contains("cafÃ©"))
    }

    @Test(arguments: [
        ("%PDF-1.7\n1 0 obj", "PDF"),
        ("{\"a\": [1, 2, 3]}", "JSON"),
        ("  [1, 2]", "JSON"),
    ])
    func nonHTMLBodiesAreRejected(body: String, why: String) {
        #expect(throws: ExtractionError.notHTML(why)) {
            try extractor.extract(html: Array(body.utf8), url: nil, contentType: nil)
        }
    }

    @Test func binaryAndWrongContentTypeAreRejected() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: ExtractionError.notHTML("PNG image")) { try extractor.extract(html: png, url: nil, contentType: nil) }
        let nul: [UInt8] = Array("<html><body>".utf8) + [0, 1, 2, 0] + Array("</body></html>".utf8)
        #expect(throws: ExtractionError.notHTML("binary data (NUL bytes)")) { try extractor.extract(html: nul, url: nil, contentType: nil) }
        let html = Array("<html><body><p>hello</p></body></html>".utf8)
        #expect(throws: ExtractionError.notHTML("content type application/json")) {
            try extractor.extract(html: html, url: nil, contentType: "application/json; charset=utf-8")
        }
        #expect(throws: ExtractionError.notHTML("content type image/jpeg")) {
            try extractor.extract(html: html, url: nil, contentType: "image/jpeg")
        }
    }

    @Test func emptyBodiesAreEmptyDocuments() {
        for body: [UInt8] in [[], Array(" \n\t\r\n ".utf8), [0xEF, 0xBB, 0xBF, 0x20, 0x0A]] {
            #expect(throws: ExtractionError.emptyDocument) { try extractor.extract(html: body, url: nil, contentType: nil) }
        }
    }

    @Test func deeplyNestedPageDoesNotCrash() throws {
        var bytes = Array("<html><body>".utf8)
        bytes.reserveCapacity(100_000 * 11 + 200)
        for _ in 0..<100_000 { bytes += Array("<div><span>".utf8) }
        bytes += Array("<p>Deep inside the nesting there is still a sentence worth keeping, with a comma.</p>".utf8)
        let page = try extractor.extract(html: bytes, url: nil, contentType: nil)
        #expect(page.text.contains("Deep inside the nesting there is still a sentence worth keeping"))
        let doc = try HTMLDocument(bytes: bytes)
        var depth = 0, n = doc.count - 1
        while n > 0 { n = doc.parent(n); depth += 1 }
        #expect(depth <= HTMLDocument.maxDepth + 1)
    }

    @Test func titleSiteSuffixIsStripped() {
        #expect(ArticleExtractor.stripSiteSuffix("Markets rally on rate hopes | Daily Planet") == "Markets rally on rate hopes")
        #expect(ArticleExtractor.stripSiteSuffix("Well - Being") == "Well - Being")
    }

    @Test func dateInURLIsTheLastResort() throws {
        let html = Array("<html><body><p>A short note with no dates in it whatsoever, just words.</p></body></html>".utf8)
        let page = try extractor.extract(html: html, url: "https://x.example/2022/07/19/note", contentType: nil)
        #expect(page.published.map(UTCTimestamp.rfc3339) == "2022-07-19T00:00:00Z")
    }
}
