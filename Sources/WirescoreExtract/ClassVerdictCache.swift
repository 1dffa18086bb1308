/// Remembers the verdict for each distinct class/id value seen on a page.
///
/// Pages repeat a few hundred class strings over thousands of elements; tokenising and
/// prefix-matching each occurrence was the extractor's largest cost. Values are keyed by a 64-bit
/// FNV-1a hash of their bytes (plus length), so a lookup allocates nothing, and the table is a
/// small open-addressing array indexed by that hash (a `Dictionary` would hash the hash again).
/// A collision would only give an element another class's verdict; at 64 bits over a page's few
/// thousand values it does not happen in practice. One cache serves one page on one thread.
struct ClassVerdictCache {
    static let strong: UInt8 = 1, weak: UInt8 = 2, positive: UInt8 = 4, hard: UInt8 = 8
    /// The value holds a class CSS frameworks hide (``MainTextExtractor/hasHidingClass(_:)``):
    /// cached with the verdict so each element's class value is hashed and looked up once.
    static let hiding: UInt8 = 16
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var values = [UInt8](repeating: 0, count: 1024)
    private var used = 0

    /// The key a value is cached under; also a cheap identity for "elements with this class".
    static func key(_ value: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in value { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let k = h ^ UInt64(value.count) &* 0x9E37_79B9_7F4A_7C15
        return k == 0 ? 1 : k
    }

    mutating func verdict(_ value: ArraySlice<UInt8>, compute: (ArraySlice<UInt8>) -> UInt8) -> UInt8 {
        let h = Self.key(value)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        while keys[i] != 0 {
            if keys[i] == h { return values[i] }
            i = (i + 1) & mask
        }
        let v = compute(value)
        keys[i] = h
        values[i] = v
        used += 1
        if used * 4 > keys.count * 3 { grow() }
        return v
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt8](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            var i = Int(truncatingIfNeeded: k >> 20) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}
