/// The headline featurizer of the event-topic model, byte for byte as
/// Sources/WirescoreEvents/Data/event-topics.md specifies (and scripts/events/featurize.py
/// implements for training): ASCII-lowercased UTF-8 bytes, URL chunks dropped, tokens of
/// `[a-z0-9]` runs and `$cashtags` with digits read as 0, then unigram, bigram and optional
/// character n-gram features hashed with FNV-1a 64 into `bits` bits, as a set.
struct TopicFeatures: Sendable {
    let bits: Int
    let bigrams: Bool
    let chargrams: [Int]

    /// The distinct feature ids of `text`, ascending.
    func ids(_ text: String) -> [UInt32] {
        let tokens = Self.tokens(text)
        let mask = (UInt64(1) << UInt64(bits)) - 1
        var ids = Set<UInt32>()
        func add(_ prefix: StaticString, _ parts: [UInt8]...) {
            var h: UInt64 = 0xcbf29ce484222325
            func mix(_ byte: UInt8) { h ^= UInt64(byte); h = h &* 0x100000001b3 }
            prefix.withUTF8Buffer { for b in $0 { mix(b) } }
            for (index, part) in parts.enumerated() {
                if index > 0 { mix(0x20) }
                for b in part { mix(b) }
            }
            ids.insert(UInt32(truncatingIfNeeded: h & mask))
        }
        for t in tokens { add("u:", t) }
        if bigrams, tokens.count > 1 {
            for k in 0..<(tokens.count - 1) { add("b:", tokens[k], tokens[k + 1]) }
        }
        for n in chargrams {
            for t in tokens {
                let padded: [UInt8] = [0x3C] + t + [0x3E]
                guard padded.count >= n else { continue }
                for k in 0...(padded.count - n) { add("c:", Array(padded[k..<(k + n)])) }
            }
        }
        return ids.sorted()
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isAlpha(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }

    static func tokens(_ text: String) -> [[UInt8]] {
        let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var tokens: [[UInt8]] = []
        var i = 0
        let n = bytes.count
        func digitsToZero(_ run: ArraySlice<UInt8>) -> [UInt8] { run.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 } }
        while i < n {
            while i < n && isSpace(bytes[i]) { i += 1 }
            var j = i
            while j < n && !isSpace(bytes[j]) { j += 1 }
            let chunk = bytes[i..<j]
            let isURL = chunk.starts(with: Array("http://".utf8)) || chunk.starts(with: Array("https://".utf8))
            if j > i, !isURL {
                var k = i
                while k < j {
                    let x = bytes[k]
                    if isAlnum(x) {
                        var e = k
                        while e < j && isAlnum(bytes[e]) { e += 1 }
                        tokens.append(digitsToZero(bytes[k..<e]))
                        k = e
                    } else if x == 0x24, k + 1 < j, isAlpha(bytes[k + 1]) {
                        var e = k + 1
                        while e < j && isAlnum(bytes[e]) { e += 1 }
                        tokens.append([0x24] + digitsToZero(bytes[(k + 1)..<e]))
                        k = e
                    } else {
                        k += 1
                    }
                }
            }
            i = j
        }
        return tokens
    }
}
