import Testing
@testable import WirescoreFetch

@Suite struct HeaderFieldTests {
    func parse(_ line: String) -> HeaderField.Line {
        Array(line.utf8).withUnsafeBytes { HeaderField.parse($0) }
    }

    @Test func fieldsKeepNameCaseAndTrimValues() {
        #expect(parse("Content-Type:  text/html; charset=utf-8 \r\n") == .field(name: "Content-Type", value: "text/html; charset=utf-8"))
        #expect(parse("ETag:\"abc\"\r\n") == .field(name: "ETag", value: "\"abc\""))
        #expect(parse("X-Empty:\r\n") == .field(name: "X-Empty", value: ""))
        // A colon inside the value stays in the value.
        #expect(parse("Location: http://example.com:8080/a\r\n") == .field(name: "Location", value: "http://example.com:8080/a"))
        #expect(parse("X-Name: Zoë\r\n") == .field(name: "X-Name", value: "Zoë"))
    }

    @Test func statusBlankFoldedAndMalformedLines() {
        #expect(parse("HTTP/1.1 301 Moved Permanently\r\n") == .statusLine)
        #expect(parse("HTTP/2 200\r\n") == .statusLine)
        #expect(parse("\r\n") == .blank)
        #expect(parse(" \t\r\n") == .blank)
        #expect(parse("\t continued text\r\n") == .continuation("continued text"))
        #expect(parse("no colon here\r\n") == .malformed)
    }

    @Test func namesCompareIgnoringASCIICaseOnly() {
        #expect(HeaderField.sameName("Content-Length", "content-length"))
        #expect(HeaderField.sameName("ETAG", "etag"))
        #expect(!HeaderField.sameName("Content-Lengths", "content-length"))
        #expect(!HeaderField.sameName("Content_Length", "content-length"))
        #expect(!HeaderField.sameName("e", "E\u{301}"))
    }

    @Test func hostKeyIsSchemeAndHostLowercased() {
        #expect(Transfer.hostKey(of: "HTTPS://News.Example.ORG/path?q=1") == "https://news.example.org")
        #expect(Transfer.hostKey(of: "http://example.com?x") == "http://example.com")
        #expect(Transfer.hostKey(of: "http://example.com#frag") == "http://example.com")
        #expect(Transfer.hostKey(of: "not a url") == "not a url")
    }
}
