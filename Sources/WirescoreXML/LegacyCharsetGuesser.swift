/// Guesses the legacy encoding of bytes that declare none and are not UTF-8: the case of an old
/// Japanese, Korean, Chinese, Russian, Thai or Hebrew feed or page served without a charset.
///
/// Python feedparser asks chardet here and browsers ask their own detector (Firefox's
/// chardetng); without a guess such a document is read as UTF-8 or windows-1252 and every
/// non-ASCII character is lost. This guesser reads byte structure, not dictionaries:
/// - each multi-byte encoding has a grammar (which lead bytes take which trail bytes), and a
///   text in another encoding breaks it within a few characters;
/// - among the encodings whose grammar holds, the rows the bytes fall in tell the language:
///   Japanese is full of kana (their own rows in Shift_JIS and EUC-JP), Korean is Hangul
///   syllables (rows 0xB0–0xC8 of EUC-KR) between spaces, Big5 is the only one whose trail
///   bytes go below 0xA1;
/// - single-byte scripts differ in where their letters sit: Thai consonants in 0xA1–0xCE,
///   Hebrew letters in 0xE0–0xFA only, and Russian lowercase (most of any text) in 0xC0–0xDF
///   in KOI8-R but 0xE0–0xFF in windows-1251.
/// Bytes that are nearly all valid UTF-8 are left alone (a stray byte in a UTF-8 text is not a
/// legacy encoding), and a text whose high bytes sit beside ASCII letters is Latin.
public enum LegacyCharsetGuesser {
    /// An encoding guess.
    public struct Guess: Sendable, Equatable {
        /// The encoding's usual name, as feedparser reports it ("SHIFT_JIS", "Big5", "KOI8-R").
        public var name: String
        /// The iconv name to decode with: a superset where one exists (CP932 for Shift_JIS,
        /// GB18030 for GB2312, CP949 for EUC-KR), which decodes the same bytes and more.
        public var decoder: String
    }

    /// The guess for `bytes`, or nil when there is nothing to guess (no byte above 0x7F, or
    /// the bytes are UTF-8 but for a few strays) or no rule is confident (the caller keeps
    /// its default, windows-1252 or UTF-8).
    public static func guess(_ bytes: [UInt8]) -> Guess? {
        let high = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        guard high > 0 else { return nil }
        if Double(utf8SequenceBytes(bytes)) >= 0.8 * Double(high) { return nil }

        if isThai(bytes, high: high) { return Guess(name: "TIS-620", decoder: "CP874") }
        let sjis = MultiByteCount.shiftJIS(bytes)
        if sjis.valid, sjis.pairs > 0, Double(sjis.marked) >= 0.15 * Double(sjis.pairs) {
            return Guess(name: "SHIFT_JIS", decoder: "CP932")
        }
        let eucJP = MultiByteCount.eucJP(bytes)
        if eucJP.valid, eucJP.pairs > 0, Double(eucJP.marked) >= 0.15 * Double(eucJP.pairs), eucJP.plausible {
            return Guess(name: "EUC-JP", decoder: "EUC-JP")
        }
        let eucKR = MultiByteCount.eucKR(bytes)
        if eucKR.valid, eucKR.pairs > 0, Double(eucKR.marked) >= 0.8 * Double(eucKR.pairs),
           eucKR.spaces * 8 >= eucKR.pairs {
            return Guess(name: "EUC-KR", decoder: "CP949")
        }
        let big5 = MultiByteCount.big5(bytes)
        let gbk = MultiByteCount.gbk(bytes)
        if big5.valid, big5.pairs > 0, big5.marked > 0, big5.plausible { return Guess(name: "Big5", decoder: "BIG5-HKSCS") }
        if gbk.valid, gbk.pairs > 0, gbk.plausible { return Guess(name: "GB2312", decoder: "GB18030") }
        return singleByte(bytes, high: high)
    }

