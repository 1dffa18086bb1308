import Testing
import WirescoreTestSupport
import WirescoreXML

@Suite struct HTMLDocumentTests {
    @Test func buildsLowercasedTreeWithoutComments() throws {
        let doc = try HTMLDocument(bytes: Array("<HTML><Body><DIV Class='a'>x &amp; y<!-- gone --><P>z</div>".utf8))
        let divs = doc.elements(.div)
        #expect(divs.count == 1)
        let div = try #require(divs.first)
        #expect(doc.tagName(div) == "div")
        #expect(doc.attribute(div, "class") == "a")
        #expect(doc.textContent(div) == "x & yz")
        #expect(doc.tagName(doc.parent(div)) == "body")
    }

    /// `textContent` reads a subtree in document order and stops at its end: nested elements,
    /// a last child deep down, script and style bodies skipped (read when asked for themselves),
    /// folded blank runs read as one space.
    @Test func textContentReadsExactlyTheSubtree() throws {
        let html = "<body><p>before</p><div><p>one <b>two</b></p><script>skip()</script><style>p{}</style>"
            + "<ul><li>three</li><li>four<i>five<u>six</u></i></li></ul></div><p>after</p></body>"
        let doc = try HTMLDocument(bytes: Array(html.utf8))
        let div = try #require(doc.elements(.div).first)
        #expect(doc.textContent(div) == "one twothreefourfivesix")
        let script = try #require(doc.elements(.script).first)
        #expect(doc.textContent(script) == "skip()")
        let li = try #require(doc.elements(.li).last)
        #expect(doc.textContent(li) == "fourfivesix")
        let folded = try HTMLDocument(bytes: Array("<div><p>a</p>\n   <p>b</p>\n  </div><p>c</p>".utf8), prefiltered: true)
        let box = try #require(folded.elements(.div).first)
        #expect(folded.textContent(box) == "a b")
    }

    @Test func charsetPrecedence() {
        let meta = Array("<meta charset=\"iso-8859-2\"><p>x</p>".utf8)
        #expect(HTMLCharset.detect(meta, contentType: "text/html; charset=UTF-8").name == "UTF-8")
        #expect(HTMLCharset.detect(meta, contentType: nil).name == "ISO-8859-2")
        #expect(HTMLCharset.detect([0xEF, 0xBB, 0xBF] + meta, contentType: nil).source == .bom)
        let equiv = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">".utf8)
        #expect(HTMLCharset.detect(equiv, contentType: nil).name == "windows-1252")
        #expect(HTMLCharset.detect([0x3C, 0x70, 0x3E, 0xE9], contentType: nil).name == "windows-1252")
        #expect(HTMLCharset.detect(Array("<p>é</p>".utf8), contentType: nil).name == "UTF-8")
    }

    /// An undeclared page in a legacy encoding is read in the one its bytes make clear.
    @Test func anUndeclaredKoreanPageIsReadAsEUCKR() throws {
        let text = "오늘 서울의 회사가 새로운 제품을 발표했습니다"
        let bytes = try #require(LegacyEncoding.encode("<html><body><p>\(text)</p></body></html>", as: "EUC-KR"))
        #expect(HTMLCharset.detect(bytes, contentType: nil).name == "CP949")
        let doc = try HTMLDocument(bytes: bytes)
        let p = try #require(doc.elements(.p).first)
        #expect(doc.textContent(p) == text)
    }

    @Test func invalidUTF8DeclaredAsUTF8IsRepaired() throws {
        let bytes: [UInt8] = Array("<meta charset=utf-8><p>ok ".utf8) + [0xFF, 0xFE] + Array(" \u{e9}t\u{e9}</p>".utf8)
        let doc = try HTMLDocument(bytes: bytes)
        let p = try #require(doc.elements(.p).first)
        #expect(doc.textContent(p) == "ok \u{FFFD}\u{FFFD} \u{e9}t\u{e9}")
    }

    @Test func otherCharsetsGoThroughLibxml2() throws {
        // "Привет" in KOI8-R.
        let bytes: [UInt8] = Array("<p>".utf8) + [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] + Array("</p>".utf8)
        let doc = try HTMLDocument(bytes: bytes, contentType: "text/html; charset=koi8-r")
        #expect(doc.textContent(doc.root) == "Привет")
    }

    @Test func knownAndInventedAttributeNamesResolve() throws {
        let doc = try HTMLDocument(bytes: Array("<div CLASS='x' data-foo='1' id='y'><p data-foo='2' role=main>t</p></div>".utf8))
        let div = try #require(doc.elements(.div).first)
        let p = try #require(doc.elements(.p).first)
        #expect(doc.attribute(div, .class) == "x")
        #expect(doc.attribute(div, .id) == "y")
        #expect(doc.attribute(div, "data-foo") == "1")
        #expect(doc.attribute(p, "data-foo") == "2")
        #expect(doc.attribute(p, .role) == "main")
        #expect(doc.attribute(p, .class) == nil)
        #expect(doc.attribute(p, "data-missing") == nil)
        #expect(doc.hasAttributes(div))
    }

    @Test func manyDistinctNamesOutgrowTheNameCache() throws {
        // More distinct tag and attribute names than the pointer cache holds: ids must stay right.
        var html = "<body>"
        for k in 0..<1200 { html += "<x-el\(k) a\(k)='v\(k)'>t\(k)</x-el\(k)>" }
        let doc = try HTMLDocument(bytes: Array(html.utf8))
        var seen = 0
        for n in 0..<doc.count where !doc.isText(n) && doc.tagName(n).hasPrefix("x-el") {
            let k = String(doc.tagName(n).dropFirst(4))
            #expect(doc.attribute(n, "a" + k) == "v" + k)
            #expect(doc.textContent(n) == "t" + k)
            seen += 1
        }
        #expect(seen == 1200)
    }
}
