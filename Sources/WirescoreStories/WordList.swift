import WirescoreCore

/// The words of a title and text as one byte buffer: ``StoryFeatures`` computed without a
/// String per word.
///
/// Words are lowercased alphanumeric runs (apostrophes dropped, so "Acme's" and "Acme" agree), each
/// a range of one lowercased byte buffer; the tests hold the features equal to plain String
/// definitions of the same rules. Story features are
/// computed for every article by the ingest workers, and the per-word Strings, Dictionary
/// lookups and stem Strings were 7% of ingest CPU in profiles.
struct WordList {
    private(set) var bytes: [UInt8] = []
    /// End offset of each word in `bytes` (a word starts where the previous one ended).
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    init() {}

    func word(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Appends the words of `text`: lowercased alphanumeric runs, apostrophes dropped. ASCII,
    /// nearly all of the text, is handled byte-wise; other scalars through Unicode properties and
    /// lower-case mapping.
    mutating func add(_ text: String) {
        bytes.reserveCapacity(bytes.count + text.utf8.count)
        var open = false
        func finish() { if open { ends.append(bytes.count); open = false } }
        var text = text
        text.withUTF8 { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    i += 1
                    switch b {
                    case 0x61...0x7A, 0x30...0x39: bytes.append(b); open = true
                    case 0x41...0x5A: bytes.append(b | 0x20); open = true
                    case 0x27: continue
                    default: finish()
                    }
                    continue
                }
                // A multi-byte scalar (the text is valid UTF-8: it is a String).
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length where i + k < u.count { value = value << 6 | UInt32(u[i + k] & 0x3F) }
                i += length
                if value == 0x2019 { continue }
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { finish(); continue }
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                open = true
            }
        }
        finish()
    }

    /// 64-bit SimHash (Charikar) over word 3-shingles.
    ///
    /// Each shingle votes +1/-1 per bit of its stable hash; near-identical texts (syndicated
    /// copies with a changed byline) differ in only a few bits. Texts under three words fall
    /// back to single words so that a headline still gets a meaningful hash. A shingle's hash is
    /// FNV-1a over "w1 w2 w3", fed word by word.
    func simHash() -> UInt64 {
        guard count > 0 else { return 0 }
        let size = count >= 3 ? 3 : 1
        var votes = [Int](repeating: 0, count: 64)
        for start in 0...(count - size) {
            var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in start..<(start + size) {
                if index > start { fnv = (fnv ^ 0x20) &* 0x0000_0100_0000_01B3 }
                for k in word(index) { fnv = (fnv ^ UInt64(bytes[k])) &* 0x0000_0100_0000_01B3 }
            }
            let hash = StableHash.mix(fnv)
            for bit in 0..<64 { votes[bit] &+= Int((hash >> UInt64(bit)) & 1) &* 2 &- 1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// Content terms (stopwords dropped, light stem) with counts, summed by term hash; the first
    /// `titleWords` words count twice, because headlines name the event.
    func termCounts(titleWords: Int) -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for i in 0..<count {
            let range = word(i)
            let weight = i < titleWords ? 2 : 1
            if range.contains(where: { bytes[$0] >= 0x80 }) {
                // Non-ASCII (rare): the String definitions, whose lengths count Characters.
                let token = String(decoding: bytes[range], as: UTF8.self)
                guard !TextFeatures.stopwords.contains(token) else { continue }
                counts[StoryTerm.hash(ofTermBytes: TextFeatures.stem(token).utf8), default: 0] += weight
                continue
            }
            guard !Self.isStopword(bytes[range]) else { continue }
            counts[StoryTerm.hash(ofTermBytes: bytes[Self.stem(range, in: bytes)]), default: 0] += weight
        }
        return counts
    }

    /// ``TextFeatures/stem(_:)`` for an ASCII word: the range without its suffix.
    static func stem(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        let n = range.count
        guard n > 4, !range.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) else { return range }
        func ends(with suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            for k in 0..<m where bytes[range.upperBound - m + k] != suffix.utf8Start[k] { return false }
            return true
        }
        for suffix: StaticString in ["ing", "ed", "es", "s"] where ends(with: suffix) && n - suffix.utf8CodeUnitCount >= 4 {
            return range.lowerBound..<(range.upperBound - suffix.utf8CodeUnitCount)
        }
        return range
    }

    /// Stopwords by their FNV-1a hash, with the bytes to confirm a hit.
    private static let stopwordsByHash: [UInt64: [[UInt8]]] = {
        var table: [UInt64: [[UInt8]]] = [:]
        for word in TextFeatures.stopwords { table[StableHash.fnv1a64(word), default: []].append(Array(word.utf8)) }
        return table
    }()

    static func isStopword(_ word: ArraySlice<UInt8>) -> Bool {
        guard let candidates = stopwordsByHash[StableHash.fnv1a64(bytes: word)] else { return false }
        return candidates.contains { $0.elementsEqual(word) }
    }
}
