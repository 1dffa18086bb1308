import Testing
@testable import WirescoreExtract

/// Pages whose class names or landmarks lie about the article: the prose must survive while the
/// real boilerplate beside it still goes. All pages are written for these tests.
@Suite struct BoilerplateRescueTests {
    let extractor = ArticleExtractor()

    /// Four paragraphs of made-up prose, long enough to be the page's main text.
    static let prose = (1...4).map { k in
        "<p>Paragraph \(k) of the report explains, in plain words, how the county council weighed the cost of "
            + "rebuilding the old stone bridge against a new crossing further upstream, and why residents, "
            + "farmers and the ferry operator each preferred a different answer.</p>"
    }.joined()

    static let sideLinks = "<ul><li><a href='/a'>Weather</a></li><li><a href='/b'>Sport</a></li><li><a href='/c'>Letters to the editor</a></li></ul>"

    func text(_ html: String) throws -> String {
        try extractor.extract(html: Array(html.utf8), url: nil, contentType: "text/html; charset=utf-8").text
    }

    @Test func layoutWrapperNamedSidebarKeepsItsArticle() throws {
        let t = try text("<html><body><div class='page-with-sidebar-layout'><div class='col'>\(Self.prose)</div>"
            + "<div class='sidebar'><h3>More</h3>\(Self.sideLinks)</div></div><footer>\(Self.sideLinks)</footer></body></html>")
        #expect(t.contains("Paragraph 1 of the report"))
        #expect(t.contains("Paragraph 4 of the report"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func commentThreadIsNeverRescued() throws {
        let comments = (1...6).map { k in "<p>Reader \(k) wrote a long reply, agreeing with some points and disputing others, at length and with feeling.</p>" }.joined()
        let t = try text("<html><body><article>\(Self.prose)</article><section class='comments'>\(comments)</section></body></html>")
        #expect(t.contains("Paragraph 2 of the report"))
        #expect(!t.contains("Reader 3 wrote"))
    }

    @Test func unclosedHeaderHoldingMainIsNotDropped() throws {
        // The header is never closed, so the parser nests <main> inside it.
        let t = try text("<html><body><header role='banner'><nav>\(Self.sideLinks)</nav><main>\(Self.prose)</main></body></html>")
        #expect(t.contains("Paragraph 3 of the report"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func hiddenStreamingContainerWithTheArticleIsKept() throws {
        let t = try text("<html><body><div id='root'><p>Loading…</p></div><div hidden id='S:0'>\(Self.prose)</div>"
            + "<div hidden class='menu-drawer'>\(Self.sideLinks)</div></body></html>")
        #expect(t.contains("Paragraph 1 of the report"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func hiddenShortBlocksStayHidden() throws {
        let t = try text("<html><body><article>\(Self.prose)<p style='display: none'>Secret promo text for robots.</p></article></body></html>")
        #expect(t.contains("Paragraph 4 of the report"))
        #expect(!t.contains("Secret promo"))
    }

    @Test func buttonLeftOpenByTheParserDoesNotTakeTheArticleWithIt() throws {
        // `</button>` with two divs still open is ignored by libxml2: the page nests in the button.
        let t = try text("<html><body><header><button class='menu'><div class='icon'><div></button></div>"
            + "<nav>\(Self.sideLinks)</nav></header><main><article>\(Self.prose)</article></main>"
            + "<figure><figcaption>Photo: the bridge in 1910</figcaption></figure></body></html>")
        #expect(t.contains("Paragraph 1 of the report"))
        #expect(t.contains("Paragraph 4 of the report"))
        #expect(!t.contains("Photo: the bridge"))
    }

    @Test func collapsedProsePanelsAreKeptButHiddenMenusAreNot() throws {
        let answer = "<p>The ferry keeps running until the new crossing opens, on the same timetable, and season tickets stay valid for the whole of next year. Cyclists still travel free outside the morning rush.</p>"
        let t = try text("<html><body><article>\(Self.prose)<h2>Questions</h2><div class='accordion'><h3>Will the ferry stop?</h3>"
            + "<div class='accordion__panel' style='display:none'>\(answer)</div></div></article>"
            + "<div style='display:none' class='drawer'>\(Self.sideLinks)</div></body></html>")
        #expect(t.contains("season tickets stay valid"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func weaklyNamedLayoutWrappersAroundEveryParagraphAreStructure() throws {
        // A page builder wraps each short paragraph in `widget` wrappers; an ad slot shares the word.
        let blocks = (1...6).map { k in
            "<div class='builder-widget-wrap'><div><p>Short block \(k): the council met again and agreed, after a long debate, to fund repairs.</p></div></div>"
        }.joined()
        let t = try text("<html><body><div class='page'>\(blocks)<div class='ad-widget'><p>Advertisement</p></div></div></body></html>")
        #expect(t.contains("Short block 1"))
        #expect(t.contains("Short block 6"))
        #expect(!t.contains("Advertisement"))
    }

