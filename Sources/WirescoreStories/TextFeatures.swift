import Foundation
import WirescoreCore

/// What story matching needs to know about one article's words, computed once per article.
///
/// Computed by whoever builds the ``StoryInput`` (the pipeline's parallel article workers), so
/// the index itself, which must run in one task, only compares features. The snapshot stores
/// these compact features (64-bit hash and term counts), never whole texts.
public struct StoryFeatures: Sendable, Equatable {
    /// 64-bit SimHash over word 3-shingles of title and text.
    public var simhash: UInt64
    /// The article's most frequent content terms (title words count twice), hashed, ascending
    /// by hash; at most ``maxTerms`` of them, so an index of thousands of long articles stays
    /// small in memory and in its snapshot.
    public var terms: [StoryTerm]

    /// Rewrites of one event share their frequent words; the long tail adds memory, not signal.
    public static let maxTerms = 128

    public init(title: String, text: String) {
        var words = WordList()
        words.add(title)
        let titleCount = words.count
        words.add(text)
        simhash = words.simHash()
        terms = StoryTerm.top(byHash: words.termCounts(titleWords: titleCount), limit: Self.maxTerms)
    }

    public init(simhash: UInt64, terms: [StoryTerm]) {
        self.simhash = simhash
        self.terms = terms
    }
}

/// One content term: a stable 32-bit hash of its stem and how often it occurs.
///
/// Hashes instead of strings keep each remembered article to six bytes a term; a collision
/// between two of the vocabulary's terms only merges them, a negligible change to a cosine.
public struct StoryTerm: Sendable, Equatable, Hashable {
    public var hash: UInt32
    public var count: UInt16

    public init(hash: UInt32, count: UInt16) {
        self.hash = hash
        self.count = count
    }

    /// The 32-bit term hash of a term's UTF-8 bytes.
    static func hash(ofTermBytes bytes: some Sequence<UInt8>) -> UInt32 {
        var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return UInt32(truncatingIfNeeded: StableHash.mix(fnv))
    }

    /// Hashes the counted terms and keeps the `limit` most frequent (ties by hash), ascending by hash.
    static func top(_ counts: [String: Int], limit: Int) -> [StoryTerm] {
        var byHash: [UInt32: Int] = [:]
        for (term, count) in counts { byHash[hash(ofTermBytes: term.utf8), default: 0] += count }
        return top(byHash: byHash, limit: limit)
    }

    /// ``top(_:limit:)`` for counts already summed by term hash.
    static func top(byHash: [UInt32: Int], limit: Int) -> [StoryTerm] {
        var terms = byHash.map { StoryTerm(hash: $0.key, count: UInt16(clamping: $0.value)) }
        if terms.count > limit {
            terms.sort { ($0.count, $1.hash) > ($1.count, $0.hash) }
            terms.removeLast(terms.count - limit)
        }
        terms.sort { $0.hash < $1.hash }
        return terms
    }

    /// Little-endian (hash, count) pairs in base64: the snapshot's compact form.
    static func pack(_ terms: [StoryTerm]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(terms.count * 6)
        for term in terms {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: term.hash >> UInt32(shift))) }
            bytes.append(UInt8(truncatingIfNeeded: term.count))
            bytes.append(UInt8(truncatingIfNeeded: term.count >> 8))
        }
        return Data(bytes).base64EncodedString()
    }

    /// The inverse of ``pack(_:)``; nil when the text is not a whole number of pairs.
    static func unpack(_ text: String) -> [StoryTerm]? {
        guard let data = Data(base64Encoded: text), data.count % 6 == 0 else { return nil }
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: 6).map { i in
            let hash = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            return StoryTerm(hash: hash, count: UInt16(bytes[i + 4]) | UInt16(bytes[i + 5]) << 8)
        }
    }
}

/// Tokens, SimHash and term counts: the word-level primitives behind ``StoryFeatures``.
///
/// These String forms are the reference definitions; ``WordList`` computes the same features
/// from bytes (tests hold the two equal).
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
    static func termCounts(titleWords: [String], textWords: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var stems: [String: String] = [:]
        func add(_ token: String, _ weight: Int) {
            guard !stopwords.contains(token) else { return }
            let term: String
            if let known = stems[token] { term = known } else { term = stem(token); stems[token] = term }
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

    static func hamming(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
