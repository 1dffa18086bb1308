/// windows-1252 to UTF-8, as browsers decode it (undefined bytes map to the C1 controls).
///
/// Written out rather than left to iconv because iconv rejects the five undefined bytes and
/// libxml2 then abandons the rest of the document.
public enum Windows1252 {
    /// Code points for 0x80...0x9F; the rest of the range is Latin-1.
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The windows-1252 byte of a character, nil for characters it cannot hold.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { return UInt8(v) }
        guard let i = high.firstIndex(of: v) else { return nil }
        return UInt8(0x80 + i)
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar: UInt32 = b < 0xA0 ? high[Int(b) - 0x80] : UInt32(b)
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return out
    }
}