    @Test func figuresWrappingTablesAndQuotesAreContent() throws {
        let table = "<figure class='wp-block-table'><table><tr><td>Bridge option</td><td>Cost in millions</td></tr>"
            + "<tr><td>Rebuild the stone bridge</td><td>14.5</td></tr><tr><td>New crossing upstream</td><td>22.0</td></tr></table></figure>"
        let quote = "<figure class='pullquote'><blockquote><p>We cannot run the ferry for ever, but we will not stop it before there is a road.</p></blockquote></figure>"
        let t = try text("<html><body><article>\(Self.prose)\(table)\(quote)<figure><img src='b.jpg'><figcaption>The bridge at dawn</figcaption></figure></article></body></html>")
        #expect(t.contains("New crossing upstream 22.0"))
        #expect(t.contains("we will not stop it"))
        #expect(!t.contains("The bridge at dawn"))
    }

    @Test func paragraphWrappersAcrossSectionsAreOneArticle() throws {
        // Generated docs wrap every paragraph in its own div, one section per heading, with link-rich prose.
        func section(_ k: Int) -> String {
            "<div class='sect'><h2>Part \(k)</h2><div class='sectionbody'>" + (1...3).map { j in
                "<div class='para'><p>Part \(k), note \(j): the <a href='/pr/\(k)\(j)'>change request \(k)\(j)</a> landed, and the build on the test machines now passes, mostly.</p></div>"
            }.joined() + "</div></div>"
        }
        let long = "<div class='sect'><h2>Summary</h2><div class='sectionbody'><div class='para'><p>"
            + String(repeating: "A long summary sentence about the release, the people involved, and what remains to be done. ", count: 6)
            + "</p></div></div></div>"
        let t = try text("<html><body><nav>\(Self.sideLinks)</nav><article><div class='content'>\(long)\(section(1))\(section(2))</div></article></body></html>")
        #expect(t.contains("A long summary sentence"))
        #expect(t.contains("Part 1, note 1"))
        #expect(t.contains("Part 2, note 3"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func moreStoriesCardsWithLongExcerptsAreNotTheArticle() throws {
        let card = { (k: Int) in
            "<article class='card'><header><h5><a href='/story/\(k)'>Another story \(k)</a></h5></header><div class='excerpt'>"
                + "Excerpt \(k): a long opening paragraph of a different story about a different town, its mayor, its budget and its quarrels over parking.</div></article>"
        }
        let t = try text("<html><body><div class='site'><main><article><h1>The bridge</h1><div class='body'>\(Self.prose)</div></article></main>"
            + "<section class='more'>\((1...4).map(card).joined())</section></div></body></html>")
        #expect(t.contains("Paragraph 4 of the report"))
        #expect(!t.contains("Excerpt 2"))
    }

    @Test func wordsAroundADroppedInlineElementStaySeparate() throws {
        let t = try text("<html><body><article>\(Self.prose)<p>Tickets cost less <span class='ad'> </span>for pensioners and students.</p></article></body></html>")
        #expect(t.contains("Tickets cost less for pensioners"))
    }

    @Test func articleCutIntoSectionsIsTakenWhole() throws {
        // One section per subheading; the middle one is the longest and wins the scoring.
        func section(_ k: Int, _ n: Int) -> String {
            "<section class='block'><h2>Part \(k)</h2><div class='block__body'>"
                + (1...n).map { j in "<p>Section \(k), paragraph \(j): the survey team walked the coast path, counted nesting birds, and noted where the cliff had slipped since last spring.</p>" }.joined()
                + "</div></section>"
        }
        let t = try text("<html><body><nav>\(Self.sideLinks)</nav><main><article>\(section(1, 2))\(section(2, 5))\(section(3, 2))"
            + "</article></main><aside class='teasers'>\(Self.sideLinks)</aside></body></html>")
        #expect(t.contains("Section 1, paragraph 1"))
        #expect(t.contains("Section 2, paragraph 5"))
        #expect(t.contains("Section 3, paragraph 2"))
        #expect(t.contains("Part 3"))
        #expect(!t.contains("Letters to the editor"))
    }
}

@Suite struct ParagraphWriterTests {
    @Test func longRepeatedParagraphsAreWrittenOnce() {
        var w = ParagraphWriter()
        let long = "The same long paragraph, rendered once for phones and once for desktops by a responsive page builder."
        for piece in [long, "Short line", long, "Short line", "Closing words."] {
            w.text(Array(piece.utf8)[...])
            w.breakParagraph()
        }
        #expect(w.finish() == "\(long)\n\nShort line\n\nShort line\n\nClosing words.")
    }
}
