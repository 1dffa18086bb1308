import Testing
import WirescoreXML

/// The prefilter must leave libxml2 the same element tree minus what extraction never reads.
/// All markup here is written for these tests.
@Suite struct HTMLPrefilterTests {
    func filtered(_ html: String) -> String {
        String(decoding: HTMLPrefilter.filter(Array(html.utf8)), as: UTF8.self)
    }

    @Test func scriptStyleAndSvgBodiesGoButTheElementsStay() {
        let html = "<p>a</p><script>if (a < b) { x = '</div>'; }</script><style>p{}</style>"
            + "<svg viewBox='0 0 1 1'><svg><path d='M0'/></svg><text>chart</text></svg><p>b</p>"
        #expect(filtered(html) == "<p>a</p><script></script><style></style><svg ></svg><p>b</p>")
    }

    @Test func jsonLDIsKeptWhole() {
        let html = "<script type=\"application/ld+json\">{\"headline\": \"x < y\"}</script><script>var q = 1;</script>"
        #expect(filtered(html) == "<script type=\"application/ld+json\">{\"headline\": \"x < y\"}</script><script></script>")
    }

    @Test func scriptEndIsFoundInAnyCaseAndSelfClosingScriptsHaveNoBody() {
        #expect(filtered("<SCRIPT>x()</ScRiPt><p>t</p>") == "<SCRIPT></ScRiPt><p>t</p>")
        #expect(filtered("<script src=a.js /><p>kept</p><script>y()</script>") == "<script /><p>kept</p><script></script>")
    }

    @Test func commentsGoUnlessUnterminated() {
        #expect(filtered("<p>a<!-- <script> -->b</p>") == "<p>ab</p>")
        #expect(filtered("<p>a<!-- open") == "<p>a<!-- open")
    }

    @Test func quotedValuesHideMarkupFromTheScan() {
        // A `<script>` inside an attribute value starts nothing.
        let html = "<div title='<script>' class=\"c\">prose</div><p>more</p>"
        #expect(filtered(html) == "<div class=\"c\">prose</div><p>more</p>")
    }

