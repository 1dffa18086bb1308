/// JSON string escapes decoded from bytes, shared by the byte-level JSON readers (`inspect
/// text` input lines, story snapshots) so the escape rules live in one place.
///
/// Strict, as `JSONDecoder` is: an unknown escape, a short or non-hex `\u`, or a surrogate
/// without its partner is an error.
public enum JSONEscape {
    /// Appends the UTF-8 of the escape whose letter is at `position` (just past the backslash)
    /// and moves past it.
    /// - Returns: false when the bytes there are not a JSON escape (`position` is then unspecified).
    public static func decode(_ bytes: UnsafeRawBufferPointer, at position: inout Int, into out: inout [UInt8]) -> Bool {
        guard position < bytes.count else { return false }
        let letter = bytes[position]
        position += 1
        switch letter {
        case 0x22, 0x5C, 0x2F: out.append(letter)   // " \ /
        case 0x62: out.append(0x08)                  // b
        case 0x66: out.append(0x0C)                  // f
        case 0x6E: out.append(0x0A)                  // n
        case 0x72: out.append(0x0D)                  // r
        case 0x74: out.append(0x09)                  // t
        case 0x75:                                   // u, a UTF-16 unit; a high surrogate needs its low partner
            guard var value = hex4(bytes, at: &position) else { return false }
            if (0xD800..<0xDC00).contains(value) {
                guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else { return false }
                position += 2
                guard let low = hex4(bytes, at: &position), (0xDC00..<0xE000).contains(low) else { return false }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) else { return false }
            out.append(contentsOf: encoded)
        default:
            return false
        }
        return true
    }

    /// Four hex digits at `position` as a number, moving past them; nil when they are not.
    public static func hex4(_ bytes: UnsafeRawBufferPointer, at position: inout Int) -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            default: return nil
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
