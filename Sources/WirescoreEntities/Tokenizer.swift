/// Splits text into ``Token``s and sentences in one pass over its UTF-8 bytes.
///
/// Words keep inner apostrophes, hyphens, dots and ampersands ("don't", "Coca-Cola",
/// "Amazon.com", "AT&T"); a trailing possessive "'s" becomes its own token so "Apple's" matches
/// "Apple". Non-ASCII letters are kept inside words; typographic quotes, apostrophes and dashes
/// are recognised. The type is stateless and thread-safe.
public enum Tokenizer {
    /// A tokenised text: tokens plus sentence boundaries (token index ranges) and paragraph numbers.
    public struct Result: Sendable {
        public var tokens: [Token]
        public var sentences: [Range<Int>]
        /// Paragraph number (0-based) of each sentence.
        public var paragraphs: [Int]
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b >= 0x80 }

    /// Length of a typographic punctuation sequence at `i` (curly quotes, dashes, ellipsis), or 0.
    @inline(__always) static func unicodePunct(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if u[i] == 0xE2, i + 2 < u.count, u[i + 1] == 0x80 {
            let c = u[i + 2]
            if (c >= 0x93 && c <= 0x94) || (c >= 0x98 && c <= 0x9D) || c == 0xA6 { return 3 }
        }
        if u[i] == 0xC2, i + 1 < u.count, u[i + 1] == 0xA0 || u[i + 1] == 0xAB || u[i + 1] == 0xBB { return 2 }
        return 0
    }

    /// Tokenises `text`.
    public static func tokenize(_ text: String) -> Result {
        var text = text
        return text.withUTF8 { tokenize(bytes: $0) }
    }

