import Testing
import WirescoreXML

/// `HTMLCharset.isValidUTF8` is the one UTF-8 check of pages and feeds (FeedEncoding uses it
/// too): it must agree with the standard library's strict decoder byte for byte, on the edge
/// cases of the encoding and on random input around them.
@Suite struct UTF8ValidationTests {
    private func decoderAccepts(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    @Test func edgeCases() {
        let cases: [([UInt8], Bool)] = [
            ([], true),
            (Array("plain ASCII, long enough for the eight-byte path".utf8), true),
            ([0xC3, 0xA9], true),                    // é
            ([0xC0, 0xAF], false),                   // overlong '/'
            ([0xE0, 0x80, 0xAF], false),             // overlong, three bytes
            ([0xED, 0xA0, 0x80], false),             // UTF-16 surrogate D800
            ([0xEF, 0xBF, 0xBF], true),              // U+FFFF, a noncharacter but valid
            ([0xF4, 0x8F, 0xBF, 0xBF], true),        // U+10FFFF
            ([0xF4, 0x90, 0x80, 0x80], false),       // beyond U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], false),
            ([0xE2, 0x82], false),                   // truncated at the end
            ([0x80], false),                         // lone continuation byte
            ([0xE9], false),                         // windows-1252 é
        ]
        for (bytes, valid) in cases {
            #expect(HTMLCharset.isValidUTF8(bytes) == valid, "\(bytes)")
            #expect(decoderAccepts(bytes) == valid, "\(bytes)")
        }
    }

    /// The ASCII fast path reads words: a bad byte at any offset of a long ASCII run, and a
    /// good two-byte character there, must still be seen as such.
    @Test func oneNonASCIICharacterAnywhereInALongASCIIRun() {
        let run = [UInt8](repeating: 0x61, count: 100)
        for k in run.indices {
            var bad = run
            bad[k] = 0xFF
            #expect(!HTMLCharset.isValidUTF8(bad), "0xFF at \(k)")
            var good = run
            good.replaceSubrange(k..<k + 1, with: [0xC3, 0xA9])
            #expect(HTMLCharset.isValidUTF8(good), "é at \(k)")
        }
    }

    @Test func agreesWithTheStandardDecoderOnRandomInput() {
        var generator = SystemRandomNumberGenerator()
        // Bytes drawn mostly from the interesting ranges: ASCII runs, lead bytes, continuations.
        let pool: [UInt8] = Array(0x20...0x7E) + Array(0x80...0xBF) + [0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in pool.randomElement(using: &generator) ?? 0x41 }
            #expect(HTMLCharset.isValidUTF8(bytes) == decoderAccepts(bytes), "\(bytes)")
        }
    }
}
