/// Appends compact JSON to a byte buffer, matching WirescoreCore's `JSONWriter` output byte for
/// byte for the values `inspect text` writes (strings, ints, scores rounded to four decimals).
///
/// `inspect text` writes one small object per input line; building a `JSONValue` tree and a
/// String per line cost more than scoring the sentence, so its lines are written here directly.
enum JSONBytes {
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A JSON string with JSONWriter's escapes (control characters, quote, backslash, U+2028/9).
    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(0x22)
        s.withUTF8 { b in
            var run = 0, i = 0
            while i < b.count {
                let c = b[i]
                var width = 1
                let esc: (UInt8, UInt8)?
                switch c {
                case 0x22: esc = (0x5C, 0x22)
                case 0x5C: esc = (0x5C, 0x5C)
                case 0x0A: esc = (0x5C, 0x6E)
                case 0x0D: esc = (0x5C, 0x72)
                case 0x09: esc = (0x5C, 0x74)
                case 0x08: esc = (0x5C, 0x62)
                case 0x0C: esc = (0x5C, 0x66)
                case 0x00..<0x20: esc = nil
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    esc = nil; width = 3
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                if let (x, y) = esc {
                    out.append(x); out.append(y)
                } else if width == 3 {
                    append(b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &out)
                } else {
                    append("\\u00", to: &out)
                    out.append(hex[Int(c >> 4)]); out.append(hex[Int(c & 0xF)])
                }
                i += width
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count]))
        }
        out.append(0x22)
    }

    static func appendInt(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(m % 10) + 0x30; m /= 10; n += 1 } while m > 0
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }

    /// `x` rounded to four decimals, written as JSONWriter writes that Double (shortest
    /// round-trip form: "0.25", "-0.0312", "1", "0"); non-finite becomes null.
    static func appendScore(_ x: Double, to out: inout [UInt8]) {
        guard x.isFinite else { append("null", to: &out); return }
        let scaled = (x * 10_000).rounded()
        guard abs(scaled) < 1e15 else {
            // Out of any score's range; keep JSONWriter's general form.
            out.append(contentsOf: "\(scaled / 10_000)".utf8)
            return
        }
        let k = Int(scaled)
        if k < 0 { out.append(0x2D) }
        let m = k.magnitude
        appendInt(Int(m / 10_000), to: &out)
        var frac = Int(m % 10_000)
        guard frac != 0 else { return }
        out.append(0x2E)
        var width = 4
        while frac % 10 == 0 { frac /= 10; width -= 1 }
        var div = 1
        for _ in 1..<width { div *= 10 }
        while div > 0 { out.append(UInt8(frac / div % 10) + 0x30); div /= 10 }
    }

    /// Writes bytes through a pointer into room the caller has made (at most a few dozen bytes
    /// plus what it passes to ``put(_:)-(UnsafeBufferPointer<UInt8>)``).
    struct Writer {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func put(_ s: StaticString) {
            (base + count).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
            count += s.utf8CodeUnitCount
        }

        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let src = bytes.baseAddress else { return }
            (base + count).update(from: src, count: bytes.count)
            count += bytes.count
        }

        @inline(__always) mutating func put(_ b: UInt8) { base[count] = b; count += 1 }

        /// Decimal digits of `m` (at most 20 bytes).
        mutating func putDigits(_ m: UInt) {
            var m = m
            var end = count + 1
            var t = m / 10
            while t > 0 { end += 1; t /= 10 }
            var k = end
            repeat { k -= 1; base[k] = UInt8(m % 10) + 0x30; m /= 10 } while m > 0
            count = end
        }

        /// ``JSONBytes/appendScore(_:to:)`` for finite scores of ordinary size (false, nothing
        /// written, otherwise): the same bytes, through the pointer.
        mutating func putScore(_ x: Double) -> Bool {
            guard x.isFinite else { return false }
            let scaled = (x * 10_000).rounded()
            guard abs(scaled) < 1e15 else { return false }
            let k = Int(scaled)
            if k < 0 { put(0x2D) }
            let m = k.magnitude
            putDigits(m / 10_000)
            var frac = Int(m % 10_000)
            guard frac != 0 else { return true }
            put(0x2E)
            var width = 4
            while frac % 10 == 0 { frac /= 10; width -= 1 }
            var div = 1
            for _ in 1..<width { div *= 10 }
            while div > 0 { put(UInt8(frac / div % 10) + 0x30); div /= 10 }
            return true
        }
    }
}
