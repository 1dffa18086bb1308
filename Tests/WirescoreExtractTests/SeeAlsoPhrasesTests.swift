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
}
