import Testing
@testable import WirescoreFeeds

/// UTF-8 read as windows-1252 and encoded again is undone; text that is really accented is not
/// touched.
@Suite struct DoubleEncodedTextTests {
    @Test(arguments: [("â€¦", "…"), ("Ã©tÃ© 2026", "été 2026"), ("Â£5m deal", "£5m deal"),
                      ("Itâ€™s â€œdoneâ€\u{9D}", "It’s “done”"), ("æ\u{9D}±äº¬", "東京")])
    func doubleEncodedTextIsRepaired(mangled: String, original: String) {
        #expect(DoubleEncodedText.repaired(mangled) == original)
    }

    @Test(arguments: ["café", "¡Olé!", "Öl und Gas", "東京", "plain", "naïve résumé", "Straße"])
    func accentedTextIsLeftAlone(text: String) {
        #expect(DoubleEncodedText.repaired(text) == nil)
    }

    @Test func aUTF8FeedIsRepairedAndAWindows1252OneIsNot() throws {
        let mangled = "<rss version=\"2.0\"><channel><title>Ã‰conomie</title><item><title>Le PIB progresse de 0,3â€¯%</title>"
            + "<description>&#226;&#128;&#166;</description></item></channel></rss>"
        let doc = try FeedParser().parse(Array(mangled.utf8), url: nil, contentType: nil)
        #expect(doc.feed.title == "Économie")
        #expect(doc.entries.first?.title == "Le PIB progresse de 0,3\u{202F}%")
        #expect(doc.entries.first?.summary == "…")
        // Declared windows-1252: "Ã©" there is what the publisher wrote.
        var latin = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>".utf8)
        latin += [0xC3, 0xA9]
        latin += Array("</title></channel></rss>".utf8)
        #expect(try FeedParser().parse(latin, url: nil, contentType: nil).feed.title == "Ã©")
    }

    /// An HTML entity a feed uses without declaring it is read, and the feed is bozo.
    @Test func anUndeclaredHTMLEntityIsReadButBozo() throws {
        let doc = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>Caf&eacute; news</title></channel></rss>".utf8),
                                         url: nil, contentType: nil)
        #expect(doc.feed.title == "Café news")
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("&eacute;") == true)
    }
}
