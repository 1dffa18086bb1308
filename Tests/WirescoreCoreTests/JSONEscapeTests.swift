import Testing
import WirescoreCore

/// The escape rules every byte-level JSON reader shares.
@Suite struct JSONEscapeTests {
    /// Decodes the escape after the backslash at the start of `text`; nil when refused.
    private func decode(_ text: String) -> (String, rest: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            var position = 1   // past the backslash
            var out: [UInt8] = []
            guard JSONEscape.decode(UnsafeRawBufferPointer(raw), at: &position, into: &out) else { return nil }
            return (String(decoding: out, as: UTF8.self), raw.count - position)
        }
    }

    @Test func simpleEscapes() {
        let cases: [(String, String)] = [(#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\b"#, "\u{08}"),
                                         (#"\f"#, "\u{0C}"), (#"\n"#, "\n"), (#"\r"#, "\r"), (#"\t"#, "\t")]
        for (escape, expected) in cases {
            #expect(decode(escape + "rest")?.0 == expected, "\(escape)")
            #expect(decode(escape + "rest")?.rest == 4)
        }
    }

    @Test func unicodeEscapesAndSurrogatePairs() {
        #expect(decode(#"\u00e9"#)?.0 == "é")
        #expect(decode(#"\u00E9"#)?.0 == "é")
        #expect(decode(#"\u20ACx"#)?.0 == "€")
        #expect(decode(#"\u20ACx"#)?.rest == 1)
        #expect(decode(#"\ud83d\ude00"#)?.0 == "😀")
    }

    @Test func malformedEscapesAreRefused() {
        for bad in [#"\x"#, #"\"#, #"\u12"#, #"\u12g4"#, #"\ud83d"#, #"\ud83dx"#, #"\ud83d\u0041"#, #"\ude00"#] {
            #expect(decode(bad) == nil, "\(bad)")
        }
    }
}
