/// Byte-class tests on eight bytes at once, for scanners that skip runs of word bytes (word
/// counts, story word lists): a text is mostly such runs, and testing them byte by byte was most
/// of those scanners' time.
public enum ASCIIByteClasses {
    /// The high bit of each byte of `x` (loaded little-endian, so the first byte is the lowest)
    /// that is not an ASCII digit and not an ASCII letter: a lowercase one, or either case when
    /// `foldingCase`. Zero when all eight bytes are in the class; otherwise the first byte outside
    /// it is at `trailingZeroBitCount >> 3`.
    @inlinable @inline(__always)
    public static func outsideLettersAndDigits(_ x: UInt64, foldingCase: Bool) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & ~highs
        // Per byte, with no carry between bytes: adding 0x1F sets the high bit from 'a' (0x61)
        // up and adding 0x05 from past 'z' (0x7B) up; 0x50 from '0' (0x30) up and 0x46 from
        // past '9' (0x3A) up. Setting the case bit (0x20) first makes 'A'-'Z' read as 'a'-'z'.
        let forLetters = foldingCase ? low7 | 0x2020_2020_2020_2020 : low7
        let letter = (forLetters &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(forLetters &+ 0x0505_0505_0505_0505)
        let digit = (low7 &+ 0x5050_5050_5050_5050) & ~(low7 &+ 0x4646_4646_4646_4646)
        return ~((letter | digit) & ~x) & highs
    }
}
