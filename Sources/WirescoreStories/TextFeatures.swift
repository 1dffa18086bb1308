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
        var wordHashes: [UInt64] = []
        terms = StoryTerm.top(words.termList(titleWords: titleCount, wordHashes: &wordHashes), limit: Self.maxTerms)
        simhash = words.simHash(wordHashes: wordHashes)
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
        UInt32(truncatingIfNeeded: StableHash.mix(StableHash.fnv1a64(bytes: bytes)))
    }

    /// The `limit` most frequent terms of counts summed by term hash (ties by hash), ascending by hash.
    static func top(byHash: [UInt32: Int], limit: Int) -> [StoryTerm] {
        top(byHash.map { ($0.key, $0.value) }, limit: limit)
    }

    /// ``top(byHash:limit:)`` over (hash, count) pairs with distinct hashes, in any order.
    static func top(_ pairs: [(hash: UInt32, count: Int)], limit: Int) -> [StoryTerm] {
        // Sorted as single integers (hashes are distinct, so the order is total and the same as
        // sorting the pairs): count first, then the lower hash, packed in one UInt64 for the
        // cut; hash then count for the final order. A tuple comparator closure was a tenth of
        // the story features' time.
        var keys = pairs.map { UInt64(UInt16(clamping: $0.count)) << 32 | UInt64(UInt32.max - $0.hash) }
        if keys.count > limit {
            // Only which keys make the cut matters here (they are sorted by hash below): a
            // selection finds them in linear time, where sorting every term of a long article
            // was a tenth of the story features' time in profiles.
            TopSelection.moveLargest(limit, toFrontOf: &keys)
            keys.removeLast(keys.count - limit)
        }
        var byHash = keys.map { UInt64(UInt32.max - UInt32(truncatingIfNeeded: $0)) << 16 | ($0 >> 32) }
        byHash.sort()
        return byHash.map { StoryTerm(hash: UInt32(truncatingIfNeeded: $0 >> 16), count: UInt16(truncatingIfNeeded: $0)) }
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

/// The word-level rules behind ``StoryFeatures`` that ``WordList`` applies: stopwords, the
/// light stem, and the SimHash distance.
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

    static func hamming(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