    /// Whether the bytes read as TIS-620 Thai. Two tests, each weak alone against Chinese or
    /// Korean pairs (whose bytes cover the same range), strong together:
    /// - spelling: a vowel written above or below (0xD1, 0xD4–0xDA) follows a consonant
    ///   (0xA1–0xCE); a tone or other mark (0xE7–0xEE) follows a consonant or such a vowel;
    ///   sara aa and sara am (0xD2, 0xD3) follow a consonant or a mark; a vowel written before
    ///   its consonant (0xE0–0xE4) is followed by one; no byte is one TIS-620 leaves unassigned;
    /// - letters: three quarters of the high bytes are among Thai's 36 most frequent letters
    ///   and marks (``thaiFrequent``), which cover nine tenths of running Thai text.
    static func isThai(_ bytes: [UInt8], high: Int) -> Bool {
        func isConsonant(_ b: UInt8) -> Bool { (0xA1...0xCE).contains(b) }
        func isVowelMark(_ b: UInt8) -> Bool { b == 0xD1 || (0xD4...0xDA).contains(b) }
        func isToneMark(_ b: UInt8) -> Bool { (0xE7...0xEE).contains(b) }
        var marks = 0, frequent = 0
        for (i, b) in bytes.enumerated() where b >= 0x80 {
            if b <= 0xA0 || (0xDB...0xDE).contains(b) || b >= 0xFC { return false }
            if thaiFrequent.contains(b) { frequent += 1 }
            let before: UInt8 = i > 0 ? bytes[i - 1] : 0
            if isVowelMark(b) {
                guard isConsonant(before) else { return false }
                marks += 1
            } else if isToneMark(b) {
                guard isConsonant(before) || isVowelMark(before) else { return false }
                marks += 1
            } else if b == 0xD2 || b == 0xD3 {
                guard isConsonant(before) || isToneMark(before) else { return false }
            } else if (0xE0...0xE4).contains(b) {
                guard i + 1 < bytes.count, isConsonant(bytes[i + 1]) else { return false }
            }
        }
        return marks >= 3 && Double(marks) >= 0.1 * Double(high) && Double(frequent) >= 0.75 * Double(high)
    }

    /// Thai's most frequent letters and marks in TIS-620 (า น ร อ ก เ ง ม ย ล ว ่ ้ ด ท ิ ั ต ี ส
    /// บ ะ ค ห ไ ข ป ใ จ แ พ ุ ็ ื ู ำ).
    static let thaiFrequent: Set<UInt8> = [0xA1, 0xA2, 0xA4, 0xA7, 0xA8, 0xB4, 0xB5, 0xB7, 0xB9, 0xBA, 0xBB, 0xBE,
                                           0xC1, 0xC2, 0xC3, 0xC5, 0xC7, 0xCA, 0xCB, 0xCD, 0xD0, 0xD1, 0xD2, 0xD3,
                                           0xD4, 0xD5, 0xD7, 0xD8, 0xD9, 0xE0, 0xE1, 0xE3, 0xE4, 0xE7, 0xE8, 0xE9]

    /// Hebrew or Cyrillic from where the high bytes sit; nil for Latin text.
    static func singleByte(_ bytes: [UInt8], high: Int) -> Guess? {
        var besideASCIILetter = 0, inWords = 0, hebrew = 0, notHebrew = 0, koiLower = 0, cp1251Lower = 0
        for (i, b) in bytes.enumerated() where b >= 0x80 {
            let before = i > 0 ? bytes[i - 1] : 0, after = i + 1 < bytes.count ? bytes[i + 1] : 0
            if before.isASCIILetter || after.isASCIILetter { besideASCIILetter += 1 }
            if before >= 0x80 || after >= 0x80 { inWords += 1 }
            if (0xE0...0xFA).contains(b) { hebrew += 1 }
            if (0xC0...0xDF).contains(b) || b >= 0xFB { notHebrew += 1 }
            if (0xC0...0xDF).contains(b) { koiLower += 1 }
            if b >= 0xE0 { cp1251Lower += 1 }
        }
        let total = Double(high)
        // Accented letters of Latin languages stand inside ASCII words ("café", "Genève");
        // letters of other scripts make words of their own, and a few stray bytes say nothing.
        if Double(besideASCIILetter) >= 0.4 * total { return nil }
        if high < 8 || Double(inWords) < 0.8 * total { return nil }
        if Double(hebrew) >= 0.85 * total, Double(notHebrew) <= 0.02 * total {
            return Guess(name: "windows-1255", decoder: "WINDOWS-1255")
        }
        if Double(koiLower + cp1251Lower) >= 0.85 * total {
            return koiLower > cp1251Lower ? Guess(name: "KOI8-R", decoder: "KOI8-R")
                                          : Guess(name: "windows-1251", decoder: "WINDOWS-1251")
        }
        return nil
    }

    /// How many high bytes belong to well-formed UTF-8 sequences.
    static func utf8SequenceBytes(_ bytes: [UInt8]) -> Int {
        var count = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if length == 1 { i += 1; continue }
            if length == 0 || i + length > bytes.count { i += 1; continue }
            var ok = true
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { ok = false; break }
            if ok { count += length; i += length } else { i += 1 }
        }
        return count
    }
}

/// One pass of a multi-byte grammar over the bytes: whether it holds, how many two-byte
/// characters it read, and how many of those fall in the rows that mark the language.
struct MultiByteCount {
    var valid = true
    var pairs = 0
    /// Kana (Japanese), Hangul syllables (Korean), or low trail bytes (Big5).
    var marked = 0
    /// ASCII spaces (Korean puts them between words; Chinese and Japanese do not).
    var spaces = 0
    /// Pairs whose lead byte is in a row the encoding assigns to the language's letters or
    /// common punctuation: Thai or Cyrillic read as pairs scatter over unused rows.
    var assigned = 0
    /// Whether nearly every pair is in an assigned row.
    var plausible: Bool { Double(assigned) >= 0.9 * Double(pairs) }

