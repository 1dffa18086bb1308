import Foundation
import Testing
@testable import WirescoreExtract

/// One small page per failure kind seen on pages of the web at large (docs/extraction.md): each
/// page is written for these tests, imitating a layout, never copying one.
@Suite struct UnseenPageKindsTests {
    let extractor = ArticleExtractor()

    static let sideLinks = "<ul><li><a href='/a'>Weather</a></li><li><a href='/b'>Sport</a></li><li><a href='/c'>Letters to the editor</a></li></ul>"

    /// `k` paragraphs of made-up English prose.
    static func prose(_ k: Int, _ topic: String = "the harbour dredging plan") -> String {
        (1...k).map { n in
            "<p>Paragraph \(n) on \(topic) explains, in plain words, why the council, the fishermen and the "
                + "ferry company each asked for a different timetable, and what the engineers said it would cost.</p>"
        }.joined()
    }

    func page(_ html: String, url: String? = nil) throws -> ExtractedPage {
        try extractor.extract(html: Array(html.utf8), url: url, contentType: "text/html; charset=utf-8")
    }

    @Test func recipeSpreadOverSiblingBlocksKeepsIntroIngredientsAndSteps() throws {
        let html = """
        <html><body><nav>\(Self.sideLinks)</nav><div class="recipe">
        <div class="recipe-intro"><p>This plum cake is the one my grandmother baked every September, when the trees in the
        orchard bent under the fruit, and it needs nothing more than a warm kitchen and an hour of patience.</p></div>
        <div class="recipe-ingredients"><h2>Ingredients</h2><ul><li>500 g plums, halved</li><li>200 g flour</li>
        <li>120 g butter</li><li>2 eggs</li><li>100 g sugar</li></ul></div>
        <div class="recipe-steps"><h2>Method</h2><ol><li>Beat the butter and the sugar until pale, then add the eggs one by one.</li>
        <li>Fold in the flour, spread the dough in a buttered tin and press the plums into it, cut side up.</li>
        <li>Bake for forty minutes at 180 degrees, until the edges are golden and a skewer comes out clean.</li></ol></div>
        </div><footer>\(Self.sideLinks)</footer></body></html>
        """
        let t = try page(html).text
        #expect(t.contains("my grandmother baked every September"))
        #expect(t.contains("500 g plums, halved"))
        #expect(t.contains("Bake for forty minutes"))
        #expect(!t.contains("Letters to the editor"))
    }

    @Test func consentBoxIsNotTheMainBlock() throws {
        let consent = "<div class='cmp-consent-dialog'><p>We and our partners store and access information on your device, "
            + "such as cookies, and process personal data, such as unique identifiers, for personalised ads and content, "
            + "ad and content measurement, audience insights and product development.</p><p>You can accept, refuse or "
            + "change your choices at any time, including your right to object, in the privacy settings.</p></div>"
        let t = try page("<html><body>\(consent)<article>\(Self.prose(3))</article></body></html>").text
        #expect(t.contains("Paragraph 3 on the harbour"))
        #expect(!t.contains("our partners store"))
    }

