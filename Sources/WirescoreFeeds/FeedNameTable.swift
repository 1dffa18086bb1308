/// A read-only lookup from short ASCII names (at most 24 bytes, compared case-insensitively)
/// to a canonical spelling and a set of flags, without creating a `String` per lookup.
///
/// Names are packed into three little-endian words and found by open addressing with a
/// multiplicative hash: the sanitiser looks up every tag and attribute name it meets, and
/// `Set<String>` lookups (a `String` plus SipHash per name) were a tenth of its time.
/// Immutable after `init`, hence `Sendable`.
struct FeedNameTable: Sendable {
    struct Entry: Sendable {
        var key: (UInt64, UInt64, UInt64)
        var name: String
        var flags: UInt16
    }

    private var slots: [Int32]
    private var entries: [Entry] = []
    private let mask: Int

    /// - Parameter names: canonical spelling and flags; flags of a repeated name are merged and
    ///   the first spelling wins.
    init(_ names: [(String, UInt16)]) {
        var size = 16
        while size < names.count * 4 { size <<= 1 }
        mask = size - 1
        slots = Array(repeating: -1, count: size)
        for (name, flags) in names {
            let bytes = Array(name.utf8)
            guard let key = bytes.withUnsafeBufferPointer({ Self.pack($0) }) else { continue }
            var i = Self.hash(key) & mask
            var merged = false
            while slots[i] >= 0 {
                let e = Int(slots[i])
                if entries[e].key == key { entries[e].flags |= flags; merged = true; break }
                i = (i + 1) & mask
            }
            if merged { continue }
            slots[i] = Int32(entries.count)
            entries.append(Entry(key: key, name: name, flags: flags))
        }
    }

    /// The entry for `bytes` (any case), or nil.
    @inline(__always) func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard let key = Self.pack(bytes) else { return nil }
        var i = Self.hash(key) & mask
        while true {
            let s = slots[i]
            if s < 0 { return nil }
            if entries[Int(s)].key == key { return entries[Int(s)] }
            i = (i + 1) & mask
        }
    }

    func lookup(_ name: String) -> Entry? {
        var name = name
        return name.withUTF8 { lookup($0) }
    }

    @inline(__always) static func pack(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64)? {
        guard b.count > 0, b.count <= 24 else { return nil }
        var w: (UInt64, UInt64, UInt64) = (0, 0, 0)
        for i in 0..<b.count {
            var c = b[i]
            if c >= 65 && c <= 90 { c |= 0x20 }
            let v = UInt64(c) << UInt64((i & 7) * 8)
            switch i >> 3 {
            case 0: w.0 |= v
            case 1: w.1 |= v
            default: w.2 |= v
            }
        }
        return w
    }

    @inline(__always) static func hash(_ k: (UInt64, UInt64, UInt64)) -> Int {
        let h = (k.0 &* 0x9E37_79B9_7F4A_7C15) ^ (k.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (k.2 &* 0x1656_67B1_9E37_79F9)
        return Int(truncatingIfNeeded: (h ^ (h >> 29)) >> 7)
    }
}
