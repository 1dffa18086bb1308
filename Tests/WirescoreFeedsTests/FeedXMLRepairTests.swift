import Foundation
import Testing
@testable import WirescoreFeeds

/// Bare ampersands and `&#X..;` are kept as text (flagged bozo), never inside CDATA or comments.
@Suite struct FeedXMLRepairTests {
    func repaired(_ s: String) -> String? {
        FeedXMLRepair.repair(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func wellFormedDocumentsAreNotCopied() {
        #expect(repaired("<rss><a>x &amp; y &#38; &#x26; &eacute;</a></rss>") == nil)
    }

    @Test func bareAmpersandsBecomeReferences() {
        #expect(repaired("<r><link>http://e/?a=1&b=2&c</link></r>") == "<r><link>http://e/?a=1&amp;b=2&amp;c</link></r>")
        #expect(repaired("<r>fish & chips &</r>") == "<r>fish &amp; chips &amp;</r>")
    }

    @Test func uppercaseHexReferencesAreLowercased() {
        #expect(repaired("<r>&#X41;</r>") == "<r>&#x41;</r>")
    }

    @Test func literalRegionsAreLeftAlone() {
        #expect(repaired("<?xml version=\"1.0\"?><!-- a&b --><r><![CDATA[a&b]]><!-- c&d --><?pi e&f?></r>") == nil)
        #expect(repaired("<r><![CDATA[a&b]]>c&d</r>") == "<r><![CDATA[a&b]]>c&amp;d</r>")
    }

    @Test func wideAndEscapeEncodedDocumentsAreSkipped() {
        let utf16 = Array("<r>a&b</r>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(FeedXMLRepair.repair(utf16) == nil)
        #expect(repaired("<r>\u{1B}$B&b\u{1B}(B</r>") == nil)
    }

    @Test func parserKeepsTheTextAndFlagsBozo() throws {
        let xml = "<rss version=\"2.0\"><channel><link>http://e/?a=1&b=2</link><item><title>&#X41;</title></item></channel></rss>"
        let doc = try FeedParser().parse(Array(xml.utf8), url: nil, contentType: nil)
        #expect(doc.feed.link == "http://e/?a=1&b=2")
        #expect(doc.entries.first?.title == "A")
        #expect(doc.bozo)
    }

    @Test func utf32LittleEndianIsDecoded() throws {
        let xml = "<rss version=\"2.0\"><channel><title>Zürich 東京</title></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x00]
        for s in xml.unicodeScalars {
            let v = s.value
            bytes += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        }
        let doc = try FeedParser().parse(bytes, url: nil, contentType: nil)
        #expect(doc.encoding == "utf-32le")
        #expect(doc.feed.title == "Zürich 東京")
        #expect(!doc.bozo)
    }
}
