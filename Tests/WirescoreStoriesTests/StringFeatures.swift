import WirescoreCore
@testable import WirescoreStories

/// The story features' rules written plainly over Strings, one String per word: the oracle the
/// byte-level ``WordList`` is held to.
enum StringFeatures {
    /// Lowercased alphanumeric runs; apostrophes are dropped so "Acme's" and "Acme" agree.
    ///
    /// ASCII, nearly all of the text, is handled byte-wise; other scalars go through Unicode
    /// properties and lower-case mapping.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func finish() {
            if !current.isEmpty {
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte | 0x20)
                case UInt8(ascii: "'"): continue
                default: finish()
                }
            } else if value == 0x2019 {
                continue
            } else if scalar.properties.isAlphabetic {
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                finish()
            }
        }
        finish()
        return result
    }

    /// Content terms with counts; title terms count twice because headlines name the event.
    static func termCounts(titleWords: [String], textWords: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var stems: [String: String] = [:]
        func add(_ token: String, _ weight: Int) {
            guard !TextFeatures.stopwords.contains(token) else { return }
            let term: String
            if let known = stems[token] { term = known } else { term = TextFeatures.stem(token); stems[token] = term }
            counts[term, default: 0] += weight
        }
        for token in titleWords { add(token, 2) }
        for token in textWords { add(token, 1) }
        return counts
    }

    /// 64-bit SimHash (Charikar) over word 3-shingles.
    ///
    /// Each shingle votes +1/-1 per bit of its stable hash; near-identical texts (syndicated
    /// copies with a changed byline) differ in only a few bits. Texts under three words fall
    /// back to single words so that a headline still gets a meaningful hash. A shingle's hash is
    /// FNV-1a over "w1 w2 w3", fed word by word instead of joining strings.
    static func simHash(words: [String]) -> UInt64 {
        guard !words.isEmpty else { return 0 }
        let size = words.count >= 3 ? 3 : 1
        var votes = [Int](repeating: 0, count: 64)
        for start in 0...(words.count - size) {
            var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in start..<(start + size) {
                if index > start { fnv = (fnv ^ UInt64(UInt8(ascii: " "))) &* 0x0000_0100_0000_01B3 }
                for byte in words[index].utf8 { fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            }
            let hash = StableHash.mix(fnv)
            for bit in 0..<64 {
                votes[bit] &+= Int((hash >> UInt64(bit)) & 1) &* 2 &- 1
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    static func simHash(title: String, text: String) -> UInt64 {
        simHash(words: tokens(title) + tokens(text))
    }

}

extension StringFeatures {
    /// The terms kept from String-keyed counts: hashed, summed by hash, the most frequent first.
    static func top(_ counts: [String: Int]) -> [StoryTerm] {
        var byHash: [UInt32: Int] = [:]
        for (term, count) in counts { byHash[StoryTerm.hash(ofTermBytes: term.utf8), default: 0] += count }
        return StoryTerm.top(byHash: byHash, limit: StoryFeatures.maxTerms)
    }
}