    @Test func onlyReadAttributesSurvive() {
        let html = "<a href='/x' rel=author data-track=\"1\"class=byline>A</a><link rel=canonical href='/c'>"
            + "<div style='color: red'>v</div><div style='display: NONE'>h</div><img srcset='a 1x, b 2x' alt=x>"
        #expect(filtered(html) == "<a rel=author class=byline>A</a><link rel=canonical href='/c'>"
            + "<div >v</div><div style='display: NONE'>h</div><img >")
    }

    /// Attribute names match in any case, up to eleven bytes, deep in a page and at its very
    /// end; near misses go.
    @Test func attributeNamesMatchInAnyCaseAnywhere() {
        let tag = "<p CLASS=a ItemProp=b ARIA-HIDDEN=c Http-Equiv=d classy=e ids=f aria-hiddenx=g itemprops=h>"
        let kept = "<p CLASS=a ItemProp=b ARIA-HIDDEN=c Http-Equiv=d >"
        let padding = String(repeating: "x", count: 40)
        #expect(filtered(tag + padding) == kept + padding)
        #expect(filtered(padding + tag) == padding + kept)
        #expect(filtered("<a ROLE=x Idx=1>") == "<a ROLE=x >")
    }

    @Test func blankRunsBetweenTagsShrinkToOneByte() {
        #expect(filtered("<div>\n    <p>a</p>\n  \n</div>  \t<br>") == "<div>\n<p>a</p>\n</div> <br>")
        // Not before text, a comment, a stray `<`, or after tags whose blanks libxml2 may treat apart.
        #expect(filtered("<p>  a</p>   b") == "<p>  a</p>   b")
        #expect(filtered("<p>   <!-- c -->x</p>") == "<p>   x</p>")
        #expect(filtered("<p>   < 5</p>") == "<p>   < 5</p>")
        #expect(filtered("<pre>\n\n<b>x</b></pre><body>  <p>") == "<pre>\n\n<b>x</b></pre><body>  <p>")
        // Form feeds are no blanks to libxml2; runs of 1,000 bytes and more stay whole.
        #expect(filtered("<p>\u{0C}  <b>") == "<p>\u{0C}  <b>")
        let long = "<p>" + String(repeating: " ", count: 1000) + "<b>"
        #expect(filtered(long) == long)
        #expect(filtered("<p>" + String(repeating: " ", count: 999) + "<b>") == "<p> <b>")
    }

    @Test func unterminatedTagsAreLeftToLibxml2() {
        #expect(filtered("<p>a</p><div class='open") == "<p>a</p><div class='open")
        let untouched = "<p>plain page, nothing to cut</p>"
        #expect(filtered(untouched) == untouched)
    }

    @Test func blankTextBecomesASpaceFlagThatSurvivesDroppedElements() throws {
        let html = "<body>\n  <p>one <b>two</b> <i>three</i>\n <span hidden>x</span> <em>four</em></p>\n</body>"
        let doc = try HTMLDocument(bytes: Array(html.utf8), prefiltered: true)
        let p = try #require(doc.elements(.p).first)
        #expect(doc.textContent(p) == "one two three x four")
        let i = try #require(doc.elements(.i).first)
        #expect(doc.spaceBefore(i))
        #expect(doc.children(p).allSatisfy { !doc.isText($0) || !doc.textContent($0).isEmpty })
        let plain = try HTMLDocument(bytes: Array(html.utf8))
        #expect(plain.count > doc.count)
        #expect(plain.textContent(try #require(plain.elements(.p).first)) == "one two three x four")
    }

    @Test func brokenMarkupNeverTrapsAndKeepsTheRest() throws {
        // Truncations and stray delimiters at every position of a small page: the scan must stop
        // cleanly (leaving the rest to libxml2), never read past the end.
        let page = Array(("<html><head><script type='application/ld+json'>{\"a\":\"<b>\"}</script><style>x{}</style></head>"
            + "<body><!-- c --><svg><svg></svg></svg><div class=\"a\" data-x='y' hidden>t</div><script>1</script><p>é ok</p></body></html>").utf8)
        let inserts: [[UInt8]] = ["<", "\"", "'", "=", "<!--", "-->", "<script", "</script", "<svg", "</svg", "/>", ">"].map { Array($0.utf8) }
        for cut in 0...page.count {
            let truncated = Array(page[..<cut])
            _ = HTMLPrefilter.filter(truncated)
            for ins in inserts {
                let broken = Array(page[..<cut]) + ins + Array(page[cut...])
                let out = HTMLPrefilter.filter(broken)
                #expect(out.count <= broken.count)
                _ = try HTMLDocument(bytes: broken, prefiltered: true)
            }
        }
    }

    @Test func prefilteredDocumentsKeepTheTreeAndTheMetadata() throws {
        let html = "<html lang=en><head><meta property='og:title' content='T'><script type='application/ld+json'>{\"a\":1}</script>"
            + "<style>.x{}</style></head><body><div class='story' data-x='1'><p>Hello <b onclick='f()'>world</b></p></div></body></html>"
        let doc = try HTMLDocument(bytes: Array(html.utf8), prefiltered: true)
        let div = try #require(doc.elements(.div).first)
        #expect(doc.attribute(div, .class) == "story")
        #expect(doc.attribute(div, "data-x") == nil)
        #expect(doc.textContent(div) == "Hello world")
        let meta = try #require(doc.elements(.meta).first)
        #expect(doc.attribute(meta, .content) == "T")
        let script = try #require(doc.elements(.script).first)
        #expect(doc.textContent(script) == "{\"a\":1}")
        #expect(doc.textContent(try #require(doc.elements(.style).first)) == "")
    }
}