    @Test func blogPostInsideASidebarLayoutIsNotReducedToTheTagline() throws {
        // The theme names the layout wrapper after its sidebar; the widgets beside the post are
        // link lists long enough to make the wrapper look like navigation (with ten of them the
        // wrapper used to be dropped with the post in it, leaving no text at all).
        let widgets = (1...10).map { "<div class='widget'><h3>Archive \($0)</h3>\(Self.sideLinks)\(Self.sideLinks)</div>" }.joined()
        let html = "<html><body><header><p class='site-tagline'>Notes from a small allotment, since 2009.</p></header>"
            + "<div class='container right-sidebar'><div id='primary'><article class='post'><h1>Tomatoes</h1>"
            + "<div class='entry'>\(Self.prose(3, "the tomato beds"))</div></article></div><aside>\(widgets)</aside></div></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 1 on the tomato beds"))
        #expect(t.contains("Paragraph 3 on the tomato beds"))
        #expect(!t.contains("Archive 2"))
    }

    @Test func authorBioAndBrowserWarningAreNotChosenOverTheArticle() throws {
        let html = "<html><body><div class='browser-warning'><p>You are using an outdated browser, which may not display "
            + "this site correctly, so please upgrade your browser, or switch to another one, to improve your experience.</p></div>"
            + "<article><div class='article-body'>\(Self.prose(4))</div>"
            + "<div class='author-bio'><p>Jo Marsh, born 1979, has written about the coast, its towns, its boats and its "
            + "weather for twenty years, and studied geography, history and German in Bristol.</p></div></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("outdated browser"))
    }

    @Test func softHyphensAreRemovedFromTheText() throws {
        let html = "<html><body><article><p>Die Wehr&shy;an&shy;lage \(String(repeating: "öffnet im Som\u{AD}mer wie\u{AD}der ihre Tore, ", count: 8))und alle sind willkommen.</p></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Die Wehranlage öffnet im Sommer wieder"))
        #expect(!t.contains("\u{AD}"))
    }

    @Test func relatedTeasersAndFooterAreNotKept() throws {
        let cards = (1...4).map { "<article class='card'><h3><a href='/s\($0)'>Another story number \($0)</a></h3><p>A teaser for story \($0), short.</p></article>" }.joined()
        let html = "<html><body><main><article>\(Self.prose(4))</article><section><h2>Read next</h2>\(cards)</section></main>"
            + "<div class='site-footer'><p>Harbour Weekly, 12 Quay Street. All rights reserved. Imprint and privacy policy.</p></div></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("Another story number"))
        #expect(!t.contains("All rights reserved"))
    }

    @Test func seeAlsoHeadingsAndLabelLinesAreLeftOut() throws {
        let html = "<html><body><article>\(Self.prose(3))<p>Foto: Hafenamt / Archiv</p><p>*Werbung. Dieser Beitrag enthält Werbung für eine Werft.</p>"
            + "<p>Anzeige gegen Unbekannt wurde am Abend erstattet, sagte die Polizei, und die Ermittlungen laufen noch.</p>"
            + "<p>Tags: Hafen, Fähre, Gemeinderat</p><h3>Mehr zum Thema</h3><ul><li><a href='/a'>Die alte Fähre fährt wieder</a></li>"
            + "<li><a href='/b'>Neuer Anleger geplant</a></li></ul><p>Paragraph after the list, plain prose again, with no links in it at all.</p></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 3 on the harbour"))
        #expect(t.contains("Anzeige gegen Unbekannt"))
        #expect(t.contains("Paragraph after the list"))
        for junk in ["Foto:", "Werbung", "Tags:", "Mehr zum Thema", "Die alte Fähre"] {
            #expect(!t.contains(junk), "kept: \(junk)")
        }
    }

    @Test func sourceCreditLineIsLeftOut() throws {
        // "Quelle: <agency>" under a report is a credit line like "Foto: …"; a sentence that uses
        // the word stays.
        let html = "<html><body><article>\(Self.prose(3))<p>Die Quelle des Hochwassers lag nach Angaben der Behörde oberhalb der alten Mühle am Fluss.</p>"
            + "<p>Quelle: Landesamt für Umwelt, 3. März</p></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Die Quelle des Hochwassers"))
        #expect(!t.contains("Quelle: Landesamt"))
    }

    @Test func inlineSeeAlsoLinksInSpanishAndPolishAreLeftOut() throws {
        // "Lea más: <linked title>" between paragraphs, its heading-only form, and the Polish
        // "Dowiedz się więcej:"; a sentence that only uses the words stays.
        let html = "<html><body><article>\(Self.prose(2))"
            + "<p>Lea más: <a href='/x'>El puerto abrirá un nuevo muelle para los transbordadores del norte</a></p>"
            + "<p>PUEDES VER: <a href='/y'>¿Cuándo sale el último transbordador del puerto esta semana?</a></p>"
            + "<p>Dowiedz się więcej: <a href='/z'>Nowy prom na trasie do portu już w przyszłym miesiącu</a></p>"
            + "<h3>Notas relacionadas</h3><ul><li><a href='/a'>Otra nota sobre el muelle</a></li><li><a href='/b'>El muelle viejo</a></li></ul>"
            + "<p>Puedes ver el nuevo muelle desde la plaza mayor, dijo el alcalde, y la obra terminará en verano.</p>"
            + "</article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 2 on the harbour"))
        #expect(t.contains("Puedes ver el nuevo muelle desde la plaza mayor"))
        for junk in ["Lea más", "nuevo muelle para los transbordadores", "PUEDES VER", "Dowiedz się", "Notas relacionadas", "Otra nota"] {
            #expect(!t.contains(junk), "kept: \(junk)")
        }
    }

    @Test func backToListAndCommentFormHeadingsAreLeftOut() throws {
        let html = "<html><body><article>\(Self.prose(2))"
            + "<p><a href='/news'>zurück zur Listenansicht</a></p><h3>Kommentare schreiben</h3>"
            + "<p>Zurück zur Liste der Fähren ging es erst am Abend, als der Wind nachließ und der Hafen wieder offen war.</p>"
            + "</article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 2 on the harbour"))
        #expect(t.contains("Zurück zur Liste der Fähren ging es erst am Abend"))
        #expect(!t.contains("Listenansicht"))
        #expect(!t.contains("Kommentare schreiben"))
    }

    @Test func contributorBoxIsLeftOutButAContributorNamedWrapperStays() throws {
        let byline = "<div class='contributors'>By <a href='/p/ann'>Ann Lee</a>, <a href='/p/bo'>Bo Chan</a>"
            + " and <a href='/p/cy'>Cy Dorn</a> · Updated on December 1, 2025 · Edited by <a href='/p/di'>Di Ek</a></div>"
        let html = "<html><body><article>\(byline)\(Self.prose(3))</article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 3 on the harbour"))
        #expect(!t.contains("Updated on December 1"))
        #expect(!t.contains("Edited by"))
        // A guest-post theme names the whole post after its contributor: size keeps it.
        let wrapped = "<html><body><div class='contributor-column'>\(Self.prose(4))</div><div class='sidebar'><a href='/x'>Other</a></div></body></html>"
        #expect(try page(wrapped).text.contains("Paragraph 4 on the harbour"))
    }

    @Test func shortLineOpeningWithASeeAlsoPhraseAndEndingInAColonIsLeftOut() throws {
        let html = "<html><body><article>\(Self.prose(2))"
            + "<h4>Weitere Beiträge aus dem Hafenressort:</h4><ul><li><a href='/a'>Die alte Fähre fährt wieder</a></li>"
            + "<li><a href='/b'>Neuer Anleger geplant</a></li></ul>"
            + "<p>Read more about the dredging plan in the council minutes, which the harbour office published on Monday.</p>"
            // One word alone opens sentences too.
            + "<p>Tags darauf sagte er:</p><p>Es wird ein langer Sommer am Hafen, und die Fähre fährt erst im Herbst wieder.</p>"
            + "</article></body></html>"
        let t = try page(html).text
        #expect(!t.contains("Weitere Beiträge aus dem Hafenressort"))
        #expect(!t.contains("Die alte Fähre fährt wieder"))
        #expect(t.contains("Read more about the dredging plan"))
        #expect(t.contains("Tags darauf sagte er:"))
        #expect(t.contains("Es wird ein langer Sommer"))
    }

    @Test func readerPromptsToFollowSignUpOrSubscribeAreLeftOut() throws {
        let html = "<html><body><article>\(Self.prose(3))"
            + "<p>Follow the Harbour Weekly on Facebook, Instagram and Twitter for the latest from the quay.</p>"
            + "<p>Never miss a sailing: sign up for our newsletter today!</p>"
            + "<p>Mit unserem Newsletter bleiben Sie über den Hafen informiert.</p>"
            + "<p>To read the full story, please subscribe to the Harbour Weekly.</p>"
            // Sentences of the story that mention the same things stay.
            + "<p>The ferry company said it would post the new timetable on Twitter first.</p>"
            + "<p>The council's newsletter, sent to 4,000 subscribers, called the plan a success.</p>"
            + "</article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 3 on the harbour"))
        #expect(t.contains("post the new timetable on Twitter"))
        #expect(t.contains("sent to 4,000 subscribers"))
        for junk in ["Follow the Harbour Weekly", "sign up for our newsletter", "Mit unserem Newsletter", "please subscribe"] {
            #expect(!t.contains(junk), "kept: \(junk)")
        }
    }

    @Test func loginDialogIsNotTheMainBlock() throws {
        let dialog = "<div class='b-dialog x-dialog-login'><form><p>There is no account for this e-mail address, or the password "
            + "you entered is wrong, so please check both and try again, or ask for a new password.</p><p>Please choose a "
            + "display name, at least three characters long, using letters, digits, dots or dashes.</p></form></div>"
        let html = "<html><body>\(dialog)<main><article><h1>Harbour</h1><p class='item-description'>Video: the harbour dredging "
            + "plan, explained by the engineers, the fishermen and the ferry company, in twelve minutes.</p></article></main></body></html>"
        let t = try page(html).text
        #expect(t.contains("the harbour dredging plan, explained"))
        #expect(!t.contains("no account for this e-mail address"))
    }

    @Test func leadParagraphOutsideTheBodyBlockIsKept() throws {
        // The standfirst sits in the article's header (a landmark) or in a block of its own
        // beside the body that wins; a related-story teaser with a link is not a lead.
        let header = "<html><body><article><header><h1>Harbour</h1><p class='article-intro'>The council has approved the "
            + "dredging plan after a year of talks with the fishermen and the ferry company.</p></header>"
            + "<div class='article-body'>\(Self.prose(4))</div></article></body></html>"
        let t = try page(header).text
        #expect(t.hasPrefix("The council has approved the dredging plan"))
        #expect(t.contains("Paragraph 4 on the harbour"))
        let teaser = "<html><body><div class='news'><div class='lead'><p>Ferries will run every twenty minutes from "
            + "May, the company said on Tuesday, once the new pier is open.</p></div>"
            + "<div class='news-text'>\(Self.prose(4))</div></div></body></html>"
        #expect(try page(teaser).text.hasPrefix("Ferries will run every twenty minutes"))
        let card = "<html><body><div class='col'><div class='teaser'><p class='teaser-text'><a href='/other'>Another story, "
            + "about the lighthouse and its keeper, who retired last spring after forty years.</a></p></div>"
            + "<div class='story'>\(Self.prose(4))</div></div></body></html>"
        #expect(!(try page(card).text.contains("lighthouse")))
        // A lead picture (`figure.lead`) after the intro: its caption is not the lead.
        let picture = "<html><body><article><header><h1>Harbour</h1><p class='intro'>The council has approved the dredging "
            + "plan after a year of talks with the fishermen and the ferry company.</p><figure class='lead'><figcaption>The "
            + "old pier at low tide, seen from the ferry terminal on a grey morning. Photo: Harbour Weekly</figcaption></figure>"
            + "</header><div class='body'>\(Self.prose(4))</div></article></body></html>"
        let pt = try page(picture).text
        #expect(pt.hasPrefix("The council has approved the dredging plan"))
        #expect(!pt.contains("old pier at low tide"))
    }

    @Test func articleCutIntoRowsOfTheSameClassIsTakenWhole() throws {
        // A long piece in equal layout rows (`div.row > div.columns`, one per section): the last,
        // longest row wins, the first rows score too little to be merged, and a link box in them
        // stops the climb to the article; the rows' shared class ties them together.
        let links = (1...4).map { "<li><a href='/dossier/\($0)'>Everything about the harbour dredging plan, part \($0)</a></li>" }.joined()
        let html = "<html><body><article class='content'>"
            + "<div class='row align-center'><div class='columns'>\(Self.prose(2, "the first section"))<div class='callout'><ul>\(links)</ul></div></div></div>"
            + "<div class='row align-center'><div class='columns'>\(Self.prose(30, "the long section"))</div></div>"
            + "</article><div class='row'><div class='columns'><ul><li><a href='/prev'>Previous post</a></li></ul></div></div></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 1 on the first section"))
        #expect(t.contains("Paragraph 30 on the long section"))
        #expect(!t.contains("Previous post"))
    }

    @Test func leadNamesAndPromptAnchorsMatchOnBytes() {
        for yes in ["article__intro", "lead", "Post__lead", "texto-bajada", "text-intro col", "standfirst"] {
            #expect(LeadNames.matches(Array(yes.utf8)[...]), "\(yes)")
        }
        for no in ["leaderboard", "leadership-team", "subtitle", "article-summary", "teaser-text", "m-detail--abstract"] {
            #expect(!LeadNames.matches(Array(no.utf8)[...]), "\(no)")
        }
        #expect(ReaderPrompt.hasAnchor("Follow us on INSTAGRAM".utf8))
        #expect(ReaderPrompt.hasAnchor("Unser Newsletter".utf8))
        #expect(!ReaderPrompt.hasAnchor("The ferry left at noon.".utf8))
    }

    @Test func pageWithNoTextGivesEmptyTextNotAnError() throws {
        let p = try page("<html><head><title>Gallery</title></head><body><div><img src='a.jpg'><img src='b.jpg'></div></body></html>")
        #expect(p.text.isEmpty)
    }

    @Test func nulBytesInsideThePageDoNotCutTheArticle() throws {
        var bytes = Array("<html><body><div class='x'><p>Lead.</p>".utf8)
        bytes += Array(repeating: 0, count: 8)
        bytes += Array("</div><article>\(Self.prose(3))</article></body></html>".utf8)
        // The NULs sit past the first 4 KB the binary-data gate looks at.
        let padded = Array("<!-- \(String(repeating: "padding ", count: 600)) -->".utf8) + bytes
        let t = try extractor.extract(html: padded, url: nil, contentType: "text/html; charset=utf-8").text
        #expect(t.contains("Paragraph 3 on the harbour"))
    }

    // MARK: - Language

    static let german = "<p>Die Gemeinde hat am Montag beschlossen, dass die alte Brücke nicht abgerissen wird, sondern "
        + "saniert werden soll. Auch die Anwohner sind mit dem Plan zufrieden, weil der Verkehr nach der Sanierung "
        + "wieder über die Brücke fließen kann und die Umleitung durch das Dorf entfällt. Die Kosten werden von dem "
        + "Land und der Gemeinde gemeinsam getragen, wie der Bürgermeister sagte.</p>"

    @Test func textInAnotherLanguageThanDeclaredWins() throws {
        let p = try page("<html lang='en-US'><body><article>\(Self.german)\(Self.german)</article></body></html>")
        #expect(p.lang == "de")
    }

    @Test func declaredLanguageStandsWhenTextIsNotDecisive() throws {
        let p = try page("<html><head><meta http-equiv='content-language' content='fr-CA'></head><body><article><p>Horaires 2024 : 8 h – 18 h.</p></article></body></html>")
        #expect(p.lang == "fr")
    }

    @Test func declaredLanguageStandsWhenTextAgrees() throws {
        let p = try page("<html lang='en'><body><article>\(Self.prose(3))</article></body></html>")
        #expect(p.lang == "en")
    }

    @Test func undeclaredPolishFrenchItalianSpanishAreRecognised() throws {
        let samples: [(String, String)] = [
            ("pl", "Rada miasta zdecydowała w poniedziałek, że stary most nie zostanie rozebrany, ale będzie remontowany. "
                + "Mieszkańcy są z tego zadowoleni, bo ruch po remoncie znów będzie mógł przejeżdżać przez most, a objazd przez wieś nie jest już potrzebny. "
                + "Koszty poniosą wspólnie województwo i gmina, jak powiedział burmistrz, który także dodał, że prace potrwają rok."),
            ("fr", "Le conseil municipal a décidé lundi que le vieux pont ne sera pas démoli, mais rénové. Les habitants sont "
                + "satisfaits, car la circulation pourra de nouveau passer sur le pont et la déviation par le village ne sera plus "
                + "nécessaire. Les coûts seront partagés par la région et la commune, a dit le maire."),
            ("it", "Il consiglio comunale ha deciso lunedì che il vecchio ponte non sarà demolito, ma restaurato. Gli abitanti "
                + "sono contenti, perché il traffico potrà di nuovo passare sul ponte e la deviazione per il paese non sarà più "
                + "necessaria. I costi saranno divisi tra la regione e il comune, come ha detto il sindaco della città."),
            ("es", "El ayuntamiento decidió el lunes que el viejo puente no será demolido, sino restaurado. Los vecinos están "
                + "contentos, porque el tráfico podrá pasar de nuevo por el puente y el desvío por el pueblo ya no será necesario. "
                + "Los costes serán compartidos por la región y el municipio, como dijo el alcalde."),
        ]
        for (code, text) in samples {
            let p = try page("<html><body><article><p>\(text)</p><p>\(text)</p></article></body></html>")
            #expect(p.lang == code, "expected \(code)")
        }
    }

    @Test func authorBoxDeclaredInJSONLDIsLeftOut() throws {
        // The theme prints the author box as plain paragraphs in the post's own column; the SEO
        // plugin's JSON-LD declares the same sentences as the author's description.
        let bio = "Mara Vell covered the port authority for nine years before she joined the desk, and she still keeps a tide table on her wall."
        let ld = "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"BlogPosting\","
            + "\"headline\":\"Dredging\",\"author\":{\"@id\":\"#mara\"}},{\"@type\":\"Person\",\"@id\":\"#mara\",\"name\":\"Mara Vell\","
            + "\"description\":\"\(bio)\"}]}</script>"
        let html = "<html><head>\(ld)</head><body><div class='entry'>\(Self.prose(4))<p><strong>Mara Vell</strong></p><p>\(bio)</p></div></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("tide table on her wall"))
        // Without the declaration the same paragraph is article text: the rule reads the page's word, not the sentence.
        let undeclared = try page("<html><body><div class='entry'>\(Self.prose(4))<p>\(bio)</p></div></body></html>").text
        #expect(undeclared.contains("tide table on her wall"))
    }

    @Test func authorDescriptionQuotedInsideALongParagraphStays() {
        let bio = "Mara Vell covered the port authority for nine years before she joined the desk."
        let long = "As the council noted, " + bio + String(repeating: " The hearing went on into the evening, and the vote was put off.", count: 6)
        let text = "First paragraph.\n\n" + long + "\n\n" + bio
        let out = AuthorBio.removing([bio], from: text)
        #expect(out == "First paragraph.\n\n" + long)
    }

    @Test func headingLeftWithoutItsSectionEndsNothing() throws {
        // The card grid under "More from the coast" is link-dense and cleaned away; its heading
        // stays behind at the end of the text unless orphans are dropped.
        let cards = (1...6).map { "<li><a href='/s\($0)'>Another story from the coast, number \($0)</a></li>" }.joined()
        let html = "<html><body><div class='entry'>\(Self.prose(4))<h2>More from the coast</h2><ul>\(cards)</ul></div></body></html>"
        let t = try page(html).text
        #expect(t.hasSuffix("what the engineers said it would cost."))
        #expect(!t.contains("More from the coast"))
        // A heading with text under it stays, and so does a long run of headings (a guide written in headings).
        let sub = try page("<html><body><div class='entry'>\(Self.prose(3))<h2>What happens next</h2>\(Self.prose(1, "the vote"))</div></body></html>").text
        #expect(sub.contains("What happens next"))
        let guide = (1...4).map { "<h2>Brand \($0)</h2><ul><li><h3>organic cotton</h3></li></ul>" }.joined()
        let g = try page("<html><body><div class='entry'>\(Self.prose(3))\(guide)</div></body></html>").text
        #expect(g.contains("Brand 4"))
    }

    @Test func rubyReadingsAreNotPartOfTheText() throws {
        // Easy-Japanese news prints the reading over each kanji; the text is the base characters.
        let sentence = "<p><ruby>川<rt>かわ</rt></ruby>の<ruby>水<rp>(</rp><rt>みず</rt><rp>)</rp></ruby>が<ruby>増<rt>ふ</rt></ruby>えて、"
            + "<ruby>町<rt>まち</rt></ruby>の<ruby>人<rt>ひと</rt></ruby>たちは<ruby>橋<rt>はし</rt></ruby>を<ruby>渡<rt>わた</rt></ruby>ることができませんでした。</p>"
        let t = try page("<html><body><article>\(String(repeating: sentence, count: 4))</article></body></html>").text
        #expect(t.contains("川の水が増えて、町の人たちは橋を渡ることができませんでした。"))
        #expect(!t.contains("かわ"))
    }

    @Test func unnamedFirstParagraphInAColumnOfItsOwnIsKept() throws {
        // The first paragraph sits in its own column above a share bar, with no lead-like name;
        // the body below wins the scoring.
        let intro = "<div class='col-md-9'><p>The harbour will be dredged for the first time in thirty years as the council decided "
            + "on Monday and the ferry timetable changes from March while the work goes on.</p></div>"
        let share = "<div class='col-md-3 share-col'><a href='/s'>Share</a></div>"
        let html = "<html><body><div class='container'><h1>Dredging</h1>\(intro)\(share)<div class='col-md-12'>\(Self.prose(5))</div></div></body></html>"
        let t = try page(html).text
        #expect(t.hasPrefix("The harbour will be dredged"))
        #expect(t.contains("Paragraph 5 on the harbour"))
        // A short line (a tagline, a kicker) in the same place is not taken.
        let tagline = "<div class='col-md-9'><p>Notes from the harbour office.</p></div>"
        let other = try page("<html><body><div class='container'>\(tagline)\(share)<div class='col-md-12'>\(Self.prose(5))</div></div></body></html>").text
        #expect(!other.contains("Notes from the harbour office"))
    }

    @Test func longFooterDisclaimerDoesNotBeatAShortPostInMain() throws {
        // A short post in the page's declared `main`; the footer carries a long legal disclaimer
        // with more prose than the post.
        let post = "<main><div class='wrap'><p>The ferry office publishes a guide for drivers who take vans on board: how to "
            + "book, how to load, what to declare at the ramp, and whom to call when a booking has to change.</p>"
            + "<ul><li>Booking a van</li><li>Loading at the ramp</li><li>Declaring goods</li></ul></div></main>"
        let disclaimer = (1...4).map { _ in "<p>This material is for general information only and is not advice; the company, its affiliates "
            + "and employees accept no liability for decisions taken on it, and no part may be reproduced without written consent.</p>" }.joined()
        let footer = "<footer><div class='section'><div class='column'>\(disclaimer)</div></div></footer>"
        let t = try page("<html><body><header><a href='/'>Home</a></header>\(post)\(footer)</body></html>").text
        #expect(t.contains("publishes a guide for drivers"))
        #expect(!t.contains("accept no liability"))
        // Without a declared main the footer's size still rescues it (an unclosed footer can hold the article).
        let undeclared = try page("<html><body>\(footer)</body></html>").text
        #expect(undeclared.contains("accept no liability"))
    }

    @Test func donationAppealIsLeftOutButNotASentenceAboutDonations() throws {
        let html = "<html><body><article>\(Self.prose(3))"
            + "<p>The lifeboat crew thanked the town for the donations that paid for the new engine last winter.</p>"
            + "<p>Enjoyed this piece? We need your help to keep publishing.</p>"
            + "<p>Unterstützen Sie unseren unabhängigen Journalismus mit einer Spende, monatlich oder einmalig.</p></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("thanked the town for the donations"))
        #expect(!t.contains("We need your help"))
        #expect(!t.contains("mit einer Spende"))
        #expect(ReaderPrompt.isPrompt("If you value our reporting, please support us with a monthly donation."))
        #expect(!ReaderPrompt.isPrompt("The charity said it would support us through the winter."))
    }

    @Test func scriptRenderedHowToIsReadFromItsJSONLD() throws {
        // The DOM is an empty app shell; the how-to lives only in the schema.org object.
        let ld = """
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"Mend a net",
        "description":"<p>A torn net loses half the catch, and mending it on the quay takes an afternoon and a netting needle.</p>",
        "step":[{"@type":"HowToStep","name":"Step 1","itemListElement":{"@type":"HowToDirection","text":"<p>Cut the torn meshes back to whole knots on every side of the hole, so the new twine has something sound to hold.</p>"}},
        {"@type":"HowToStep","text":"Fill the needle with twine of the same thickness and tie on at a corner knot, working row by row across the gap."}]}
        </script>
        """
        let p = try page("<html><head>\(ld)</head><body><div id='app'></div><footer><a href='/imprint'>Imprint</a></footer></body></html>")
        #expect(p.text.hasPrefix("A torn net loses half the catch"))
        #expect(p.text.contains("Cut the torn meshes back"))
        #expect(p.text.contains("tie on at a corner knot"))
        #expect(p.textSource == "json-ld")
        // A page with its own text keeps it.
        let withText = try page("<html><head>\(ld)</head><body><article>\(Self.prose(3))</article></body></html>")
        #expect(withText.text.hasPrefix("Paragraph 1 on the harbour"))
    }

    @Test func frameworkHiddenClassesHideLikeTheHiddenAttribute() throws {
        // A sign-up box parked with `class="hidden"` (shown by a script for some readers), a
        // gallery label with `d-none`, and an FAQ answer collapsed with `hidden` that is prose.
        let html = "<html><body><article>\(Self.prose(4))"
            + "<section class='hidden pb-10' id='article-banner-signup'><p>Get the weekly top stories from the coast in one email</p></section>"
            + "<div class='d-none'>1 / 23 Back to gallery</div>"
            + "<div class='faq'><h3>Can I still take the car ferry?</h3><div class='answer hidden'><p>Yes: the car ferry keeps its "
            + "timetable while the dredger works on the northern basin, and only the foot passenger boat moves to the old pier for "
            + "the six weeks of the works.</p></div></div></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("weekly top stories"))
        #expect(!t.contains("Back to gallery"))
        #expect(t.contains("the car ferry keeps its timetable"))
        #expect(MainTextExtractor.hasHidingClass(Array("btn hidden-xs".utf8)[...]) == false)
        #expect(MainTextExtractor.hasHidingClass(Array("col d-none".utf8)[...]))
        #expect(MainTextExtractor.hasHidingClass(Array("screen-reader-text".utf8)[...]))
        let sr = try page("<html><body><article>\(Self.prose(3))<p><a href='/share'><span class='screen-reader-text'>Share on the town forum, opens in a new window</span></a></p></article></body></html>").text
        #expect(!sr.contains("opens in a new window"))
    }

    @Test func undeclaredNonLatinScriptsTellTheirLanguage() throws {
        let samples: [(String?, String)] = [
            ("ja", "港の工事は来月から始まり、フェリーの時刻表は三月に変わります。町の人たちは新しい桟橋を楽しみにしています。"),
            ("zh", "港口的疏浚工程将于下个月开始，渡轮时刻表从三月起调整。镇上的居民都在期待新的码头。"),
            ("ko", "항구 준설 공사는 다음 달에 시작되며 여객선 시간표는 삼월부터 바뀝니다. 주민들은 새 부두를 기다리고 있습니다."),
            ("ru", "Работы в порту начнутся в следующем месяце, и расписание парома изменится с марта. Жители ждут этот новый причал."),
            ("uk", "Роботи в порту почнуться наступного місяця, і розклад порому зміниться з березня. Мешканці чекають на новий причал."),
            ("el", "Οι εργασίες στο λιμάνι ξεκινούν τον επόμενο μήνα και το δρομολόγιο του πλοίου αλλάζει από τον Μάρτιο."),
            // Cyrillic without a letter that only Russian or only Ukrainian uses: no guess.
            (nil, "Работата в пристанището започва следващия месец, а разписанието на ферибота се променя от март."),
        ]
        for (code, text) in samples {
            let p = try page("<html><body><article><p>\(text)</p><p>\(text)</p></article></body></html>")
            #expect(p.lang == code, "expected \(code ?? "nil") for \(text.prefix(12))")
        }
    }

    @Test func headlinePrintedInCapitalsOrWithoutTheSiteNameIsNotText() throws {
        // og:title is sentence case; the theme prints the h1 in capitals. The second page has no
        // og:title, and its <title> carries the site name the h1 does not.
        let caps = try page("<html><head><meta property='og:title' content='Tips for a calm crossing'></head><body><article>"
            + "<h1>TIPS FOR A CALM CROSSING</h1>\(Self.prose(3))</article></body></html>").text
        #expect(!caps.contains("CALM CROSSING"))
        let site = try page("<html><head><title>Tips for a calm crossing | Harbour Weekly</title></head><body><article>"
            + "<h1>Tips for a calm crossing</h1>\(Self.prose(3))</article></body></html>").text
        #expect(!site.contains("Tips for a calm crossing"))
        // A subheading that only shares words with the title stays.
        let sub = try page("<html><head><meta property='og:title' content='Tips for a calm crossing'></head><body><article>"
            + "\(Self.prose(2))<h2>Tips for the return crossing</h2>\(Self.prose(1, "the return"))</article></body></html>").text
        #expect(sub.contains("Tips for the return crossing"))
    }

    // MARK: - Page kind

    @Test func sectionFrontIsAListing() throws {
        let cards = (1...12).map { "<div class='teaser'><h2><a href='/story-\($0)'>Headline of story \($0) about the town</a></h2><p>Two lines.</p></div>" }.joined()
        let p = try page("<html><head><meta property='og:type' content='website'></head><body><nav>\(Self.sideLinks)</nav>\(cards)</body></html>")
        #expect(p.kind == .listing)
    }

    @Test func productPageIsAProduct() throws {
        let ld = "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"Oak table\"}</script>"
        let p = try page("<html><head>\(ld)</head><body><div><h1>Oak table</h1><p>Solid oak, seats six, oiled finish, delivered in ten days.</p></div></body></html>")
        #expect(p.kind == .product)
    }

    @Test func declaredArticleStaysAnArticleEvenWhenShort() throws {
        let p = try page("<html><head><meta property='og:type' content='article'></head><body><article><p>Short item.</p></article></body></html>")
        #expect(p.kind == .article)
        let long = try page("<html><body><article>\(Self.prose(5))</article></body></html>")
        #expect(long.kind == .article)
    }

    @Test func licenceNoticeAndPressContactThatEndTheTextAreLeftOut() throws {
        let licence = """
        <html><body><article>\(Self.prose(4))<p>Die Inhalte dieses Beitrags stehen unter der Lizenz CC BY-SA 4.0.</p></article></body></html>
        """
        let t1 = try page(licence).text
        #expect(t1.contains("Paragraph 4 on the harbour dredging plan"))
        #expect(!t1.contains("CC BY-SA"))

        let contact = """
        <html><body><article>\(Self.prose(4))<p>Press office of the harbour board<br>Anna Example<br>
        E-Mail: press@harbour.example<br>Telefon: +49 40 1234 567</p></article></body></html>
        """
        let t2 = try page(contact).text
        #expect(t2.contains("Paragraph 4 on the harbour dredging plan"))
        #expect(!t2.contains("press@harbour.example"))

        // Mid-text, the same lines are part of the story (an address it gives) and stay.
        let middle = """
        <html><body><article>\(Self.prose(2))<p>Anna Example<br>E-Mail: press@harbour.example<br>Telefon: +49 40 1234 567</p>\(Self.prose(2, "the ferry timetable"))</article></body></html>
        """
        #expect(try page(middle).text.contains("press@harbour.example"))
    }

    @Test func aShortLinkAloneAtTheEndIsLeftOut() throws {
        let html = """
        <html><body><article>\(Self.prose(4))<p><a href="/news">Back to the overview</a></p></article></body></html>
        """
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour dredging plan"))
        #expect(!t.contains("Back to the overview"))

        // A last line whose link is part of a sentence is text.
        let sentence = """
        <html><body><article>\(Self.prose(4))<p>The full report is on <a href="/r">the council's site</a>.</p></article></body></html>
        """
        #expect(try page(sentence).text.contains("the council's site"))
    }

    @Test func shareAndLikeControlLabelsAreLeftOutButALinkInASentenceStays() throws {
        let html = """
        <html><body><article>\(Self.prose(3))<h3>Share this:</h3><div><img src="/fb.png"></div>
        <p>Add a spoonful of vinegar (<a href="/v">like this</a>) before the water boils, and the eggs peel cleanly.</p>
        <div>Quick View</div>\(Self.prose(1, "the ferry timetable"))<h3>Gefällt mir:</h3></article></body></html>
        """
        let t = try page(html).text
        #expect(!t.contains("Share this:"))
        #expect(!t.contains("Quick View"))
        #expect(!t.contains("Gefällt mir"))
        #expect(t.contains("(like this)"))
        #expect(t.contains("Paragraph 1 on the ferry timetable"))
    }

    @Test func aFooterLineOfLegalLinksThatEndsTheTextIsLeftOut() throws {
        let html = """
        <html><body><div class="main">\(Self.prose(4))<p>Imprint | Privacy Policy | © 2024 Harbour Notes</p></div></body></html>
        """
        let t = try page(html).text
        #expect(t.contains("Paragraph 4 on the harbour dredging plan"))
        #expect(!t.contains("Privacy Policy"))
    }

    @Test func authorBoxUnderAHeadingDoesNotOutscoreAShortArticle() throws {
        // A chart page with one paragraph of text; the box about the author under it has more
        // sentences and used to be chosen as the article.
        let html = """
        <html><body><main><article><div class="intro"><h1>Trams per hour</h1></div>
        <section class="body"><p>Because the new line shares the bridge with two others, it runs only every twelve minutes at peak hours, the chart shows.</p></section>
        <div class="wrap"><h2>Autor:innen</h2><div class="cols"><div><a href="/team/jr">Jane Roe</a></div>
        <div class="bio"><p>Born 1980, Jane Roe has written about transport for this paper since 2012, mostly on trams, buses and cycling, and before that studied geography.</p>
        <p>Her main interest is how cities decide where a line goes, and who pays for it in the end.</p></div></div></div>
        </article></main></body></html>
        """
        let t = try page(html).text
        #expect(t.contains("runs only every twelve minutes"))
        #expect(!t.contains("Born 1980"))
    }

    @Test func anAuthorFieldInADetailsListIsNotABox() throws {
        #expect(AuthorBoxHeading.titlesAuthorBox("About the author"))
        #expect(AuthorBoxHeading.titlesAuthorBox("Über die Autorin:"))
        #expect(AuthorBoxHeading.titlesAuthorBox("Autor", line: false))
        // As a paragraph rather than a heading, one word is a field label ("Author: Jane Roe").
        #expect(!AuthorBoxHeading.titlesAuthorBox("Author:", line: true))
        #expect(!AuthorBoxHeading.titlesAuthorBox("About the author of the report"))
        let html = """
        <html><body><article>\(Self.prose(3))<div class="details"><p>Author:</p><p>Jane Roe</p><p>Published: 2021</p></div></article></body></html>
        """
        #expect(try page(html).text.contains("Jane Roe"))
    }

    @Test func textIsInCanonicalComposedForm() throws {
        // "Cafe" + U+0301 COMBINING ACUTE ACCENT, as some editors save it: one "é" (U+00E9) in the text.
        let html = "<html><body><article>\(Self.prose(2))<p>The Cafe\u{301} by the depot stays open during the works.</p></article></body></html>"
        let t = try page(html).text
        #expect(Array(t.utf8).contains(0xCC) == false)
        #expect(t.unicodeScalars.contains("\u{E9}"))
    }

    /// The shortcut past Foundation's normalisation is safe: every scalar it lets through is
    /// left alone by NFC on its own, and none of them is the second part of a composition (so
    /// it cannot merge with the character before it). Checked against Unicode's data as
    /// Foundation has it, over the planes text uses.
    @Test func theNFCShortcutSkipsOnlyWhatNFCLeavesAlone() {
        var skipped = 0
        for value in UInt32(0x300)...0x2_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(Character(scalar))
            let decomposition = Array(alone.decomposedStringWithCanonicalMapping.unicodeScalars)
            if decomposition.count > 1 {
                // A composite: the scalars after its first must each send the text to NFC.
                for part in decomposition.dropFirst() {
                    #expect(ArticleExtractor.mayChangeUnderNFC(part), "U+\(String(part.value, radix: 16)) in U+\(String(value, radix: 16))")
                }
            }
            guard !ArticleExtractor.mayChangeUnderNFC(scalar) else { continue }
            skipped += 1
            #expect(alone.precomposedStringWithCanonicalMapping == alone, "U+\(String(value, radix: 16))")
        }
        #expect(skipped > 100_000)
    }

    /// A phrase linked to another story with a boilerplate class name is still part of the
    /// sentence; a credit opening a caption and a share button alone at a paragraph's end are not.
    @Test func namedLinkInsideASentenceKeepsItsWords() throws {
        let html = """
        <html><body><article>\(Self.prose(3))
        <p>After <a class="recommendation-inline-link" href="/engagement-ideas">announcing your engagement</a>, you may
        be eager to jump into wedding planning, and the <a class="external-popup" href="/x">venue list</a> comes first.</p>
        <p><a class="external-popup" href="https://tax.example">TaxPilot</a> is one of the most popular tax programs.</p>
        <p><span class="copyright">Agency photo</span> The harbour at dawn, before the dredgers arrive.</p>
        <p>Read the council's statement. <a class="twitter-follow-button" href="https://twitter.com/x">Follow @harbourdesk</a></p>
        </article></body></html>
        """
        let t = try page(html).text
        #expect(t.contains("After announcing your engagement, you may"))
        #expect(t.contains("and the venue list comes first."))
        #expect(t.contains("TaxPilot is one of the most popular tax programs."))
        #expect(!t.contains("Agency photo"))
        #expect(t.contains("The harbour at dawn"))
        #expect(!t.contains("Follow @harbourdesk"))
    }

    /// A byline's label written as an element of its own ("written by" over the name, "Last
    /// updated on:" over the date) is left out; the same word inside highlighted code stays.
    @Test func bylineLabelLinesAreLeftOut() throws {
        let html = """
        <html><body><article>
        <div class="hero"><span class="info-title">written by</span><div>Mara Quillon</div>
        <div>Last updated on:</div><div>October 1, 2025</div></div>
        \(Self.prose(4))
        <pre><code><span class="kn">from</span> selenium <span class="kn">import</span> <span class="n">By</span></code></pre>
        </article></body></html>
        """
        let t = try page(html).text
        #expect(!t.contains("written by"))
        #expect(!t.contains("Last updated on"))
        #expect(t.contains("Mara Quillon"))
        // The date under the label is a date line of its own, left out by that rule (dateLinesAreLeftOut).
        #expect(!t.contains("October 1, 2025"))
        #expect(t.contains("import By"))
        #expect(LabelLine.isBylineLabel("Reviewed by,"))
        #expect(LabelLine.isBylineLabel("Geschrieben von:"))
        #expect(!LabelLine.isBylineLabel("Written by the council's engineers"))
    }

    /// A forum thread whose template leaves each post's `header` open (a stray `</ul>` after the
    /// post's number) over the post's body: a post is the text, not the posters' titles.
    @Test func forumPostsInsideUnclosedHeadersAreKept() throws {
        func post(_ n: Int, _ body: String) -> String {
            "<article class='message'><div class='message-user'><h4>Poster \(n)</h4><h5>Forum Moderator</h5></div>"
                + "<div class='message-main'><header class='message-attribution'><a href='/post-\(n)'>Sep 18</a>"
                + "<div class='message-attribution-opposite'><li><a href='/post-\(n)'>#\(n)</a></li></ul></header>"
                + "<div class='message-content'><article class='message-body'><div class='bbWrapper'>\(body)</div></article>"
                + "</div></div></article>"
        }
        let first = "<b>Patch notes</b><ul><li>The colour of the spawn announcements was changed to orange for all zones.</li>"
            + "<li>The health and damage of the desert bosses were raised, and they now appear every twenty minutes.</li></ul>"
        let second = "Thanks for the notes. The new bosses are hard for small groups, and the announcement still comes too "
            + "late for players who are on the other side of the map when it pops up."
        let html = "<html><body><header class='site'>\(Self.sideLinks)</header><div class='block-body'>"
            + post(1, first) + post(2, second) + "</div><footer>Forum software by a vendor</footer></body></html>"
        let t = try page(html).text
        // The posts are no longer dropped with their headers (the text was "Poster 1 / Forum
        // Moderator"); which post the scoring takes is the scoring's business.
        #expect(t.contains("changed to orange for all zones"))
        #expect(!t.contains("Forum Moderator"))
        #expect(!t.contains("Letters to the editor"))
        // A page header that holds only a menu is still dropped.
        let plain = try page("<html><body><header>\(Self.sideLinks)<p>Notes from a small allotment.</p></header><article>\(Self.prose(3))</article></body></html>").text
        #expect(!plain.contains("small allotment"))
    }

    /// A slideshow told in its captions: each entry is a picture and a `figcaption`, and the
    /// captions are the text. On an ordinary article a caption under the picture stays out.
    @Test func galleryCaptionsAreTheTextOfASlideshow() throws {
        let ideas = ["a painter's smock, a beret and a brush behind the ear", "a striped shirt, a paper crown and a wooden sword",
                     "a bowler hat, false lashes and a cane from the umbrella stand", "a grey hoodie with felt ears sewn to the hood",
                     "a bedsheet with two holes, the classic that never fails"]
        let slides = ideas.enumerated().map { n, idea in
            "<figure class='slide'><img src='/\(n).jpg' alt=''><figcaption class='slide-caption'><p><strong>Idea \(n + 1)</strong></p>"
                + "<p>All you need is \(idea); it takes ten minutes, costs next to nothing and works for grown-ups as well as children "
                + "who decide at the last minute that they want to go out after all.</p></figcaption></figure>"
        }.joined()
        let html = "<html><body><nav>\(Self.sideLinks)</nav><article><p>Five costumes you can make tonight from what is already "
            + "in the wardrobe.</p><div class='slides'>\(slides)</div></article></body></html>"
        let t = try page(html).text
        #expect(t.contains("a bowler hat, false lashes"))
        #expect(t.contains("a bedsheet with two holes"))
        #expect(!t.contains("Letters to the editor"))
        // One caption under an article's picture is not its text.
        let article = "<html><body><article><figure><img src='/a.jpg'><figcaption>The harbour at dawn, before the dredgers "
            + "arrive, seen from the ferry pier.</figcaption></figure>\(Self.prose(4))</article></body></html>"
        let plain = try page(article).text
        #expect(plain.contains("Paragraph 4 on the harbour"))
        #expect(!plain.contains("seen from the ferry pier"))
        // Nor is a news-in-pictures widget beside an article of its own.
        let widget = "<html><body><article>\(Self.prose(7))<div class='gallery'>\(slides)</div></article></body></html>"
        let beside = try page(widget).text
        #expect(beside.contains("Paragraph 7 on the harbour"))
        #expect(!beside.contains("a bowler hat, false lashes"))
    }

    /// The author box under the post, printed as a plain paragraph, opens with the name the page
    /// declares as its author: left out when it is the last paragraph and short.
    @Test func closingParagraphAboutTheDeclaredAuthorIsLeftOut() throws {
        let bio = "<p>Mara Quillon is a senior writer covering ports and shipping. She was previously an editor at a trade weekly.</p>"
        func html(_ author: String, _ last: String) -> String {
            "<html><head><meta name='author' content='\(author)'></head><body><article>\(Self.prose(4))\(last)</article></body></html>"
        }
        let t = try page(html("Mara Quillon", bio)).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("senior writer covering ports"))
        // The name inside the last paragraph, another author, or a one-word author: kept.
        let quoted = "<p>The harbour master told Mara Quillon that the dredgers would start in spring, weather permitting.</p>"
        #expect(try page(html("Mara Quillon", quoted)).text.contains("would start in spring"))
        #expect(try page(html("Ines Varga", bio)).text.contains("senior writer covering ports"))
        let credit = "<p>Harbourwire contributed reporting on the ferry timetable and the council's vote.</p>"
        #expect(try page(html("Harbourwire", credit)).text.contains("contributed reporting"))
        #expect(AuthorBio.removingClosingBio(of: "Mara Quillon", from: "Mara Quillon is a senior writer covering ports.") == "Mara Quillon is a senior writer covering ports.")
    }

    /// Without a declared author, the box's name comes from the text: a line that is only a name
    /// (the byline over the post, the box's heading) and a last paragraph that opens with it, or
    /// with its first word then " is ". A name line that the last paragraph does not open with, or
    /// a heading of lower-case words, leaves the text whole.
    @Test func closingParagraphAboutANamedLineIsLeftOut() throws {
        func html(_ byline: String, _ last: String) -> String {
            "<html><body><article><p>\(byline)</p>\(Self.prose(4))<p>\(last)</p></article></body></html>"
        }
        let bio = "Tomas Ekwall is a freelance writer on harbours and canals. When he is not on a ferry he restores old clocks."
        let t = try page(html("Tomas Ekwall", bio)).text
        #expect(t.contains("Paragraph 4 on the harbour"))
        #expect(!t.contains("restores old clocks"))
        let given = "Tomas is a freelance writer on harbours and canals. When he is not on a ferry he restores old clocks."
        #expect(!(try page(html("Tomas Ekwall", given)).text.contains("restores old clocks")))
        // The declared author's given name opens the box the same way.
        let declared = "<html><head><meta name='author' content='Tomas Ekwall'></head><body><article>\(Self.prose(4))<p>\(given)</p></article></body></html>"
        #expect(!(try page(declared).text.contains("restores old clocks")))
        // Another name, a name line that is a sentence, or the name inside the paragraph: kept.
        #expect(try page(html("Ines Varga", bio)).text.contains("restores old clocks"))
        #expect(try page(html("Tomas Ekwall wrote this", bio)).text.contains("restores old clocks"))
        let quoted = "The harbour master told Tomas Ekwall that the dredgers would start in spring, weather permitting."
        #expect(try page(html("Tomas Ekwall", quoted)).text.contains("would start in spring"))
        #expect(AuthorBio.nameLines(in: "Julia Gralberg\n\nkey takeaways\n\nMarna van der Merwe\n\nA B".utf8[...]).map { String(decoding: $0, as: UTF8.self) } == ["Julia Gralberg"])
    }

    /// A video page: the description is a paragraph inside the declared `main`, in a block named
    /// `item-caption`; a login dialog outside `main` holds far more text (its form's messages).
    /// The description is the text, the dialog is not.
    @Test func loginDialogOutsideTheDeclaredMainDoesNotOutweighAVideoDescription() throws {
        let messages = ["No account exists for this e-mail address, or the password you entered is wrong.",
                        "Please choose the name other viewers will see next to your comments and ratings.",
                        "This e-mail address is already registered with us; perhaps you have signed in before?",
                        "The password must be at least eight characters long and contain a capital letter.",
                        "Please accept the terms of use and the privacy notice before you create the account.",
                        "Unfortunately the registration did not work this time; please check what you entered."]
        let dialog = "<div class='b-dialog x-dialog-login'><form><fieldset>"
            + messages.map { "<p class='form-field-error'>\($0)</p>" }.joined() + "</fieldset></form></div>"
        let html = "<html><body>\(dialog)<main><article class='video-module'><div class='item-caption'><h2>Sport at a standstill</h2>"
            + "<p class='item-description'>New York is the centre of the pandemic, and sport has come to a standstill too. The "
            + "leagues mourn with the city; how it goes on is open, and the players wait at home.</p></div></article></main></body></html>"
        let t = try page(html).text
        #expect(t.contains("New York is the centre of the pandemic"))
        #expect(!t.contains("password must be at least"))
    }
}
