/// FNV-1a over UTF-8 bytes: the one hash every word table and the tokenizer agree on.
///
/// The keys are fixed word lists, so a seeded hash buys nothing here; a collision costs a probe,
/// never a wrong answer (keys are compared byte for byte).
public enum WordHash {
    public static let seed: UInt32 = 2_166_136_261
    @inline(__always) public static func step(_ h: UInt32, _ b: UInt8) -> UInt32 { (h ^ UInt32(b)) &* 16_777_619 }
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return h
    }
    public static func of(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { of($0) }
    }
}

/// A fixed set of byte strings, each with a dense index, probed by precomputed hash plus bytes.
///
/// Built once from word lists; lookups take a token's hash and its bytes, so no String is made
/// per token. The slot array holds hash and index together (one cache line per probe), and a
/// probe compares bytes only when the full 32-bit hash matches. Immutable and `Sendable`.
public struct WordIndex: Sendable {
    private var blob: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Per slot: hash in the high 32 bits, key index + 1 in the low 32 bits (0 = empty).
    private var slots: [UInt64]
    private var mask: Int
    /// One bit per value of the hash's low 16 bits that some key has: most tokens of a text are
    /// in no table, and this 8 KB filter turns their probe into one bit test.
    @usableFromInline var filter = [UInt64](repeating: 0, count: 1024)

    /// The keys in index order.
    public private(set) var count = 0

    /// Indexes `keys` in order; a repeated key keeps its first index.
    public init(_ keys: some Sequence<String>) {
        let list = Array(keys)
        var cap = 16
        while cap < list.count * 2 { cap <<= 1 }
        mask = cap - 1
        slots = [UInt64](repeating: 0, count: cap)
        for k in list { _ = insert(k) }
    }

    /// Adds `key` if absent; returns its index either way.
    @discardableResult
    public mutating func insert(_ key: String) -> Int {
        if let i = index(of: key) { return i }
        if (count + 1) * 2 > slots.count { grow() }
        let i = count
        blob.append(contentsOf: key.utf8)
        offsets.append(blob.count)
        count += 1
        place(WordHash.of(key), i)
        return i
    }

    private mutating func place(_ h: UInt32, _ i: Int) {
        var s = Int(h ^ (h >> 16)) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = UInt64(h) << 32 | UInt64(i + 1)
        filter[Int(h & 0xFFFF) >> 6] |= 1 << (h & 63)
    }

    private mutating func grow() {
        let cap = slots.count * 2
        mask = cap - 1
        slots = [UInt64](repeating: 0, count: cap)
        for i in 0..<count {
            let h = blob.withUnsafeBufferPointer { WordHash.of(UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]])) }
            place(h, i)
        }
    }

    /// The key at index `i`.
    public func key(_ i: Int) -> String {
        String(decoding: blob[offsets[i]..<offsets[i + 1]], as: UTF8.self)
    }

    /// False when no key has hash `h` (most words of a text); inlinable so that callers in other
    /// modules pay one bit test, not a call, for them.
    @inlinable public func mayContain(hash h: UInt32) -> Bool {
        filter.withUnsafeBufferPointer { $0[Int(h & 0xFFFF) >> 6] & (1 << UInt64(h & 63)) != 0 }
    }

    /// The index of `bytes` (whose hash is `h`), or nil.
    public func index(hash h: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard mayContain(hash: h) else { return nil }
        var s = Int(h ^ (h >> 16)) & mask
        return slots.withUnsafeBufferPointer { sl in
            while true {
                let e = sl[s]
                if e == 0 { return nil }
                if UInt32(truncatingIfNeeded: e >> 32) == h {
                    let i = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
                    let a = offsets[i], b = offsets[i + 1]
                    if b - a == bytes.count, blob.withUnsafeBufferPointer({ bl in
                        var k = 0
                        while k < bytes.count, bl[a + k] == bytes[k] { k += 1 }
                        return k == bytes.count
                    }) { return i }
                }
                s = (s + 1) & mask
            }
        }
    }

    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { index(hash: WordHash.of($0), $0) }
    }

    /// The index of token `k` of `text`, or nil.
    @inline(__always)
    public func index(_ text: Tokenizer.Result, _ k: Int) -> Int? {
        let t = text.tokens[k]
        return text.lowerBytes.withUnsafeBufferPointer {
            index(hash: t.hash, UnsafeBufferPointer(rebasing: $0[t.lowerStart..<(t.lowerStart + Int(t.lowerCount))]))
        }
    }

    public func contains(_ text: Tokenizer.Result, _ k: Int) -> Bool { index(text, k) != nil }
}
