/// The one JSON writer: appends compact UTF-8 JSON to a byte buffer.
///
/// Every JSON wirescore writes goes through here, so one string escape and one number format
/// hold for article, error and score lines, `inspect` output and the story snapshot alike:
/// ``JSONValue/serialized()`` walks a tree with it, and the hot writers (`inspect feed`,
/// `inspect text`, the snapshot) call its methods directly with constant keys (`raw`), which
/// spares them a `JSONValue` tree and a `String` per record.
///
/// Strings (``string(_:)``): `"` and `\` are escaped as `\"` and `\\`; newline, carriage return,
/// tab, backspace and form feed as `\n`, `\r`, `\t`, `\b`, `\f`; the other controls U+0000-U+001F
/// as `\u00xx` (lowercase hex). U+2028 and U+2029 are written `\u2028` and `\u2029`: JSON allows
/// them raw, but JavaScript before ES2019 and line-oriented tools that split on Unicode line
/// breaks would see a record cut in two, and a JSONL line must stay one line for every reader.
/// Everything else, DEL and all other non-ASCII included, is copied as its UTF-8 bytes; `/` is
/// not escaped. A Swift `String` is valid UTF-8, so the output always is.
///
/// Numbers (``int(_:)``, ``double(_:)``): integers in decimal; a double that is a whole number
/// below 1e15 in magnitude as that integer (`2`, `-0.0` as `0`), any other finite double in
/// Swift's shortest round-trip form (`0.25`, `1e-05`, `1e+20`), and NaN and infinities as `null`.
///
/// Value semantics; not shared between threads (each worker keeps its own writer).
public struct JSONByteWriter: Sendable {
    /// The JSON written so far. Callers may take it, append to it or empty it between values.
    public var bytes: [UInt8]

    /// A writer that appends to `bytes`.
    public init(bytes: [UInt8] = []) { self.bytes = bytes }

    /// An empty writer with room for `capacity` bytes.
    public init(reservingCapacity capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Punctuation and constant text

    /// Appends `text` as it is: punctuation and constant keys such as `",\"title\":"`.
    @inline(__always) public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends one byte as it is (`{`, `,`, a digit).
    @inline(__always) public mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    /// Appends bytes as they are: JSON the caller already holds in serialised form.
    @inline(__always) public mutating func raw(_ json: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: json) }

    // MARK: Scalars

    public mutating func null() { raw("null") }

    public mutating func bool(_ value: Bool) { if value { raw("true") } else { raw("false") } }

