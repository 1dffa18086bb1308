import Testing
@testable import WirescoreFeeds

@Suite struct FeedSanitizerTests {
    func clean(_ s: String, base: String? = "http://example.com/a/b.html") -> String {
        FeedSanitizer.sanitize(s, base: base)
    }

    @Test(arguments: [
        ("safe<script>alert(1)</script> text", "safe text"),
        ("a<style>p{}</style>b", "ab"),
        ("<iframe src=\"http://evil/\">fallback</iframe>", "fallback"),
        ("<object data=\"x.swf\"></object><embed src=\"x.swf\">ok", "ok"),
        ("<img src=\"x.jpg\" onerror=\"alert(1)\">", "<img src=\"http://example.com/a/x.jpg\" />"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>"),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a href=\"\">x</a>"),
        ("<a href=\" &#106;avascript:alert(1)\">x</a>", "<a href=\"\">x</a>"),
        ("<a href=\"data:text/html,<script>\">x</a>", "<a href=\"\">x</a>"),
        ("<img src=\"data:image/png;base64,AAAA\">", "<img src=\"data:image/png;base64,AAAA\" />"),
        ("<a href=\"../c?d=1&amp;e=2#f\">x</a>", "<a href=\"http://example.com/c?d=1&amp;e=2#f\">x</a>"),
        ("<a title=x href=/p>y</a>", "<a href=\"http://example.com/p\" title=\"x\">y</a>"),
        ("<br><br/><hr></hr>", "<br /><br /><hr />"),
        ("<p onclick=\"x()\" class=\"c\">Q&A &amp; &eacute; &#233;</p>", "<p class=\"c\">Q&amp;A &amp; &eacute; &#233;</p>"),
        ("1 < 2 <!-- note --> <!DOCTYPE html>", "1 &lt; 2 <!-- note -->"),
        ("<span style=\"color: red; position: absolute; background-image: url(x.png)\">t</span>",
         "<span style=\"color: red;\">t</span>"),
        ("<span style=\"margin: 99999em\">t</span>", "<span>t</span>"),
        ("<span style=\"width: expression(alert(1))\">t</span>", "<span>t</span>"),
        ("<svg width=\"1\"><circle r=\"2\" onload=\"x\"/></svg>", "<svg width=\"1\" xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"2\"></svg>"),
    ])
    func sanitizes(_ input: String, _ expected: String) {
        #expect(clean(input) == expected)
    }

    @Test func unmatchedScriptEndTagCountsLikeFeedparser() {
        // feedparser's counter: the stray end tag suppresses "b", the next start tag releases
        // "c" as plain text; no script tag is ever printed.
        #expect(clean("a</script>b<script>c</script>d") == "ac")
        #expect(!clean("<script>alert(1)</script><script><b onclick=x>y</b></script>").contains("<"))
    }

    @Test func plainTextIsUntouched() {
        #expect(clean("  just text, no markup  ") == "just text, no markup")
        #expect(FeedSanitizer.looksLikeHTML("x <b>y</b>"))
        #expect(!FeedSanitizer.looksLikeHTML("1 < 2"))
    }
}

@Suite struct FeedURLTests {
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"),
        ("..", "http://a/b/"), ("../g", "http://a/b/g"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
        ("", "http://a/b/c/d;p?q"), ("g:h", "g:h"), ("À", "http://a/b/c/À"),
    ])
    func rfc3986(_ ref: String, _ expected: String) {
        #expect(FeedURL.resolve(ref, against: "http://a/b/c/d;p?q") == expected)
    }

    @Test func noBaseKeepsReference() {
        #expect(FeedURL.resolve("/x", against: nil) == "/x")
        #expect(FeedURL.resolve("/x", against: "not a url") == "/x")
    }
}

/// The in-place dot-segment removal agrees with the segment-list specification.
@Suite struct FeedURLDotSegmentTests {
    @Test func inPlaceMatchesSpecification() {
        let parts = ["a", "b", ".", "..", "", "c.html"]
        var paths: [String] = []
        for a in parts { for b in parts { for c in parts {
            paths.append("/\(a)/\(b)/\(c)")
            paths.append("\(a)/\(b)/\(c)")
            paths.append("\(a)/\(b)/")
        } } }
        paths += ["/", ".", "..", "../", "./", "/..", "/./", "a/../../b", "//x/../y"]
        for p in paths {
            let bytes = Array(p.utf8)
            var out: [UInt8] = Array("prefix".utf8)
            bytes.withUnsafeBufferPointer { FeedURL.appendRemovingDotSegments($0, to: &out) }
            #expect(String(decoding: out, as: UTF8.self) == "prefix" + String(decoding: FeedURL.removeDotSegments(bytes), as: UTF8.self), "\(p)")
        }
    }
}

/// C1 controls in HTML are read as the windows-1252 characters they were meant to be.
@Suite struct FeedSanitizerWindows1252Tests {
    @Test func c1ControlsBecomeWindows1252() {
        #expect(FeedSanitizer.sanitize("don\u{92}t") == "don\u{2019}t")
        #expect(FeedSanitizer.sanitize("<p>\u{93}q\u{94} \u{80}5</p>") == "<p>\u{201C}q\u{201D} \u{20AC}5</p>")
        // Undefined in windows-1252, and ordinary Latin-1 characters, stay as they are.
        #expect(FeedSanitizer.sanitize("a\u{81}b £ \u{A0}c") == "a\u{81}b £ \u{A0}c")
    }
}

/// Packing names eight bytes at a time lowercases exactly the ASCII capitals.
@Suite struct FeedNameTablePackTests {
    @Test func packMatchesBytewiseLowercasing() {
        var samples: [[UInt8]] = [Array("A".utf8), Array("HREF".utf8), Array("xlink:HREF".utf8),
                                  Array("ABCDEFGHIJKLMNOPQRSTUVWX".utf8), Array("@[`{Zz09é".utf8)]
        samples.append((0..<24).map { UInt8(0x38 + $0 * 3) })
        samples.append((0..<17).map { UInt8(0xB0 + $0) })
        for s in samples {
            var expected: (UInt64, UInt64, UInt64) = (0, 0, 0)
            for (i, c0) in s.enumerated() {
                let c = c0 >= 65 && c0 <= 90 ? c0 | 0x20 : c0
                let v = UInt64(c) << UInt64((i & 7) * 8)
                switch i >> 3 { case 0: expected.0 |= v; case 1: expected.1 |= v; default: expected.2 |= v }
            }
            let got = s.withUnsafeBufferPointer { FeedNameTable.pack($0) }
            #expect(got.map { $0 == expected } == true, "\(s)")
        }
    }
}
