import Testing
@testable import WirescoreExtract

/// Short lines of page furniture that themes write as plain paragraphs of the article's column
/// (docs/extraction.md, "Label lines"): each test page is written for these tests.
@Suite struct PageFurnitureTests {
    let extractor = ArticleExtractor()

    /// `k` paragraphs of made-up prose.
    static func prose(_ k: Int, _ topic: String = "the new tram line") -> String {
        (1...k).map { n in
            "<p>Paragraph \(n) on \(topic) sets out, one step at a time, why the city, the residents and the "
                + "shop owners each wanted a different route, and what the planners said each would cost.</p>"
        }.joined()
    }

    func text(_ body: String) throws -> String {
        try extractor.extract(html: Array("<html><body><article>\(body)</article></body></html>".utf8), url: nil,
                              contentType: "text/html; charset=utf-8").text
    }

    @Test func adLabelWithASpacedDashIsLeftOutButASentenceStays() throws {
        #expect(LabelLine.isLabel("ANZEIGE - Heute schon an morgen gedacht? Unsere Angebote:"))
        #expect(LabelLine.isLabel("Advertisement \u{2013} story continues below"))
        #expect(!LabelLine.isLabel("Anzeige gegen Unbekannt erstattet"))
        #expect(!LabelLine.isLabel("Werbung ist teuer - sagt der Verband"))
        let t = try text(Self.prose(2) + "<p>ANZEIGE - Jetzt den Wochenmarkt entdecken:</p>" + Self.prose(1, "the bus lanes"))
        #expect(!t.contains("ANZEIGE"))
        #expect(t.contains("Paragraph 1 on the bus lanes"))
    }

    @Test func commentCountersAreLeftOutButSentencesAboutCommentsStay() throws {
        #expect(LabelLine.isCommentCounter("3 Comments"))
        #expect(LabelLine.isCommentCounter("0 Kommentare"))
        #expect(LabelLine.isCommentCounter("Keine Kommentare (Kommentare erscheinen erst nach der Freigabe)"))
        #expect(LabelLine.isCommentCounter("Kommentare (12)"))
        #expect(LabelLine.isCommentCounter("comments"))
        // "Komentarz" heads a commentary section in Polish papers; a lone singular is no counter.
        #expect(!LabelLine.isCommentCounter("Komentarz"))
        #expect(!LabelLine.isCommentCounter("Comment"))
        #expect(!LabelLine.isCommentCounter("Three comments from the minister"))
        let t = try text(Self.prose(2) + "<div>4 Comments</div><p>The minister's comments were brief.</p>" + Self.prose(1, "the bus lanes"))
        #expect(!t.contains("4 Comments"))
        #expect(t.contains("The minister's comments were brief."))
    }

    @Test func metaLabelsInsideAnInfoLineAreLeftOut() throws {
        #expect(LabelLine.isLabel("report.html - Created 03-10-2019 - Last Modified: 05-11-2019"))
        #expect(LabelLine.isLabel("News date : 04/21/2022\u{A0}\u{A0}\u{A0}Category : Press Releases"))
        // A label word inside a sentence is not after a separator or a date.
        #expect(!LabelLine.isLabel("We sorted the finds in three categories: coins, shards and bones."))
        let t = try text(Self.prose(2) + "<p>Posted 12.03.2021 | Tags: trams, planning</p>" + Self.prose(1, "the bus lanes"))
        #expect(!t.contains("Tags: trams"))
        #expect(t.contains("Paragraph 1 on the bus lanes"))
    }

    @Test func numberedFigureCaptionsAreLeftOutButAColonSentenceStays() throws {
        #expect(LabelLine.isLabel("Abbildung 4: Querschnitt durch die Schneedecke."))
        #expect(LabelLine.isLabel("Abb.: Collage aus zwei Fotos"))
        #expect(LabelLine.isLabel("Figure 2: Riders per month"))
        #expect(LabelLine.isLabel("Fig. 3: The old depot"))
        #expect(LabelLine.isLabel("Bild2: © Jane Roe"))
        #expect(!LabelLine.isLabel("Figure skating: the season opens in Oslo"))
        let t = try text(Self.prose(2) + "<p><em>Figure 1: The planned route through the old town.</em></p>" + Self.prose(1, "the bus lanes"))
        #expect(!t.contains("Figure 1"))
        #expect(t.contains("Paragraph 1 on the bus lanes"))
    }

