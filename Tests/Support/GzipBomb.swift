/// Builds gzip "bombs": tiny bodies that inflate to mebibytes of zeros, for proving that a
/// client's decompressed-size cap holds.
///
/// How, without a compressor: `UNIT` below is what zlib (level 9, raw DEFLATE) emits for
/// 1 MiB of zero bytes followed by a full flush. A full flush ends byte-aligned and resets the
/// window, so the unit can be repeated: `n` units inflate to `n` MiB. An empty final stored
/// block, the CRC-32 and the length close the member. One unit is 1,037 bytes, so
/// `member(mebibytes: 1)` is a 1 KB body that inflates 1,011-fold. Pure; thread-safe.
public enum GzipBomb {
    /// The compressed size of one MiB of zeros.
    public static var unitSize: Int { unit.count }

    /// A complete gzip member that inflates to `mebibytes` MiB of zero bytes.
    public static func member(mebibytes: Int) -> [UInt8] {
        let count = max(1, mebibytes)
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xFF]
        out.reserveCapacity(out.count + unit.count * count + 13)
        for _ in 0..<count { out.append(contentsOf: unit) }
        out.append(contentsOf: [0x01, 0x00, 0x00, 0xFF, 0xFF])   // final, empty stored block
        let inflated = UInt32(truncatingIfNeeded: count << 20)
        let crc = crcOfZeros(count << 20)
        for value in [crc, inflated] {
            out.append(contentsOf: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF),
                                    UInt8((value >> 16) & 0xFF), UInt8(value >> 24)])
        }
        return out
    }

    /// zlib's raw DEFLATE of 1 MiB of zeros plus a full flush (see the type's discussion).
    private static let unit: [UInt8] = [0xEC, 0xC1, 0x31, 0x01, 0x00, 0x00, 0x00, 0xC2, 0xA0, 0xF5, 0x4F,
                                        0x6D, 0x08, 0x5F, 0xA0]
        + [UInt8](repeating: 0, count: 1016) + [0x3E, 0x03, 0x00, 0x00, 0xFF, 0xFF]

    /// CRC-32 of `count` zero bytes (1 MiB of zeros is 0xA738EA1C, checked in tests).
    static func crcOfZeros(_ count: Int) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for _ in 0..<count { crc = zeroTable[Int(crc & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    private static let zeroTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1) }
        return value
    }
}
