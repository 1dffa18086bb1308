import Testing
@testable import WirescoreCore

/// ``TwoByteScalars/table`` against the Unicode properties it stands for, and ``WordCount``
/// (which reads it) against a plain definition over Unicode scalars.
struct TwoByteScalarsTests {
    @Test func tableMatchesTheProperties() {
        for value in UInt32(0x80)..<0x800 {
            let scalar = Unicode.Scalar(value)!
            let entry = TwoByteScalars.table[Int(value) - 0x80]
            #expect((entry & TwoByteScalars.alphabetic != 0) == scalar.properties.isAlphabetic)
            let lower = entry & TwoByteScalars.lowercaseMask
            if lower != 0 {
                #expect(scalar.properties.lowercaseMapping == String(Unicode.Scalar(UInt32(lower))!))
            } else {
                let mapping = scalar.properties.lowercaseMapping.unicodeScalars
                #expect(mapping.count != 1 || !(0x80..<0x800).contains(mapping.first!.value), "U+\(String(value, radix: 16))")
            }
        }
        #expect(TwoByteScalars.table[0xC9 - 0x80] & TwoByteScalars.lowercaseMask == 0xE9)   // É -> é
    }

    /// The definition ``WordCount/count(_:)`` implements, scalar by scalar.
    private func referenceCount(_ text: String) -> Int {
        var count = 0
        var inWord = false, previousIsDigit = false, pendingJoiner = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isDigit = value >= 0x30 && value <= 0x39
            if isDigit || (value < 0x80 ? scalar.properties.isAlphabetic && value > 0x40 : scalar.properties.isAlphabetic) {
                if !inWord && !pendingJoiner { count += 1 }
                inWord = true; pendingJoiner = false; previousIsDigit = isDigit
                continue
            }
            let joins = value == 0x27 || value == 0x2019 || value == 0x2D || (previousIsDigit && (value == 0x2E || value == 0x2C))
            if inWord && joins && !pendingJoiner { pendingJoiner = true; inWord = false } else { inWord = false; pendingJoiner = false }
            previousIsDigit = false
        }
        return count
    }

    @Test func wordCountMatchesTheScalarDefinition() {
        var rng = SystemRandomNumberGenerator()
        let other: [String] = ["a", "Z", "7", " ", "'", "-", ".", ",", "\u{2019}", "ト", "🚀", "\u{301}", "abcdefghij"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ -> String in
                Bool.random(using: &rng) ? other.randomElement(using: &rng)!
                    : String(Unicode.Scalar(UInt32.random(in: 0x80..<0x800, using: &rng))!)
            }.joined()
            #expect(WordCount.count(text) == referenceCount(text), "\(text.debugDescription)")
        }
        #expect(WordCount.count("Q3 revenue rose 12% to $4.5bn") == 6)
        #expect(WordCount.count("Zażółć gęślą jaźń") == 3)
    }
}
