/// The headline featurizer of the event-topic model, byte for byte as
/// Sources/WirescoreEvents/Data/event-topics.md specifies (and scripts/events/featurize.py
/// implements for training): ASCII-lowercased UTF-8 bytes, URL chunks dropped, tokens of
/// `[a-z0-9]` runs and `$cashtags` with digits read as 0, then unigram, bigram and optional
/// character n-gram features hashed with FNV-1a 64 into `bits` bits, as a set.
struct TopicFeatures: Sendable {
    let bits: Int
    let bigrams: Bool
    let chargrams: [Int]

    /// The distinct feature ids of `text`, ascending (the reference featurizer's form).
    func ids(_ text: String) -> [UInt32] {
        var ids = rawIDs(text)
        ids.sort()
        var unique: [UInt32] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        return unique
    }

    /// The feature ids of `text` in the order they are made, repeats included. Hashes are
    /// computed over the bytes in place (no feature string is built): this runs for every
    /// headline.
    func rawIDs(_ text: String) -> [UInt32] {
        let (bytes, tokens) = Self.tokenRanges(text)
        let mask = (UInt64(1) << UInt64(bits)) - 1
        var ids: [UInt32] = []
        ids.reserveCapacity(tokens.count * (1 + (bigrams ? 1 : 0) + chargrams.count * 6))
        let offset: UInt64 = 0xcbf29ce484222325, prime: UInt64 = 0x100000001b3
        @inline(__always) func mix(_ h: inout UInt64, _ byte: UInt8) { h = (h ^ UInt64(byte)) &* prime }
        @inline(__always) func mix(_ h: inout UInt64, _ range: Range<Int>) { for i in range { mix(&h, bytes[i]) } }
        for t in tokens {
            var h = offset
            mix(&h, 0x75); mix(&h, 0x3A)   // "u:"
            mix(&h, t)
            ids.append(UInt32(truncatingIfNeeded: h & mask))
        }
        if bigrams, tokens.count > 1 {
            for k in 0..<(tokens.count - 1) {
                var h = offset
                mix(&h, 0x62); mix(&h, 0x3A)   // "b:"
                mix(&h, tokens[k]); mix(&h, 0x20); mix(&h, tokens[k + 1])
                ids.append(UInt32(truncatingIfNeeded: h & mask))
            }
        }
        for n in chargrams {
            for t in tokens {
                // Windows of n over "<" + token + ">", positions -1...count.
                let padded = t.count + 2
                guard padded >= n else { continue }
                for start in 0...(padded - n) {
                    var h = offset
                    mix(&h, 0x63); mix(&h, 0x3A)   // "c:"
                    for p in start..<(start + n) {
                        mix(&h, p == 0 ? 0x3C : p == padded - 1 ? 0x3E : bytes[t.lowerBound + p - 1])
                    }
                    ids.append(UInt32(truncatingIfNeeded: h & mask))
                }
            }
        }
        return ids
    }

    /// The normalised bytes (ASCII lowercased, digits read as 0) and the token ranges in them
    /// (a cashtag's range starts at its `$`).
    static func tokenRanges(_ text: String) -> ([UInt8], [Range<Int>]) {
        let bytes = text.utf8.map { b -> UInt8 in
            if b >= 0x41 && b <= 0x5A { return b + 0x20 }
            if b >= 0x30 && b <= 0x39 { return 0x30 }
            return b
        }
        var tokens: [Range<Int>] = []
        var i = 0
        let n = bytes.count
        while i < n {
            while i < n && isSpace(bytes[i]) { i += 1 }
            var j = i
            while j < n && !isSpace(bytes[j]) { j += 1 }
            let isURL = j - i >= 7 && bytes[i] == 0x68 && bytes[i + 1] == 0x74 && bytes[i + 2] == 0x74 && bytes[i + 3] == 0x70
                && ((bytes[i + 4] == 0x3A && bytes[i + 5] == 0x2F && bytes[i + 6] == 0x2F)
                    || (j - i >= 8 && bytes[i + 4] == 0x73 && bytes[i + 5] == 0x3A && bytes[i + 6] == 0x2F && bytes[i + 7] == 0x2F))
            if j > i, !isURL {
                var k = i
                while k < j {
                    let x = bytes[k]
                    if isAlnum(x) {
                        var e = k
                        while e < j && isAlnum(bytes[e]) { e += 1 }
                        tokens.append(k..<e)
                        k = e
                    } else if x == 0x24, k + 1 < j, isAlpha(bytes[k + 1]) {
                        var e = k + 1
                        while e < j && isAlnum(bytes[e]) { e += 1 }
                        tokens.append(k..<e)
                        k = e
                    } else {
                        k += 1
                    }
                }
            }
            i = j
        }
        return (bytes, tokens)
    }

    /// The tokens as byte strings (for tests against the reference featurizer).
    static func tokens(_ text: String) -> [[UInt8]] {
        let (bytes, ranges) = tokenRanges(text)
        return ranges.map { Array(bytes[$0]) }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isAlpha(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }
}
