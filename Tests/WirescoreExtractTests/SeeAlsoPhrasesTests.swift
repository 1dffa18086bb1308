import Testing
@testable import WirescoreExtract

/// The byte path for ASCII lines must decide exactly as the Character path does.
@Suite struct SeeAlsoPhrasesTests {
    @Test func headingsAnnouncingLinks() {
        #expect(SeeAlsoPhrases.announcesLinks("  Related Articles: "))
        #expect(SeeAlsoPhrases.announcesLinks("READ MORE..."))
        #expect(SeeAlsoPhrases.announcesLinks("See also:  Another story about the harbour"))
        #expect(SeeAlsoPhrases.announcesLinks("Lesen Sie auch: Der Hafen"))
        #expect(SeeAlsoPhrases.announcesLinks("Ähnliche Artikel"))
        #expect(!SeeAlsoPhrases.announcesLinks("Related to the harbour, the council said"))
        #expect(!SeeAlsoPhrases.announcesLinks(" \t\n"))
        #expect(!SeeAlsoPhrases.announcesLinks(":Related"))
        // A short line opening with a phrase of two or more words and ending in a colon, on the
        // ASCII byte path as on the Character path.
        #expect(SeeAlsoPhrases.announcesLinks("Related articles and links:"))
        #expect(SeeAlsoPhrases.announcesLinks("Weitere Beiträge aus der Kolumne:"))
        #expect(!SeeAlsoPhrases.announcesLinks("Related articles and links"))
    }

    @Test func asciiBytesAgreeWithCharacters() {
        let pieces = ["related", "Related", "READ", "more", "read more", "see also", "tags", "x", " ", "  ", "\t", "\r\n",
                      ":", "?", "!", ".", "..", "articles", "Most Popular", "on this", "\u{0B}", "\u{1F}", "latest news"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let line = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var copy = line
            let ascii = copy.withUTF8 { SeeAlsoPhrases.asciiAnnouncesLinks($0) }
            #expect(ascii == SeeAlsoPhrases.unicodeAnnouncesLinks(line), "\(line.debugDescription)")
        }
        for phrase in SeeAlsoPhrases.phrases where phrase.utf8.allSatisfy({ $0 < 0x80 }) {
            for line in [phrase, phrase.uppercased() + ":", " \(phrase): a story", "\(phrase) and more",
                         "\(phrase) from the column:", "\(phrase) from the column: ", "\(phrase)x from the column:",
                         "\(phrase) " + String(repeating: "a", count: 70) + ":"] {
                var copy = line
                #expect(copy.withUTF8 { SeeAlsoPhrases.asciiAnnouncesLinks($0) } == SeeAlsoPhrases.unicodeAnnouncesLinks(line))
            }
        }
    }

    /// "More from …" headings name what more the site has on a subject: left out with the links
    /// under them; sentences and colon lines that open the same way are not such headings.
    @Test func headingsNamingMoreOfTheSite() throws {
        #expect(SeeAlsoPhrases.namesMoreOf("More from the region"))
        #expect(SeeAlsoPhrases.namesMoreOf(" Entdecke weitere Homestorys "))
        #expect(SeeAlsoPhrases.namesMoreOf("Mehr über den Hafen"))
        #expect(!SeeAlsoPhrases.namesMoreOf("More from"))
        #expect(!SeeAlsoPhrases.namesMoreOf("Mehr zu unserer Arbeitsweise lesen Sie hier."))
        #expect(!SeeAlsoPhrases.namesMoreOf("More from Cornell on gardening:"))
        #expect(!SeeAlsoPhrases.namesMoreOf("More on the council's vote, and on what the ferry company said it would do next"))
        #expect(!SeeAlsoPhrases.namesMoreOf("Morecambe Bay"))
        let cards = (1...3).map { "<li><a href='/s\($0)'>Another story from the harbour desk, number \($0)</a></li>" }.joined()
        let html = "<html><body><article>" + (1...4).map { "<p>Paragraph \($0) on the harbour dredging plan explains why the council, the "
            + "fishermen and the ferry company each asked for a different timetable.</p>" }.joined()
            + "<h3>More from the harbour desk</h3><ul>\(cards)</ul><p>The council meets again in March, when the engineers "
            + "will present the revised timetable and its cost.</p><p><strong>More from the engineers</strong> on the "
            + "dredging and the ferries, in their own words, follows in next week's edition.</p></article></body></html>"
        let t = try ArticleExtractor().extract(html: Array(html.utf8), url: nil, contentType: "text/html").text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("More from the harbour desk"))
        #expect(t.contains("The council meets again in March"))
        // Inside a sentence the opening is a phrase of it.
        #expect(t.contains("More from the engineers on the dredging"))
    }
}
