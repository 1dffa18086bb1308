/// Counts words the way a reader would: maximal runs of letters or digits. Apostrophes and
/// hyphens inside a word keep it whole ("company's", "well-known"), and so do a point or comma
/// between digits ("4.5bn", "1,200"), so "Q3 revenue rose 12% to $4.5bn" is 6 words.
public enum WordCount {
    public static func count(_ text: String) -> Int {
        // Over the UTF-8 bytes, decoding scalars inline: every article's text is counted, and
        // iterating `unicodeScalars` cost about twice as much. A String's bytes are valid UTF-8.
        var text = text
        // The table is read once per text: a `static let` read in the loop is a swift_once check.
        return TwoByteScalars.table.withUnsafeBufferPointer { twoByte in
        text.withUTF8 { u -> Int in
            var count = 0
            var inWord = false
            var previousIsDigit = false
            var pendingJoiner = false
            var i = 0
            let n = u.count
            while i < n {
                let lead = u[i]
                let value: UInt32
                if lead < 0x80 {
                    value = UInt32(lead)
                    i += 1
                } else {
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    var v = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                    value = v
                    i += length
                }
                // ASCII (most of any text) by range; Unicode properties only beyond it.
                let isDigit = value &- 0x30 < 10
                let isWordChar = isDigit
                    || (value < 0x80 ? (value | 0x20) &- 0x61 < 26
                        : value < 0x800 ? twoByte[Int(value) &- 0x80] & TwoByteScalars.alphabetic != 0
                        : Unicode.Scalar(value).map { $0.properties.isAlphabetic } ?? false)
                if isWordChar {
                    if !inWord && !pendingJoiner { count += 1 }
                    inWord = true
                    pendingJoiner = false
                    previousIsDigit = isDigit
                    if value < 0x80, i + 8 <= n, let base = u.baseAddress {
                        // The rest of an ASCII run of letters and digits changes nothing but
                        // `previousIsDigit`: skipped eight bytes at a time (byte by byte, the
                        // letters of words were nearly all of the count's time).
                        var x = outsideWord(base + i)
                        while x == 0, i + 16 <= n {
                            i += 8
                            x = outsideWord(base + i)
                        }
                        i += x == 0 ? 8 : x.trailingZeroBitCount >> 3
                        previousIsDigit = u[i - 1] &- 0x30 < 10
                    }
                    continue
                }
                let joins = value == 0x27 || value == 0x2019 || value == 0x2D
                    || (previousIsDigit && (value == 0x2E || value == 0x2C))
                if inWord && joins && !pendingJoiner {
                    // Keep the word open for one joiner; a following non-word character closes it.
                    pendingJoiner = true
                    inWord = false
                } else {
                    inWord = false
                    pendingJoiner = false
                }
                previousIsDigit = false
            }
            return count
        }
        }
    }

    /// ``ASCIIByteClasses/outsideLettersAndDigits(_:foldingCase:)`` of the eight bytes at `p`.
    @inline(__always) private static func outsideWord(_ p: UnsafePointer<UInt8>) -> UInt64 {
        ASCIIByteClasses.outsideLettersAndDigits(UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)),
                                                 foldingCase: true)
    }
}
