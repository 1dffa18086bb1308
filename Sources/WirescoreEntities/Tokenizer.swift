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
        /// Every token's lowercased form, back to back (see ``Token/lowerStart``), followed by
        /// unused scratch space.
        public var lowerBytes: [UInt8]
        /// Room the tokenizer writes tokens into before copying them to ``tokens``; kept so that a
        /// reused `Result` allocates nothing per text.
        var tokenSpace: [Token] = []

        public init() { tokens = []; sentences = []; paragraphs = []; lowerBytes = [] }

        /// The lowercased form of token `k` as a String (for tests and rare paths; hot paths
        /// probe ``WordIndex`` tables with the token's hash and bytes instead).
        public func lower(_ k: Int) -> String {
            let t = tokens[k]
            return String(decoding: lowerBytes[t.lowerStart..<(t.lowerStart + Int(t.lowerCount))], as: UTF8.self)
        }

        /// Whether token `k`'s lowercased form is exactly `s`.
        public func lowerIs(_ k: Int, _ s: StaticString) -> Bool {
            let t = tokens[k]
            guard Int(t.lowerCount) == s.utf8CodeUnitCount else { return false }
            let p = s.utf8Start
            for o in 0..<Int(t.lowerCount) where lowerBytes[t.lowerStart + o] != p[o] { return false }
            return true
        }

        /// Whether token `k`'s lowercased form contains `s` ("3-month" contains "month").
        public func lowerContains(_ k: Int, _ s: StaticString) -> Bool {
            let t = tokens[k]
            let m = s.utf8CodeUnitCount, c = Int(t.lowerCount)
            guard m > 0, m <= c else { return m == 0 }
            let p = s.utf8Start
            outer: for start in 0...(c - m) {
                for o in 0..<m where lowerBytes[t.lowerStart + start + o] != p[o] { continue outer }
                return true
            }
            return false
        }

        /// Whether token `k`'s lowercased form contains `byte`.
        public func contains(_ k: Int, byte: UInt8) -> Bool {
            let t = tokens[k]
            for o in 0..<Int(t.lowerCount) where lowerBytes[t.lowerStart + o] == byte { return true }
            return false
        }

        /// The first byte of token `k`'s lowercased form (tokens are never empty).
        public func firstByte(_ k: Int) -> UInt8 { lowerBytes[tokens[k].lowerStart] }
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
        var r = Result()
        tokenize(text, into: &r)
        return r
    }

    /// Tokenises `text` into `r`, reusing its storage: a caller that analyses many texts in a row
    /// keeps one `Result` and allocates nothing per text once its buffers have grown.
    public static func tokenize(_ text: String, into r: inout Result) {
        var text = text
        text.withUTF8 { tokenize(utf8: $0, into: &r) }
    }

    /// ``tokenize(_:into:)`` for a text given as valid UTF-8 bytes (a caller that holds the bytes
    /// needs no String for them).
    public static func tokenize(utf8 u: UnsafeBufferPointer<UInt8>, into r: inout Result) {
        // Lowercasing rarely lengthens a word (U+0130 -> "i̇"); twice the text always fits in
        // practice, and a text that does not is tokenised again with more room.
        var capacity = u.count * 2 + 16
        // Every token covers at least one byte, so `u.count + 1` tokens always fit; texts have
        // far fewer, so the first try asks for less and a text that overflows runs again.
        var tokenCapacity = u.count / 2 + 16
        while !tokenize(bytes: u, into: &r, lowerCapacity: capacity, tokenCapacity: tokenCapacity) {
            capacity *= 2
            tokenCapacity = u.count + 16
        }
    }

    /// A preallocated buffer written through a pointer, for the tokens being found (copied to
    /// ``Result/tokens`` in one go from ``Result/tokenSpace``) and their lowercased bytes.
    /// `Array.append` per element, a call with a uniqueness check, showed in profiles; so did a
    /// new array per text, whose generic allocation looked up type metadata each time.
    struct FixedBuffer<Element> {
        var base: UnsafeMutablePointer<Element>
        var capacity: Int
        var count = 0
        /// Set when a write did not fit; the text is then tokenised again with more room.
        var overflow = false

        @inline(__always) mutating func append(_ e: Element) {
            if count == capacity { overflow = true; return }
            base[count] = e; count += 1
        }
    }
    typealias TokenBuffer = FixedBuffer<Token>
    typealias LowerBuffer = FixedBuffer<UInt8>

    /// Copies the run of lowercase ASCII letters at `j` (at least one) into `lower`; returns its end.
    ///
    /// Eight bytes at a time: each word is stored whole (the buffer's slack takes the overhang)
    /// and tested for a byte outside a-z. The run scan and a memmove call per run were a third
    /// of the tokenizer's time in profiles.
    @inline(__always) static func lowercaseRun(_ u: UnsafeBufferPointer<UInt8>, from j: Int, into lower: inout LowerBuffer) -> Int {
        let n = u.count
        guard let src = u.baseAddress, lower.count + (n - j) <= lower.capacity else {
            // No room for the rest of the text (never in practice): the plain path.
            var e = j + 1
            while e < n, u[e] &- 0x61 < 26 { e += 1 }
            lower.append(UnsafeBufferPointer(rebasing: u[j..<e]))
            return e
        }
        let dst = lower.base + lower.count
        var e = j
        while e + 8 <= n {
            let x = UnsafeRawPointer(src + e).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(dst + (e - j)).storeBytes(of: x, as: UInt64.self)
            let outside = notLowercase(UInt64(littleEndian: x))
            if outside != 0 {
                e += outside.trailingZeroBitCount >> 3
                lower.count += e - j
                return e
            }
            e += 8
        }
        while e < n, u[e] &- 0x61 < 26 { dst[e - j] = u[e]; e += 1 }
        lower.count += e - j
        return e
    }

    /// The high bit of each byte of `x` (first byte lowest) that is not in a-z.
    @inline(__always) static func notLowercase(_ x: UInt64) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & ~highs
        // Per byte, no carries: low7 + 0x1F has the high bit from 0x61 up, low7 + 0x05 above 0x7A.
        let atLeastA = low7 &+ 0x1F1F_1F1F_1F1F_1F1F
        let aboveZ = low7 &+ 0x0505_0505_0505_0505
        return ~(atLeastA & ~aboveZ & ~x) & highs
    }

    @inline(__always) static func newToken(_ kind: Token.Kind, _ start: Int, _ end: Int, _ lowerStart: Int, _ lower: LowerBuffer, cap: Bool, allCaps: Bool, newlines: Int) -> Token {
        Token(kind: kind, isCapitalized: cap, isAllCaps: allCaps, newlinesBefore: Int32(min(newlines, 1000)),
              start: start, end: end, lowerStart: lowerStart, lowerCount: Int32(clamping: lower.count - lowerStart), hash: lower.hash(from: lowerStart))
    }

    /// False when the lowercased forms did not fit in `lowerCapacity` bytes or the tokens in
    /// `tokenCapacity`.
    static func tokenize(bytes u: UnsafeBufferPointer<UInt8>, into r: inout Result, lowerCapacity: Int,
                         tokenCapacity: Int) -> Bool {
        var lowerBytes: [UInt8] = []
        swap(&lowerBytes, &r.lowerBytes)
        var space: [Token] = []
        swap(&space, &r.tokenSpace)
        if space.count < tokenCapacity { space = [Token](repeating: Token.blank, count: tokenCapacity) }
        let found = space.withUnsafeMutableBufferPointer { tb -> Int? in
            guard let tokenBase = tb.baseAddress else { return nil }
            var tokens = TokenBuffer(base: tokenBase, capacity: tb.count)
            guard tokenize(bytes: u, tokens: &tokens, lower: &lowerBytes, lowerCapacity: lowerCapacity) else { return nil }
            return tokens.count
        }
        r.tokens.removeAll(keepingCapacity: true)
        if let found {
            space.withUnsafeBufferPointer { r.tokens.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<found])) }
        }
        r.lowerBytes = lowerBytes
        r.tokenSpace = space
        guard found != nil else { return false }
        splitSentences(&r)
        return true
    }

    /// The scan itself: tokens into `tokens`, lowercased forms into `lowerBytes`.
    static func tokenize(bytes u: UnsafeBufferPointer<UInt8>, tokens: inout TokenBuffer, lower lowerBytes: inout [UInt8],
                         lowerCapacity: Int) -> Bool {
        if lowerBytes.count < lowerCapacity { lowerBytes = [UInt8](repeating: 0, count: lowerCapacity) }
        let fits = lowerBytes.withUnsafeMutableBufferPointer { lb -> Bool in
        guard let base = lb.baseAddress, lb.count > 8 else { return false }
        var lower = LowerBuffer(base: base, capacity: lb.count - 8)
        var i = 0
        let n = u.count
        var newlines = 0
        while i < n {
            let b = u[i]
            if b == 0x20 { i += 1; continue }
            if b == 0x09 || b == 0x0D { i += 1; continue }
            if b == 0x0A { newlines += 1; i += 1; continue }
            let up = b >= 0x80 ? unicodePunct(u, i) : 0
            if up > 0 {
                if up == 2 && u[i + 1] == 0xA0 { i += 2; continue }   // no-break space
                let ls = lower.count
                lower.append(UnsafeBufferPointer(rebasing: u[i..<(i + up)]))
                tokens.append(newToken(.punct, i, i + up, ls, lower, cap: false, allCaps: false, newlines: newlines))
                newlines = 0; i += up; continue
            }
            if b == 0x24, i + 1 < n, isLetter(u[i + 1]) {   // $TICKER
                var j = i + 1
                let ls = lower.count
                while j < n, isLetter(u[j]) || ((u[j] == 0x2E || u[j] == 0x2D) && j + 1 < n && isLetter(u[j + 1])) {
                    lower.append(isLetter(u[j]) ? (u[j] | 0x20) : u[j]); j += 1
                }
                tokens.append(newToken(.cashtag, i, j, ls, lower, cap: true, allCaps: true, newlines: newlines))
                newlines = 0; i = j; continue
            }
            if isAlnum(b) {
                let startsWithDigit = isDigit(b)
                var j = i
                var upper = 0, lowerCount = 0
                var nonASCII = false
                let ls = lower.count
                while j < n {
                    let c = u[j]
                    if c &- 0x61 < 26 {
                        // The common case first: a run of lowercase letters, copied in one go
                        // (a byte-at-a-time loop here spilled registers in this large function).
                        let e = lowercaseRun(u, from: j, into: &lower)
                        lowerCount += e - j; j = e
                    } else if isLetter(c) {
                        if c < 0x61 { upper += 1 } else { lowerCount += 1 }
                        lower.append(c | 0x20); j += 1
                    } else if isDigit(c) {
                        lower.append(c); j += 1
                    } else if c >= 0x80 {
                        if c == 0xE2, j + 2 < n, u[j + 1] == 0x80, u[j + 2] == 0x99, j + 3 < n, isLetter(u[j + 3]) {
                            lower.append(0x27); j += 3               // ’ inside a word
                        } else if unicodePunct(u, j) > 0 {
                            break
                        } else {
                            lower.append(c); j += 1; nonASCII = true
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
                        lower.append(c); j += 1
                    } else {
                        break
                    }
                }
                let kind: Token.Kind = startsWithDigit ? .number : .word
                // A trailing possessive becomes its own token: "apple's" -> "apple", "'s".
                var end = j
                var possessive = false
                let m = lower.count - ls
                if kind == .word, m > 2, lower.base[lower.count - 1] == 0x73, lower.base[lower.count - 2] == 0x27 {
                    lower.count -= 2; possessive = true
                    end = (u[j - 2] == 0x27) ? j - 2 : j - 4
                }
                var cap = isLetter(b) && b < 0x61
                if nonASCII {
                    // Unicode lowercasing (rare): redo this word's bytes through String.
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: u[i..<end]), as: UTF8.self)
                    let lowered = String(decoding: UnsafeBufferPointer(start: lower.base + ls, count: lower.count - ls), as: UTF8.self).lowercased()
                    lower.count = ls
                    for c in lowered.utf8 { lower.append(c) }
                    if b >= 0x80 { cap = lowered != raw }
                }
                tokens.append(newToken(kind, i, end, ls, lower, cap: cap, allCaps: upper >= 2 && lowerCount == 0, newlines: newlines))
                newlines = 0
                if possessive {
                    let ps = lower.count
                    lower.append(0x27); lower.append(0x73)
                    tokens.append(newToken(.word, end, j, ps, lower, cap: false, allCaps: false, newlines: 0))
                }
                i = j; continue
            }
            // ASCII punctuation: runs of the same mark stay together ("!!!", "...").
            var j = i + 1
            while j < n, u[j] == b, b == 0x21 || b == 0x3F || b == 0x2E { j += 1 }
            let ls = lower.count
            lower.append(UnsafeBufferPointer(rebasing: u[i..<j]))
            tokens.append(newToken(.punct, i, j, ls, lower, cap: false, allCaps: false, newlines: newlines))
            newlines = 0; i = j
        }
        return !lower.overflow
        }
        return fits && !tokens.overflow
    }

    /// Sentence and paragraph boundaries over the tokens.
    static func splitSentences(_ r: inout Result) {
        let tokens = r.tokens
        var sentences: [Range<Int>] = []
        var paragraphs: [Int] = []
        swap(&sentences, &r.sentences); sentences.removeAll(keepingCapacity: true)
        swap(&paragraphs, &r.paragraphs); paragraphs.removeAll(keepingCapacity: true)
        var paragraph = 0
        var s = 0
        for k in tokens.indices {
            let t = tokens[k]
            if k > s, t.newlinesBefore > 0 {
                sentences.append(s..<k); paragraphs.append(paragraph); s = k
            }
            if k == s, t.newlinesBefore >= 2, !sentences.isEmpty { paragraph += 1 }
            guard t.kind == .punct else { continue }
            let f = r.lowerBytes[t.lowerStart]
            guard f == 0x2E || f == 0x21 || f == 0x3F else { continue }
            // Sentence end unless an abbreviation precedes or the next word is lowercase. (The
            // next-token test comes first: the last period of a text, the common case, then needs
            // no abbreviation lookup.)
            if f == 0x2E, k > 0, k + 1 < tokens.count, !tokens[k + 1].isCapitalized || tokens[k + 1].newlinesBefore == 0,
               tokens[k - 1].kind == .word,
               tokens[k - 1].lowerCount == 1 && tokens[k - 1].isCapitalized || r.contains(k - 1, byte: 0x2E) || abbreviations.contains(r, k - 1) {
                continue
            }
            var e = k + 1
            while e < tokens.count, tokens[e].kind == .punct, tokens[e].newlinesBefore == 0, closers.contains(r, e) { e += 1 }
            if e < tokens.count, tokens[e].newlinesBefore == 0, tokens[e].kind == .word, !tokens[e].isCapitalized, isLetter(r.lowerBytes[tokens[e].lowerStart]) { continue }
            sentences.append(s..<e); paragraphs.append(paragraph); s = e
        }
        if s < tokens.count { sentences.append(s..<tokens.count); paragraphs.append(paragraph) }
        r.sentences = sentences
        r.paragraphs = paragraphs
    }

    static let closers = WordIndex(["\"", "'", ")", "\u{201D}", "\u{2019}", "]"])
    static let abbreviations = WordIndex([
        "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "jr", "sr", "st", "vs", "no",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen",
        "gov", "sen", "rep", "rev", "est", "approx", "dept", "fig", "mt", "ft", "plc", "bros",
    ])
}

extension Tokenizer.FixedBuffer where Element == UInt8 {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let src = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { overflow = true; return }
        (base + count).update(from: src, count: bytes.count)
        count += bytes.count
    }

    /// The hash of the bytes written since `start` (the buffer keeps eight bytes of slack past
    /// `capacity`, so ``WordHash/of(padded:count:)`` may read whole words).
    @inline(__always) func hash(from start: Int) -> UInt32 {
        WordHash.of(padded: base + start, count: count - start)
    }
}
