/// The one hash every word table and the tokenizer agree on: the bytes read eight at a time as
/// little-endian words (the last one zero-padded), each folded in with a multiply and a shift.
///
/// Per-byte FNV-1a was a serial multiply per byte inside the tokenizer's word loop (the largest
/// self time of `inspect text`); a word of up to eight bytes now costs one load and two multiplies.
/// The keys are fixed word lists, so a seeded hash buys nothing here; a collision costs a probe,
/// never a wrong answer (keys are compared byte for byte). ``of(_:)-(UnsafeBufferPointer<UInt8>)``
/// and ``of(padded:count:)`` give the same value for the same bytes.
public enum WordHash {
    @usableFromInline static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Folds one 8-byte word into the running hash.
    @inlinable @inline(__always) static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* multiplier
        return x ^ (x >> 32)
    }

    /// Mixes the high bits into the low 32 (the filter and slot index use the low bits).
    @inlinable @inline(__always) static func finish(_ h: UInt64) -> UInt32 {
        var x = h ^ (h >> 29)
        x = x &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: x ^ (x >> 32))
    }

    /// The hash of `count` bytes at `p`, where the eight bytes from every offset below `count` are
    /// readable (the tokenizer's lowercase buffer keeps eight bytes of slack); bytes past `count`
    /// are read but masked out.
    @inlinable @inline(__always)
    public static func of(padded p: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        let raw = UnsafeRawPointer(p)
        var h = UInt64(truncatingIfNeeded: count) &* multiplier
        var i = 0
        while i + 8 <= count {
            h = step(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        let rest = count - i
        if rest > 0 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = step(h, word & (UInt64.max >> UInt64(64 - 8 * rest)))
        }
        return finish(h)
    }

    /// The hash of `bytes` (reads nothing past them).
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        var i = 0
        while i < bytes.count {
            var word: UInt64 = 0
            for k in 0..<min(8, bytes.count - i) { word |= UInt64(bytes[i + k]) << UInt64(8 * k) }
            h = step(h, word)
            i += 8
        }
        return finish(h)
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
    /// One bit per value of the hash's low bits that some key has: most tokens of a text are in
    /// no table, and this filter turns their probe into one bit test. Up to 8 KB (16 hash bits)
    /// for large tables, 128 bytes for small ones: the tokenizer and matcher probe several small
    /// sets per token, and 8 KB filters for each crowded the L1 cache in profiles.
    @usableFromInline var filter: [UInt64]
    /// `filter.count - 1` (a power of two).
    @usableFromInline var filterMask: Int

    /// Filter words for `cap` slots: four bits per slot, between 16 and 1024 words.
    static func filterWords(_ cap: Int) -> Int { min(1024, max(16, cap / 16)) }

    /// The keys in index order.
    public private(set) var count = 0

    /// Indexes `keys` in order; a repeated key keeps its first index.
    public init(_ keys: some Sequence<String>) {
        let list = Array(keys)
        var cap = 16
        while cap < list.count * 2 { cap <<= 1 }
        mask = cap - 1
        slots = [UInt64](repeating: 0, count: cap)
        filter = [UInt64](repeating: 0, count: Self.filterWords(cap))
        filterMask = filter.count - 1
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
        filter[Int(h >> 6) & filterMask] |= 1 << (h & 63)
    }

    private mutating func grow() {
        let cap = slots.count * 2
        mask = cap - 1
        slots = [UInt64](repeating: 0, count: cap)
        filter = [UInt64](repeating: 0, count: Self.filterWords(cap))
        filterMask = filter.count - 1
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
        filter.withUnsafeBufferPointer { $0[Int(h >> 6) & filterMask] & (1 << UInt64(h & 63)) != 0 }
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
