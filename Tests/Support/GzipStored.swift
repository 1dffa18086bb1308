/// Builds gzip members without a compressor, for serving `Content-Encoding: gzip` in tests.
///
/// Why stored blocks: the test-support target links no zlib; a gzip member whose DEFLATE
/// stream uses only stored (uncompressed) blocks is valid gzip that any decoder must accept,
/// and still exercises the client's decoding path (header, block framing, CRC-32, ISIZE).
/// Pure functions; thread-safe.
public enum GzipStored {
    /// A complete single-member gzip file containing `data`.
    public static func encode(_ data: [UInt8]) -> [UInt8] {
        // Header: magic, CM=8 (deflate), no flags, MTIME=0, XFL=0, OS=255 (unknown).
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        let maxBlock = 65_535
        var offset = 0
        repeat {
            let length = min(maxBlock, data.count - offset)
            let isFinal = offset + length == data.count
            out.append(isFinal ? 0x01 : 0x00)             // BFINAL, BTYPE=00 (stored)
            out.append(contentsOf: littleEndian16(UInt16(length)))
            out.append(contentsOf: littleEndian16(~UInt16(length)))
            out.append(contentsOf: data[offset..<(offset + length)])
            offset += length
        } while offset < data.count
        out.append(contentsOf: littleEndian32(crc32(data)))
        out.append(contentsOf: littleEndian32(UInt32(truncatingIfNeeded: data.count)))
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as gzip's trailer requires.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1)
        }
        return value
    }

    private static func littleEndian16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func littleEndian32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
}