    /// Shift_JIS: single bytes 0x00–0x7F and 0xA1–0xDF (half-width katakana); lead 0x81–0x9F or
    /// 0xE0–0xFC, trail 0x40–0x7E or 0x80–0xFC. Marked: hiragana (0x82 0x9F–0xF1) and katakana
    /// (0x83 0x40–0x96).
    static func shiftJIS(_ b: [UInt8]) -> MultiByteCount {
        var c = MultiByteCount(), i = 0
        while i < b.count {
            let x = b[i]
            if x < 0x80 || (0xA1...0xDF).contains(x) { i += 1; continue }
            guard (0x81...0x9F).contains(x) || (0xE0...0xFC).contains(x), i + 1 < b.count else { c.valid = false; return c }
            let y = b[i + 1]
            guard (0x40...0x7E).contains(y) || (0x80...0xFC).contains(y) else { c.valid = false; return c }
            c.pairs += 1
            if (x == 0x82 && (0x9F...0xF1).contains(y)) || (x == 0x83 && (0x40...0x96).contains(y)) { c.marked += 1 }
            i += 2
        }
        return c
    }

    /// EUC-JP: pairs 0xA1–0xFE twice, 0x8E + half-width katakana, 0x8F + a JIS X 0212 pair.
    /// Marked: hiragana and katakana rows (lead 0xA4, 0xA5).
    static func eucJP(_ b: [UInt8]) -> MultiByteCount {
        var c = MultiByteCount(), i = 0
        while i < b.count {
            let x = b[i]
            if x < 0x80 { i += 1; continue }
            let width = x == 0x8F ? 3 : 2
            guard x == 0x8E || x == 0x8F || (0xA1...0xFE).contains(x), i + width <= b.count else { c.valid = false; return c }
            for k in 1..<width where !(0xA1...0xFE).contains(b[i + k]) { c.valid = false; return c }
            c.pairs += 1
            if x == 0xA4 || x == 0xA5 { c.marked += 1 }
            // Symbols, kana, kanji levels 1 and 2; half-width kana and JIS X 0212.
            if (0xA1...0xA5).contains(x) || (0xB0...0xF4).contains(x) || x == 0x8E || x == 0x8F { c.assigned += 1 }
            i += width
        }
        return c
    }

    /// EUC-KR: pairs 0xA1–0xFE twice. Marked: Hangul syllables (lead 0xB0–0xC8).
    static func eucKR(_ b: [UInt8]) -> MultiByteCount {
        pairs(b, lead: 0xA1...0xFE, trail: { (0xA1...0xFE).contains($0) }) { c, lead, _ in
            if (0xB0...0xC8).contains(lead) { c.marked += 1 }
        }
    }

    /// Big5: lead 0xA1–0xF9, trail 0x40–0x7E or 0xA1–0xFE. Marked: trails below 0xA1, which
    /// no EUC encoding has. Assigned: symbols, frequent hanzi (0xA4–0xC6), less frequent ones
    /// (0xC9–0xF9).
    static func big5(_ b: [UInt8]) -> MultiByteCount {
        pairs(b, lead: 0xA1...0xF9, trail: { (0x40...0x7E).contains($0) || (0xA1...0xFE).contains($0) }) { c, lead, trail in
            if trail < 0xA1 { c.marked += 1 }
            if (0xA1...0xC6).contains(lead) || (0xC9...0xF9).contains(lead) { c.assigned += 1 }
        }
    }

    /// GBK (GB2312 and its extension): lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE. Assigned:
    /// GB2312's punctuation rows and hanzi (0xB0–0xF7), and GBK's extension leads.
    static func gbk(_ b: [UInt8]) -> MultiByteCount {
        pairs(b, lead: 0x81...0xFE, trail: { (0x40...0x7E).contains($0) || (0x80...0xFE).contains($0) }) { c, lead, _ in
            if (0xA1...0xA3).contains(lead) || (0xB0...0xF7).contains(lead) || lead <= 0xA0 { c.assigned += 1 }
        }
    }

    /// The grammar every double-byte encoding shares: ASCII single bytes, else a lead byte and
    /// a trail byte; `tally` counts what marks the language in each pair.
    private static func pairs(_ b: [UInt8], lead: ClosedRange<UInt8>, trail: (UInt8) -> Bool,
                              tally: (inout MultiByteCount, UInt8, UInt8) -> Void) -> MultiByteCount {
        var c = MultiByteCount(), i = 0
        while i < b.count {
            let x = b[i]
            if x < 0x80 { if x == 0x20 { c.spaces += 1 }; i += 1; continue }
            guard lead.contains(x), i + 1 < b.count, trail(b[i + 1]) else { c.valid = false; return c }
            c.pairs += 1
            tally(&c, x, b[i + 1])
            i += 2
        }
        return c
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
