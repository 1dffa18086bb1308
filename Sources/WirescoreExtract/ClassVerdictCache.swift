/// Remembers the verdict for each distinct class/id value seen on a page.
///
/// Pages repeat a few hundred class strings over thousands of elements; tokenising and
/// prefix-matching each occurrence was the extractor's largest cost. Values are keyed by a 64-bit
/// FNV-1a hash of their bytes (plus length), so a lookup allocates nothing. A collision would
/// only give an element another class's verdict; at 64 bits over a page's few hundred values it
/// does not happen in practice. One cache serves one page on one thread.
struct ClassVerdictCache {
    static let strong: UInt8 = 1, weak: UInt8 = 2, positive: UInt8 = 4, hard: UInt8 = 8
    private var table: [UInt64: UInt8] = [:]

    /// The key a value is cached under; also a cheap identity for "elements with this class".
    static func key(_ value: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in value { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ UInt64(value.count) &* 0x9E37_79B9_7F4A_7C15
    }

    mutating func verdict(_ value: ArraySlice<UInt8>, compute: (ArraySlice<UInt8>) -> UInt8) -> UInt8 {
        let h = Self.key(value)
        if let v = table[h] { return v }
        let v = compute(value)
        table[h] = v
        return v
    }
}
