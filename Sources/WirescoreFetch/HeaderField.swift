import WirescoreCore

/// Response header lines and names handled as bytes.
///
/// libcurl hands over every header line of every response raw (CRLF included) on the loop
/// thread. Reading them through `String` and `Character` (Unicode whitespace tables, grapheme
/// breaking, a lowercased copy per comparison) was a tenth of the fetch loop's time in profiles
/// of a fast local server; header syntax is ASCII (RFC 9110 §5), so bytes are all it needs.
enum HeaderField {
    /// One raw header line, classified.
    enum Line: Equatable {
        /// "HTTP/1.1 200 OK": a new response starts (redirect hop, 1xx, retry).
        case statusLine
        /// The blank line that ends a header block, or only whitespace.
        case blank
        /// An obsolete folded continuation (leading SP or HTAB): text to append to the previous value.
        case continuation(String)
        case field(name: String, value: String)
        /// No colon: not a header; ignored.
        case malformed
    }

    /// Classifies one raw line; names keep their case, values are trimmed of SP, HTAB, CR and LF.
    static func parse(_ line: UnsafeRawBufferPointer) -> Line {
        if line.count >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F {
            return .statusLine   // "HTTP/"
        }
        let trimmed = trim(line, 0..<line.count)
        guard !trimmed.isEmpty else { return .blank }
        if isSpace(line[0]) { return .continuation(string(line, trimmed)) }
        guard let colon = trimmed.first(where: { line[$0] == 0x3A }) else { return .malformed }
        return .field(name: string(line, trimmed.lowerBound..<colon), value: string(line, trim(line, (colon + 1)..<trimmed.upperBound)))
    }

    /// Whether header name `a` equals `b` ignoring ASCII case, without building lowercased copies.
    static func sameName(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        var j = y.startIndex
        for c in x {
            let d = y[j]
            if c != d, c.asciiLowercased != d.asciiLowercased { return false }
            j = y.index(after: j)
        }
        return true
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    private static func trim(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(line[lo]) { lo += 1 }
        while hi > lo, isSpace(line[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    private static func string(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
    }
}
