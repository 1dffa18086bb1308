import Foundation
import WirescoreCore

/// Writes a ``FeedDocument`` as `inspect feed` JSON straight into a UTF-8 byte buffer.
///
/// Why not ``FeedDocument/feedparserJSON()`` plus `JSONWriter`: building a `JSONValue` tree
/// (an enum box per field, an array of key/value tuples per object) and then appending to a
/// `String` piece by piece was a third of `inspect feed`'s run on a large corpus, more than
/// the sanitiser. Here keys are constant byte strings and values are escaped in one scan that
/// copies clean runs with a single append.
///
/// The bytes are exactly what `feedparserJSON().serialized()` gives (same key order, same
/// escapes, U+2028/U+2029 escaped too); a test holds the two to that.
struct FeedJSONWriter {
    var out: [UInt8]

    init() { out = [] }

    mutating func write(_ doc: FeedDocument) {
        raw("{\"bozo\":")
        raw(doc.bozo ? "true" : "false")
        if let e = doc.bozoException { raw(",\"bozo_exception\":"); string(e) }
        raw(",\"encoding\":"); string(doc.encoding)
        raw(",\"version\":"); string(doc.version)
        // Fields are read in place: copying a `FeedMetadata` or `FeedEntry` (as `let f = ...` or
        // `enumerated()` would) retains and releases every string in it.
        raw(",\"feed\":{\"title\":"); optional(doc.feed.title)
        raw(",\"subtitle\":"); optional(doc.feed.subtitle)
        raw(",\"link\":"); optional(doc.feed.link)
        raw(",\"id\":"); optional(doc.feed.id)
        raw(",\"language\":"); optional(doc.feed.language)
        raw(",\"author\":"); optional(doc.feed.author)
        raw(",\"author_detail\":"); person(doc.feed.authorDetail)
        raw(",\"updated\":"); optional(doc.feed.updated)
        raw(",\"updated_parsed\":"); date(doc.feed.updatedParsed)
        raw(",\"published\":"); optional(doc.feed.published)
        raw(",\"published_parsed\":"); date(doc.feed.publishedParsed)
        raw("},\"entries\":[")
        doc.entries.withUnsafeBufferPointer { entries in
            for k in entries.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                entry(entries[k])
            }
        }
        raw("]}")
    }

    private mutating func entry(_ e: FeedEntry) {
        raw("{\"title\":"); optional(e.title)
        raw(",\"link\":"); optional(e.link)
        raw(",\"id\":"); optional(e.id)
        raw(",\"author\":"); optional(e.author)
        raw(",\"author_detail\":"); person(e.authorDetail)
        raw(",\"summary\":"); optional(e.summary)
        raw(",\"content\":[")
        for k in e.content.indices {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            raw("{\"value\":"); string(e.content[k].value)
            raw(",\"type\":"); string(e.content[k].type)
            out.append(UInt8(ascii: "}"))
        }
        raw("],\"published\":"); optional(e.published)
        raw(",\"published_parsed\":"); date(e.publishedParsed)
        raw(",\"updated\":"); optional(e.updated)
        raw(",\"updated_parsed\":"); date(e.updatedParsed)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func person(_ p: FeedPerson?) {
        guard let p else { raw("null"); return }
        raw("{\"name\":"); optional(p.name)
        raw(",\"email\":"); optional(p.email)
        raw(",\"href\":"); optional(p.href)
        out.append(UInt8(ascii: "}"))
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` written digit by digit (what ``UTCTimestamp/rfc3339(_:)``
    /// gives, without building a `String` through interpolation for every entry's dates).
    private mutating func date(_ d: Date?) {
        guard let d else { raw("null"); return }
        let c = UTCTimestamp.components(of: d)
        guard (0...9999).contains(c.year) else { string(UTCTimestamp.rfc3339(d)); return }
        out.append(UInt8(ascii: "\""))
        digits(c.year, 4); out.append(UInt8(ascii: "-"))
        digits(c.month, 2); out.append(UInt8(ascii: "-"))
        digits(c.day, 2); out.append(UInt8(ascii: "T"))
        digits(c.hour, 2); out.append(UInt8(ascii: ":"))
        digits(c.minute, 2); out.append(UInt8(ascii: ":"))
        digits(c.second, 2); out.append(UInt8(ascii: "Z"))
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) private mutating func digits(_ v: Int, _ width: Int) {
        var div = 1
        for _ in 1..<width { div *= 10 }
        var v = v
        while div > 0 {
            out.append(UInt8(48 + (v / div) % 10))
            v %= div
            div /= 10
        }
    }

    @inline(__always) private mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) private mutating func optional(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    private mutating func string(_ s: String) {
        // Native strings hand out their UTF-8 without a copy; others are made native first.
        if let done = s.utf8.withContiguousStorageIfAvailable({ Self.appendEscaped($0, to: &out) }) {
            return done
        }
        var s = s
        s.withUTF8 { Self.appendEscaped($0, to: &out) }
    }

    /// Bytes that end a clean run: `"`, `\`, control characters, and 0xE2 (the lead byte of
    /// U+2028/U+2029, checked further when met).
    private static let special: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Flags which of eight bytes may need an escape: control characters, `"`, `\\` and 0xE2
    /// (SWAR: a zero byte of `x ^ c` marks a byte equal to `c`; `x - 0x20` borrows into a byte
    /// below 0x20). A borrow can flag bytes above a real match, never below it, so the lowest
    /// flag is exact.
    @inline(__always) static func escapeMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (x &- ones &* 0x20) & ~x & highs
        return below20 | zeros(x ^ (ones &* 0x22)) | zeros(x ^ (ones &* 0x5C)) | zeros(x ^ (ones &* 0xE2))
    }

    /// `bytes` as a quoted JSON string (RFC 8259 escapes, plus U+2028/U+2029 as `\u2028`/`\u2029`
    /// so line-oriented readers never see a break inside a record).
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        special.withUnsafeBufferPointer { special in
            let n = bytes.count
            var runStart = 0
            var i = 0
            while i < n {
                // Eight bytes at a time: the lowest flagged byte is the first one that may need
                // an escape (the SWAR test never flags a byte below a real match wrongly).
                if let base = bytes.baseAddress, i + 8 <= n {
                    let m = Self.escapeMask(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if m == 0 { i += 8; continue }
                    i += m.trailingZeroBitCount >> 3
                }
                let b = bytes[i]
                if !special[Int(b)] { i += 1; continue }
                var width = 1
                var esc: (UInt8, UInt8) = (0, 0)
                switch b {
                case 0x22: esc = (0x5C, 0x22)
                case 0x5C: esc = (0x5C, 0x5C)
                case 0x0A: esc = (0x5C, UInt8(ascii: "n"))
                case 0x0D: esc = (0x5C, UInt8(ascii: "r"))
                case 0x09: esc = (0x5C, UInt8(ascii: "t"))
                case 0x08: esc = (0x5C, UInt8(ascii: "b"))
                case 0x0C: esc = (0x5C, UInt8(ascii: "f"))
                case 0xE2:
                    guard i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 else {
                        i += 1
                        continue
                    }
                    width = 3
                default: break
                }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                if width == 3 {
                    out.append(contentsOf: (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                } else if esc.0 != 0 {
                    out.append(esc.0); out.append(esc.1)
                } else {
                    let h = hex.utf8Start
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(h[Int(b >> 4)]); out.append(h[Int(b & 0xF)])
                }
                i += width
                runStart = i
            }
            if n > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension FeedDocument {
    /// The `inspect feed` JSON object (see ``feedparserJSON()``) as UTF-8, appended to `out`;
    /// byte for byte what `feedparserJSON().serialized()` gives, without the intermediate tree.
    public func appendFeedparserJSON(to out: inout [UInt8]) {
        var w = FeedJSONWriter()
        swap(&w.out, &out)
        w.write(self)
        swap(&w.out, &out)
    }
}
