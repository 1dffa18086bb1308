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
        #expect(filtered("<script src=a.js /><p>kept</p><script>y()</script>") == "<script  /><p>kept</p><script></script>")
    }

    @Test func commentsGoUnlessUnterminated() {
        #expect(filtered("<p>a<!-- <script> -->b</p>") == "<p>ab</p>")
        #expect(filtered("<p>a<!-- open") == "<p>a<!-- open")
    }

    @Test func quotedValuesHideMarkupFromTheScan() {
        // A `<script>` inside an attribute value starts nothing.
        let html = "<div title='<script>' class=\"c\">prose</div><p>more</p>"
        #expect(filtered(html) == "<div  class=\"c\">prose</div><p>more</p>")
    }

    @Test func onlyReadAttributesSurvive() {
        let html = "<a href='/x' rel=author data-track=\"1\"class=byline>A</a><link rel=canonical href='/c'>"
            + "<div style='color: red'>v</div><div style='display: NONE'>h</div><img srcset='a 1x, b 2x' alt=x>"
        #expect(filtered(html) == "<a  rel=author class=byline>A</a><link rel=canonical href='/c'>"
            + "<div >v</div><div style='display: NONE'>h</div><img  >")
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
