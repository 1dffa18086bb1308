/// Unicode properties of the two-byte UTF-8 scalars, U+0080 to U+07FF (Latin-1, Latin Extended,
/// Greek, Cyrillic, Armenian, Hebrew, Arabic), read from a table instead of through
/// `Unicode.Scalar.Properties`.
///
/// Why: the word scans of every article (``WordCount`` and the story word list) asked the
/// properties of each non-ASCII letter, a Unicode data look-up, and the lowercase mapping as a
/// new String; on German, French or Polish pages that showed in profiles. The table is built from
/// those same properties, so the answers are the same.
public enum TwoByteScalars {
    /// The entry of scalar `s` is at `s - 0x80`: ``alphabetic`` set when `s` is alphabetic; its
    /// ``lowercaseMask`` bits the value of `s`'s lowercase mapping when that mapping is a single
    /// two-byte scalar, else 0 (then ask the properties).
    public static let table: [UInt16] = (UInt32(0x80)..<0x800).map { value -> UInt16 in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        var entry: UInt16 = scalar.properties.isAlphabetic ? alphabetic : 0
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let l = lower.first, (0x80..<0x800).contains(l.value) { entry |= UInt16(l.value) }
        return entry
    }
    public static let alphabetic: UInt16 = 0x8000
    public static let lowercaseMask: UInt16 = 0x07FF
}