    static func tokenize(bytes u: UnsafeBufferPointer<UInt8>) -> Result {
        var tokens: [Token] = []
        tokens.reserveCapacity(u.count / 5 + 4)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        var i = 0
        let n = u.count
        var newlines = 0
        while i < n {
            let b = u[i]
            if b == 0x20 || b == 0x09 || b == 0x0D { i += 1; continue }
            if b == 0x0A { newlines += 1; i += 1; continue }
            let up = unicodePunct(u, i)
            if up > 0 {
                if up == 2 && u[i + 1] == 0xA0 { i += 2; continue }   // no-break space
                tokens.append(Token(kind: .punct, start: i, end: i + up, lower: String(decoding: UnsafeBufferPointer(rebasing: u[i..<(i + up)]), as: UTF8.self), isCapitalized: false, isAllCaps: false, newlinesBefore: newlines))
                newlines = 0; i += up; continue
            }
            if b == 0x24, i + 1 < n, isLetter(u[i + 1]) {   // $TICKER
                var j = i + 1
                scratch.removeAll(keepingCapacity: true)
                while j < n, isLetter(u[j]) || ((u[j] == 0x2E || u[j] == 0x2D) && j + 1 < n && isLetter(u[j + 1])) {
                    scratch.append(isLetter(u[j]) ? (u[j] | 0x20) : u[j]); j += 1
                }
                tokens.append(Token(kind: .cashtag, start: i, end: j, lower: String(decoding: scratch, as: UTF8.self), isCapitalized: true, isAllCaps: true, newlinesBefore: newlines))
                newlines = 0; i = j; continue
            }
            if isAlnum(b) {
                let startsWithDigit = isDigit(b)
                var j = i
                var upper = 0, lowerCount = 0
                scratch.removeAll(keepingCapacity: true)
                while j < n {
                    let c = u[j]
                    if isLetter(c) {
                        if c < 0x61 { upper += 1 } else { lowerCount += 1 }
                        scratch.append(c | 0x20); j += 1
                    } else if isDigit(c) {
                        scratch.append(c); j += 1
                    } else if c >= 0x80 {
                        if c == 0xE2, j + 2 < n, u[j + 1] == 0x80, u[j + 2] == 0x99, j + 3 < n, isLetter(u[j + 3]) {
                            scratch.append(0x27); j += 3               // ’ inside a word
                        } else if unicodePunct(u, j) > 0 {
                            break
                        } else {
                            scratch.append(c); j += 1
                        }
                    } else if (c == 0x27 || c == 0x2D || c == 0x26 || c == 0x2E || c == 0x2C || c == 0x2F), j + 1 < n, j > i {
                        let next = u[j + 1]
                        let joins: Bool
                        switch c {
                        case 0x2C: joins = startsWithDigit && isDigit(next)          // 1,000
                        case 0x2E: joins = isAlnum(next) && next < 0x80              // 3.5, Amazon.com, U.S
                        case 0x2F: joins = isLetter(next) && upper > 0 && lowerCount == 0 // BRK/B
                        default: joins = isAlnum(next) && next < 0x80                // don't, Coca-Cola, AT&T
                        }
                        if !joins { break }
                        scratch.append(c); j += 1
                    } else {
                        break
                    }
                }
                let kind: Token.Kind = startsWithDigit ? .number : .word
                // A trailing possessive becomes its own token: "apple's" -> "apple", "'s".
                var end = j
                var possessive = false
                let m = scratch.count
                if kind == .word, m > 2, (scratch[m - 1] == 0x73) && scratch[m - 2] == 0x27 {
                    scratch.removeLast(2); possessive = true
                    end = (u[j - 2] == 0x27) ? j - 2 : j - 4
                }
                let lower: String
                if scratch.allSatisfy({ $0 < 0x80 }) {
                    lower = String(decoding: scratch, as: UTF8.self)
                } else {
                    lower = String(decoding: scratch, as: UTF8.self).lowercased()
                }
                let cap = isLetter(b) ? b < 0x61 : (b >= 0x80 && lower != String(decoding: UnsafeBufferPointer(rebasing: u[i..<end]), as: UTF8.self))
                tokens.append(Token(kind: kind, start: i, end: end, lower: lower, isCapitalized: cap, isAllCaps: upper >= 2 && lowerCount == 0, newlinesBefore: newlines))
                newlines = 0
                if possessive {
                    tokens.append(Token(kind: .word, start: end, end: j, lower: "'s", isCapitalized: false, isAllCaps: false, newlinesBefore: 0))
                }
                i = j; continue
            }
            // ASCII punctuation: runs of the same mark stay together ("!!!", "...").
            var j = i + 1
            while j < n, u[j] == b, b == 0x21 || b == 0x3F || b == 0x2E { j += 1 }
            tokens.append(Token(kind: .punct, start: i, end: j, lower: String(decoding: UnsafeBufferPointer(rebasing: u[i..<j]), as: UTF8.self), isCapitalized: false, isAllCaps: false, newlinesBefore: newlines))
            newlines = 0; i = j
        }
        var sentences: [Range<Int>] = []
        var paragraphs: [Int] = []
        var paragraph = 0
        var s = 0
        for k in tokens.indices {
            let t = tokens[k]
            if k > s, t.newlinesBefore > 0 {
                sentences.append(s..<k); paragraphs.append(paragraph); s = k
            }
            if k == s, t.newlinesBefore >= 2, !sentences.isEmpty { paragraph += 1 }
            guard t.kind == .punct else { continue }
            let f = t.lower.utf8.first ?? 0
            guard f == 0x2E || f == 0x21 || f == 0x3F || (f == 0x3B && false) else { continue }
            // Sentence end unless an abbreviation precedes or the next word is lowercase.
            if f == 0x2E, k > 0, tokens[k - 1].kind == .word, abbreviations.contains(tokens[k - 1].lower) || tokens[k - 1].lower.utf8.contains(0x2E) || (tokens[k - 1].lower.utf8.count == 1 && tokens[k - 1].isCapitalized) {
                if k + 1 < tokens.count, !tokens[k + 1].isCapitalized || tokens[k + 1].newlinesBefore == 0 { continue }
            }
            var e = k + 1
            while e < tokens.count, tokens[e].kind == .punct, tokens[e].newlinesBefore == 0, closers.contains(tokens[e].lower) { e += 1 }
            if e < tokens.count, tokens[e].newlinesBefore == 0, tokens[e].kind == .word, !tokens[e].isCapitalized, tokens[e].lower.utf8.first.map(isLetter) == true { continue }
            sentences.append(s..<e); paragraphs.append(paragraph); s = e
        }
        if s < tokens.count { sentences.append(s..<tokens.count); paragraphs.append(paragraph) }
        return Result(tokens: tokens, sentences: sentences, paragraphs: paragraphs)
    }

    static let closers: Set<String> = ["\"", "'", ")", "\u{201D}", "\u{2019}", "]"]
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "jr", "sr", "st", "vs", "no",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen",
        "gov", "sen", "rep", "rev", "est", "approx", "dept", "fig", "mt", "ft", "plc", "bros",
    ]
}
