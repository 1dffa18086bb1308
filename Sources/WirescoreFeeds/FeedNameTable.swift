import WirescoreCore

/// A read-only lookup from short ASCII names (at most 24 bytes, compared case-insensitively)
/// to a canonical spelling, a set of flags and a sort rank, without creating a `String` or
/// touching a reference count per lookup.
///
/// Names are packed into three little-endian words and found by open addressing with a
/// multiplicative hash: the sanitiser looks up every tag and attribute name it meets, and
/// `Set<String>` lookups (a `String` plus SipHash per name) were a tenth of its time. The slots
/// and the canonical spellings live in storage allocated once and never freed (the tables are
/// process-wide constants), so a lookup returns plain values: with `Array` storage every lookup
/// retained and released the arrays and the `String` it handed back.
///
/// `rank` is the position of the canonical spelling in byte order among all names of the table,
/// so callers sort names by comparing integers. Immutable after `init`, hence `Sendable`.
struct FeedNameTable: @unchecked Sendable {
    /// What a lookup finds: plain values pointing into the table's immortal storage.
    struct Entry: @unchecked Sendable {
        var flags: UInt16
        var rank: UInt16
        /// The canonical spelling's UTF-8 bytes.
        var name: UnsafeBufferPointer<UInt8>

        /// The canonical spelling as a `String` (for tests and diagnostics, not the hot path).
        var string: String { String(decoding: name, as: UTF8.self) }
    }

    private struct Slot {
        var k0: UInt64, k1: UInt64, k2: UInt64
        var flags: UInt16
        var rank: UInt16
        var nameOffset: UInt32
        var nameLength: UInt32
        var used: Bool
    }

    private let slots: UnsafeMutablePointer<Slot>
    private let pool: UnsafeMutablePointer<UInt8>
    private let mask: Int
    /// Number of distinct names.
    let count: Int

    /// - Parameter names: canonical spelling and flags; flags of a repeated name are merged and
    ///   the first spelling wins. Names longer than 24 bytes are ignored.
    init(_ names: [(String, UInt16)]) {
        // Merge repeats (case-insensitively), keeping the first spelling.
        var order: [[UInt8]] = []
        var merged: [[UInt8]: (spelling: [UInt8], flags: UInt16)] = [:]
        for (name, flags) in names {
            let bytes = Array(name.utf8)
            guard !bytes.isEmpty, bytes.count <= 24 else { continue }
            let folded = bytes.map(\.asciiLowercased)
            if let found = merged[folded] {
                merged[folded] = (found.spelling, found.flags | flags)
            } else {
                merged[folded] = (bytes, flags)
                order.append(folded)
            }
        }
        let spellings = order.map { merged[$0]!.spelling }
        let sorted = spellings.sorted { $0.lexicographicallyPrecedes($1) }
        var rankOf: [[UInt8]: Int] = [:]
        for (r, s) in sorted.enumerated() { rankOf[s] = r }

        var size = 16
        while size < order.count * 4 { size <<= 1 }
        mask = size - 1
        count = order.count
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(k0: 0, k1: 0, k2: 0, flags: 0, rank: 0, nameOffset: 0, nameLength: 0, used: false),
                         count: size)
        let poolSize = spellings.reduce(0) { $0 + $1.count }
        pool = .allocate(capacity: max(poolSize, 1))
        var offset = 0
        for folded in order {
            guard let entry = merged[folded] else { continue }
            let packed: (UInt64, UInt64, UInt64)? = folded.withUnsafeBufferPointer { Self.pack($0) }
            guard let key = packed else { continue }
            for (k, b) in entry.spelling.enumerated() { pool[offset + k] = b }
            var i = Self.hash(key) & mask
            while slots[i].used { i = (i + 1) & mask }
            slots[i] = Slot(k0: key.0, k1: key.1, k2: key.2, flags: entry.flags,
                            rank: UInt16(truncatingIfNeeded: rankOf[entry.spelling] ?? 0),
                            nameOffset: UInt32(offset), nameLength: UInt32(entry.spelling.count), used: true)
            offset += entry.spelling.count
        }
    }

    /// The entry for `bytes` (any case), or nil.
    @inline(__always) func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard let key = Self.pack(bytes) else { return nil }
        return lookup(packed: key)
    }

    /// The entry for a name already packed by ``pack(_:)`` (lowercase bytes, 8 a word).
    @inline(__always) func lookup(packed key: (UInt64, UInt64, UInt64)) -> Entry? {
        var i = Self.hash(key) & mask
        while true {
            let s = slots[i]
            if !s.used { return nil }
            if s.k0 == key.0 && s.k1 == key.1 && s.k2 == key.2 {
                return Entry(flags: s.flags, rank: s.rank,
                             name: UnsafeBufferPointer(start: pool + Int(s.nameOffset), count: Int(s.nameLength)))
            }
            i = (i + 1) & mask
        }
    }

    func lookup(_ name: String) -> Entry? {
        var name = name
        return name.withUTF8 { lookup($0) }
    }

    /// Up to 24 bytes as three little-endian words, ASCII letters lowercased; nil when empty or
    /// longer. Whole words are loaded and lowercased eight bytes at a time (tag and attribute
    /// names are looked up for every tag the sanitiser meets).
    @inline(__always) static func pack(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64)? {
        guard let base = b.baseAddress, b.count > 0, b.count <= 24 else { return nil }
        let n = b.count
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            let len = n - offset
            if len <= 0 { return 0 }
            var v: UInt64 = 0
            if len >= 8 {
                v = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            } else {
                for k in 0..<len { v |= UInt64(base[offset + k]) << UInt64(k * 8) }
            }
            return lowercasedASCII(v)
        }
        return (word(0), word(8), word(16))
    }

    /// `v` with each byte in `A`...`Z` ORed with 0x20 (SWAR: bytes >= 'A' and <= 'Z', high bit clear).
    @inline(__always) static func lowercasedASCII(_ v: UInt64) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = v & ~highs
        let geA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F      // high bit set where byte >= 0x41
        let gtZ = low7 &+ 0x2525_2525_2525_2525      // high bit set where byte >= 0x5B
        let upper = geA & ~gtZ & ~v & highs
        return v | (upper >> 2)
    }

    @inline(__always) static func hash(_ k: (UInt64, UInt64, UInt64)) -> Int {
        let h = (k.0 &* 0x9E37_79B9_7F4A_7C15) ^ (k.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (k.2 &* 0x1656_67B1_9E37_79F9)
        return Int(truncatingIfNeeded: (h ^ (h >> 29)) >> 7)
    }
}
