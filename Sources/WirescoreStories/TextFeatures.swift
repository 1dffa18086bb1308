import WirescoreCore

/// Tokens, SimHash and term counts of one article: everything matching needs, computed once.
///
/// Kept separate from ``StoryIndex`` so the snapshot stores only the compact features (64-bit
/// hash and term counts), never whole texts: that is what keeps persisted state small.
enum TextFeatures {
    /// Words that carry no event information; dropping them keeps TF-IDF about the event.
    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
        "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
        "that", "these", "those", "has", "have", "had", "will", "would", "could", "should", "may",
        "said", "says", "say", "after", "before", "over", "into", "than", "then", "their", "they",
        "he", "she", "his", "her", "we", "our", "you", "not", "no", "also", "which", "who", "whom",
        "about", "up", "down", "out", "more", "most", "new", "per", "cent", "percent", "year",
        "on", "company", "companies", "shares", "share", "stock", "inc", "corp", "ltd", "plc",
        "reported", "according", "statement", "thursday", "friday", "monday", "tuesday",
        "wednesday", "saturday", "sunday", "week", "today", "yesterday", "while", "so", "if",
        "all", "any", "some", "other", "such", "there", "when", "what", "where", "how", "can",
    ]

    /// Lowercased alphanumeric runs; apostrophes are dropped so "Acme's" and "Acme" agree.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A light suffix strip so "acquires", "acquired" and "acquire" share a term.
    ///
    /// A full stemmer is not needed: TF-IDF only has to see that rewrites share vocabulary.
    static func stem(_ word: String) -> String {
        guard word.count > 4, !word.allSatisfy({ $0.isNumber }) else { return word }
        for suffix in ["ing", "ed", "es", "s"] where word.hasSuffix(suffix) && word.count - suffix.count >= 4 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Content terms with counts; title terms count twice because headlines name the event.
    static func termCounts(title: String, text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in tokens(title) where !stopwords.contains(token) {
            counts[stem(token), default: 0] += 2
        }
        for token in tokens(text) where !stopwords.contains(token) {
            counts[stem(token), default: 0] += 1
        }
        return counts
    }

    /// 64-bit SimHash (Charikar) over word 3-shingles of title and text.
    ///
    /// Each shingle votes +1/-1 per bit of its stable hash; near-identical texts (syndicated
    /// copies with a changed byline) differ in only a few bits. Texts under three words fall
    /// back to single words so that a headline still gets a meaningful hash.
    static func simHash(title: String, text: String) -> UInt64 {
        let words = tokens(title + " " + text)
        guard !words.isEmpty else { return 0 }
        let size = words.count >= 3 ? 3 : 1
        var votes = [Int](repeating: 0, count: 64)
        for start in 0...(words.count - size) {
            let shingle = words[start..<(start + size)].joined(separator: " ")
            let hash = StableHash.mix(StableHash.fnv1a64(shingle))
            for bit in 0..<64 {
                votes[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    static func hamming(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
