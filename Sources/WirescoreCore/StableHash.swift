/// Stable, platform-independent hashes for ids and shard assignment.
///
/// Swift's `Hasher` is seeded per process, so it cannot name an article across runs.
/// FNV-1a is tiny, fast and fixed forever; two independent 64-bit lanes give a 128-bit id whose
/// collision odds are negligible at any news volume.
public enum StableHash {
    /// 64-bit FNV-1a of the UTF-8 bytes of `s`, with an optional distinct offset basis.
    public static func fnv1a64(_ s: String, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        fnv1a64(bytes: s.utf8, basis: basis)
    }

    /// ``fnv1a64(_:basis:)`` over bytes already at hand (a word inside a larger buffer).
    @inlinable public static func fnv1a64(bytes: some Sequence<UInt8>, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// 32 lowercase hex digits: two FNV-1a lanes with different bases, each passed through a
    /// finaliser so that near-identical URLs (`/a1`, `/a2`) get unrelated ids.
    public static func hex128(_ s: String) -> String {
        hex(mix(fnv1a64(s))) + hex(mix(fnv1a64(s, basis: 0x6c62_272e_07bb_0142)))
    }

    /// A 64-bit finaliser (MurmurHash3's fmix64): every input bit affects every output bit.
    public static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// 16 lowercase hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
