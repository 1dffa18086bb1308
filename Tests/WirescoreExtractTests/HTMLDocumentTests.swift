import Testing
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
}
