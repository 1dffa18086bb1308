/// Stable, platform-independent hashes for ids and shard assignment.
///
/// Swift's `Hasher` is seeded per process, so it cannot name an article across runs.
/// FNV-1a is tiny, fast and fixed forever; two independent 64-bit lanes give a 128-bit id whose
/// collision odds are negligible at any news volume.
public enum StableHash {
    /// 64-bit FNV-1a of the UTF-8 bytes of `s`, with an optional distinct offset basis.
    public static func fnv1a64(_ s: String, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = basis
        for byte in s.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// 32 lowercase hex digits: two FNV-1a lanes with different bases.
    public static func hex128(_ s: String) -> String {
        hex(fnv1a64(s)) + hex(fnv1a64(s, basis: 0x6c62_272e_07bb_0142))
    }

    /// 16 lowercase hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