    public mutating func int(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxNumberBytes) { buffer in
            guard let base = buffer.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: Self.putInt(value, at: base)))
        }
    }

    /// A double in the number format above.
    public mutating func double(_ value: Double) {
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxNumberBytes) { buffer -> Bool in
            guard let base = buffer.baseAddress, let count = Self.putDouble(value, at: base) else { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            return true
        }
        if !written { bytes.append(contentsOf: value.description.utf8) }
    }

    // MARK: Strings

    /// `value` as a quoted JSON string with the escapes above.
    public mutating func string(_ value: String) {
        // Native strings lend their UTF-8 without a copy; others are made native first.
        if value.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) != nil { return }
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// ``string(_:)``, or `null` when `value` is nil.
    public mutating func string(orNull value: String?) {
        if let value { string(value) } else { null() }
    }

    /// `utf8` (valid UTF-8, as a `String`'s bytes are) as a quoted JSON string with the escapes
    /// above. Clean runs are copied with one append each, found eight bytes at a time: profiles
    /// of `inspect feed` had a per-byte or per-scalar escaper at a fifth of the run.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        let n = utf8.count
        var runStart = 0
        var i = 0
        while i < n {
            if let base = utf8.baseAddress, i + 8 <= n {
                let mask = Self.escapeMask(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if mask == 0 { i += 8; continue }
                i += mask.trailingZeroBitCount >> 3
            }
            let b = utf8[i]
            let width: Int
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                // 0xE2 leads U+2028/U+2029 (E2 80 A8/A9) and many other characters.
                guard b == 0xE2, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] & 0xFE == 0xA8 else { i += 1; continue }
                width = 3
            } else {
                width = 1
            }
            if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            if width == 3 {
                if utf8[i + 2] == 0xA8 { raw("\\u2028") } else { raw("\\u2029") }
            } else {
                appendEscape(b)
            }
            i += width
            runStart = i
        }
        if n > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        bytes.append(0x22)
    }

    /// The escape of one ASCII byte that needs one: `"`, `\` or a control character.
    private mutating func appendEscape(_ b: UInt8) {
        switch b {
        case 0x22: raw("\\\"")
        case 0x5C: raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        default:
            raw("\\u00")
            bytes.append(Self.hexDigit(b >> 4))
            bytes.append(Self.hexDigit(b & 0xF))
        }
    }

    @inline(__always) private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    /// True when ``string(utf8:)`` would copy every byte of `utf8` unchanged (between the quotes):
    /// no quote, backslash, control character, U+2028 or U+2029.
    public static func needsNoEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return false }
            if b == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] & 0xFE == 0xA8 { return false }
            i += 1
        }
        return true
    }

    /// Flags which of eight bytes may need attention: controls, `"`, `\` and 0xE2 (the lead byte
    /// of U+2028/U+2029, checked further when met). SWAR: a zero byte of `x ^ c` marks a byte
    /// equal to `c`, and `x - 0x20` borrows into a byte below 0x20. A borrow can flag bytes
    /// above a real match, never below one, so the lowest flag is exact.
    @inline(__always) static func escapeMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (x &- ones &* 0x20) & ~x & highs
        return below20 | zeros(x ^ (ones &* 0x22)) | zeros(x ^ (ones &* 0x5C)) | zeros(x ^ (ones &* 0xE2))
    }

    // MARK: Trees

    /// `value` serialised compactly, object keys in their stored order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case let .bool(b): bool(b)
        case let .int(i): int(i)
        case let .double(d): double(d)
        case let .string(s): string(s)
        case let .array(items):
            bytes.append(0x5B)
            for index in items.indices {
                if index > 0 { bytes.append(0x2C) }
                self.value(items[index])
            }
            bytes.append(0x5D)
        case let .object(pairs):
            bytes.append(0x7B)
            for index in pairs.indices {
                if index > 0 { bytes.append(0x2C) }
                string(pairs[index].0)
                bytes.append(0x3A)
                self.value(pairs[index].1)
            }
            bytes.append(0x7D)
        }
    }

    // MARK: Number formatting through a pointer (shared with UnsafeJSONByteWriter)

    /// Room any number written by ``putInt(_:at:)`` or ``putDouble(_:at:)`` fits in.
    static let maxNumberBytes = 24

    /// The decimal digits of `m` at `p`; returns how many (at most 20).
    @inline(__always) static func putDigits(_ m: UInt, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 1
        var t = m / 10
        while t > 0 { count += 1; t /= 10 }
        var m = m
        var k = count
        repeat { k -= 1; p[k] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30; m /= 10 } while m > 0
        return count
    }

    /// `value` in decimal at `p`; returns how many bytes (at most 20).
    @inline(__always) static func putInt(_ value: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return putDigits(value.magnitude, at: p) }
        p[0] = 0x2D
        return 1 + putDigits(value.magnitude, at: p + 1)
    }

    /// `value` in the number format at `p` (at most ``maxNumberBytes``), or nil when only
    /// `value.description` gives its shortest round-trip form.
    ///
    /// Whole numbers below 1e15 are written as integers. Values with at most four decimals
    /// below 1e9 in magnitude (sentiment scores, weights, rounded figures) are written digit by
    /// digit: when `k / 10⁴` (correctly rounded) is `value`, the decimal `k / 10⁴` round-trips to
    /// it, and no shorter decimal can, since two decimals of four places differ by 1e-4, far more
    /// than a double's spacing there; so these digits are exactly what `description` prints, without
    /// building a String (a test holds the two together).
    static func putDouble(_ value: Double, at p: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite else {
            p[0] = 0x6E; p[1] = 0x75; p[2] = 0x6C; p[3] = 0x6C   // null
            return 4
        }
        if value == value.rounded(), abs(value) < 1e15 { return putInt(Int(value), at: p) }
        guard abs(value) < 1e9 else { return nil }
        let scaled = (value * 10_000).rounded()
        guard scaled / 10_000 == value else { return nil }
        var count = 0
        if scaled < 0 { p[0] = 0x2D; count = 1 }
        let k = Int(scaled).magnitude
        count += putDigits(k / 10_000, at: p + count)
        // The four decimals without their trailing zeros (there is at least one non-zero: whole
        // numbers were written above), leading zeros kept: 0.05 -> "05".
        var fraction = k % 10_000
        guard fraction != 0 else { return count }
        var width = 4
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        p[count] = 0x2E
        count += 1
        for position in stride(from: count + width - 1, through: count, by: -1) {
            p[position] = UInt8(truncatingIfNeeded: fraction % 10) &+ 0x30
            fraction /= 10
        }
        return count + width
    }
}