    @Test func adLabelsInMoreLanguagesAreLeftOut() {
        #expect(LabelLine.isLabel("Iklan"))
        #expect(LabelLine.isLabel("Реклама"))
        #expect(LabelLine.isLabel("Annons:"))
        #expect(!LabelLine.isLabel("Iklan ini dipasang oleh panitia lomba."))
    }

    @Test func aTableOfContentsGoesWithItsHeading() throws {
        #expect(SeeAlsoPhrases.headsContents("Table of Contents"))
        #expect(SeeAlsoPhrases.headsContents("  Inhaltsverzeichnis: "))
        #expect(!SeeAlsoPhrases.headsContents("Contents of the tool bag"))
        let toc = "<h2>Table of Contents</h2><ul><li><a href='#route'>Choosing the route</a></li><li><a href='#cost'>What it costs</a></li></ul>"
        let t = try text(toc + "<h2 id='route'>Choosing the route</h2>" + Self.prose(2) + "<h2 id='cost'>What it costs</h2>" + Self.prose(1, "the budget"))
        #expect(!t.contains("Table of Contents"))
        #expect(t.components(separatedBy: "Choosing the route").count == 2)
        #expect(t.contains("Paragraph 1 on the budget"))
    }

    @Test func aLabelInsideABlockOfSeveralLinesDoesNotTakeTheBlock() throws {
        // An awards list: each entry a heading, a year line and a "Kategorie:" line in one block.
        let entry = "<div><h2>Regional Book Prize</h2><span>Prize, 2016</span><div>Kategorie: Kinderbuch an Jane Roe</div></div>"
        let t = try text(Self.prose(2) + entry + Self.prose(1, "the bus lanes"))
        #expect(t.contains("Regional Book Prize"))
        #expect(t.contains("Prize, 2016"))
        #expect(!LabelLine.isLabel("Prize, 2016 Kategorie: Kinderbuch", oneParagraph: false))
    }

    /// A reading-time line next to the date ("Feb 11, 2019 · 3 min read", "Lesezeit: ca. 3
    /// Minuten") is left out; a sentence about reading time stays.
    @Test func readingTimeLinesAreLeftOut() throws {
        let t = try text("<div class='info'><p>Feb 11, 2019 · 3 min read</p></div><p>Lesezeit: ca. 3 Minuten</p>" + Self.prose(4)
            + "<p>The reading time of the report is two hours.</p>")
        #expect(!t.contains("3 min read"))
        #expect(!t.contains("Lesezeit"))
        #expect(t.contains("Paragraph 4 on the new tram line"))
        #expect(t.contains("The reading time of the report is two hours."))
        #expect(LabelLine.isReadingTime("Read time: 14 min"))
        #expect(LabelLine.isReadingTime("11 MIN. READ"))
        #expect(!LabelLine.isReadingTime("Reading time matters less than you think, the study says, and here is why"))
    }

    /// A paragraph that is only the post's date, perhaps with its label and time, is left out;
    /// a date inside a sentence, or in a line that says more, stays.
    @Test func dateLinesAreLeftOut() throws {
        let t = try text("<p>Updated on: March 4, 2025</p><div>17 Nov 2024</div>" + Self.prose(4)
            + "<p>The tram opened on March 4, 2025 after years of delay.</p><p>Posted on <span>May 2, 2024</span> by the desk</p>")
        #expect(!t.contains("Updated on"))
        #expect(!t.contains("17 Nov 2024"))
        #expect(t.contains("Paragraph 4 on the new tram line"))
        #expect(t.contains("The tram opened on March 4, 2025 after years of delay."))
        #expect(t.contains("May 2, 2024"))
        #expect(LabelLine.isDateLine("Last updated on September 16th, 2023 at 09:27 am"))
        #expect(LabelLine.isDateLine("DEC 10, 2025"))
        #expect(LabelLine.isDateLine("Published 3 June 2021"))
        #expect(!LabelLine.isDateLine("March 4, 2025: the tram opens"))
        #expect(!LabelLine.isDateLine("May 2024 budget figures"))
        #expect(!LabelLine.isDateLine("On 40 March 2025"))
    }
}
