/// Decides which character encoding an HTML body is in, before libxml2 sees it.
///
/// libxml2 would honour `<meta charset>` by itself, but it cannot know the HTTP header and it
/// reacts to a wrong declaration by switching to Latin-1 mid-document. Deciding up front lets
/// the parser run with `HTML_PARSE_IGNORE_ENC` and one fixed decoder, in the order browsers use:
/// transport hint, byte-order mark, in-document declaration, then a sniff (valid UTF-8 is
/// UTF-8; otherwise a legacy encoding ``LegacyCharsetGuesser`` is sure of, else windows-1252,
/// the web's de-facto default for undeclared pages).
public enum HTMLCharset {
    /// Where the chosen encoding came from; useful when debugging mojibake.
    public enum Source: String, Sendable { case hint, bom, meta, sniff }

    /// The encoding name to hand libxml2 (normalised, WHATWG-style aliases folded), its source
    /// and how many BOM bytes to skip.
    public struct Decision: Sendable, Equatable {
        public var name: String
        public var source: Source
        public var bomLength: Int
    }

    /// Chooses the encoding.
    /// - Parameters:
    ///   - bytes: the raw body.
    ///   - contentType: the HTTP `Content-Type` header value, if any.
    /// - Returns: the decision; `name` is always one libxml2 can be asked for.
    public static func detect(_ bytes: [UInt8], contentType: String?) -> Decision {
        if let ct = contentType, let raw = charsetParameter(ct), let name = normalise(raw) {
            return Decision(name: name, source: .hint, bomLength: bytes.starts(with: [0xEF, 0xBB, 0xBF]) && name == "UTF-8" ? 3 : 0)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Decision(name: "UTF-8", source: .bom, bomLength: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decision(name: "UTF-16LE", source: .bom, bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decision(name: "UTF-16BE", source: .bom, bomLength: 2) }
        if let raw = metaCharset(bytes), let name = normalise(raw) {
            // A page that says UTF-16 in ASCII-compatible bytes is lying (HTML spec: treat as UTF-8).
            let fixed = name.hasPrefix("UTF-16") ? "UTF-8" : name
            return Decision(name: fixed, source: .meta, bomLength: 0)
        }
        if isValidUTF8(bytes) { return Decision(name: "UTF-8", source: .sniff, bomLength: 0) }
        // Undeclared and not UTF-8: a legacy encoding the bytes make clear (Shift_JIS, EUC-KR,
        // KOI8-R...), as browsers' detectors guess; else windows-1252, the web's default.
        return Decision(name: LegacyCharsetGuesser.guess(bytes)?.decoder ?? "windows-1252", source: .sniff, bomLength: 0)
    }

    /// `charset=` of a Content-Type value (quotes stripped), or nil.
    public static func charsetParameter(_ contentType: String) -> String? {
        let lower = Array(contentType.lowercased().utf8)
        guard let r = find(Array("charset".utf8), in: lower, from: 0) else { return nil }
        var i = r + 7
        while i < lower.count, lower[i] == 0x20 { i += 1 }
        guard i < lower.count, lower[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        return readValue(lower, &i)
    }

    /// Folds a declared label onto the name libxml2/iconv should use; nil for unusable labels.
    static func normalise(_ label: String) -> String? {
        let l = label.trimmingASCIIWhitespace().lowercased()
        if l.isEmpty { return nil }
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        // WHATWG: these labels all mean windows-1252, which is a superset browsers actually decode.
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii", "windows-1252",
             "cp1252", "x-cp1252", "iso_8859-1", "l1", "ansi_x3.4-1968", "cp819", "ibm819":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312": return "GBK"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "shift_jis", "sjis", "x-sjis", "ms_kanji", "windows-31j": return "SHIFT_JIS"
        default:
            // Anything else is passed through if it looks like a charset name; the parser
            // falls back to windows-1252 when iconv does not know it.
            for u in l.utf8 where !(u.isASCIIAlnum || u == 0x2D || u == 0x5F || u == 0x2E || u == 0x3A) { return nil }
            return l.uppercased()
        }
    }

    /// Scans the first 4 KB for `<meta charset=…>` or `<meta http-equiv content="…charset=…">`.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, 4096)
        var head = Array(bytes[0..<limit])
        for i in head.indices where head[i] >= 0x41 && head[i] <= 0x5A { head[i] += 32 }
        var from = 0
        let meta = Array("<meta".utf8), charset = Array("charset".utf8)
        while let m = find(meta, in: head, from: from) {
            // The tag is `head[m..<end]`, searched in place (no copy per meta tag); a value read
            // from it stops at its `>` anyway.
            var end = m + 5
            while end < head.count, head[end] != UInt8(ascii: ">") { end += 1 }
            if let c = find(charset, in: head, from: m, to: end) {
                var i = c + 7
                while i < end, head[i] == 0x20 { i += 1 }
                if i < end, head[i] == UInt8(ascii: "=") {
                    i += 1
                    while i < end, head[i] == 0x20 { i += 1 }
                    if let v = readValue(head, &i), !v.isEmpty { return v }
                }
            }
            from = end
        }
        return nil
    }

    private static func readValue(_ s: [UInt8], _ i: inout Int) -> String? {
        while i < s.count, s[i] == 0x20 || s[i] == 0x22 || s[i] == 0x27 { i += 1 }
        let start = i
        while i < s.count, s[i] != 0x22, s[i] != 0x27, s[i] != 0x3B, s[i] != 0x20, s[i] != 0x3E, s[i] != 0x2F || i == start { i += 1 }
        guard i > start else { return nil }
        return String(decoding: s[start..<i], as: UTF8.self)
    }

    /// First position of `needle` wholly inside `hay[from..<to]` (`to` defaults to the end).
    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, to: Int? = nil) -> Int? {
        let to = to ?? hay.count
        guard needle.count <= to, from <= to - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= to - needle.count {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates), ASCII fast path.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            guard let base = b.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            while i < n {
                // Eight ASCII bytes at a time: most of a page is markup.
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var minScalar: UInt32 = 0
                var scalar: UInt32
                if c & 0xE0 == 0xC0 { need = 1; scalar = UInt32(c & 0x1F); minScalar = 0x80 }
                else if c & 0xF0 == 0xE0 { need = 2; scalar = UInt32(c & 0x0F); minScalar = 0x800 }
                else if c & 0xF8 == 0xF0 { need = 3; scalar = UInt32(c & 0x07); minScalar = 0x10000 }
                else { return false }
                if i + need >= n { return false }
                for k in 1...need {
                    let d = b[i + k]
                    if d & 0xC0 != 0x80 { return false }
                    scalar = scalar << 6 | UInt32(d & 0x3F)
                }
                if scalar < minScalar || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
                i += need + 1
            }
            return true
        }
    }
}

extension UInt8 {
    var isASCIIAlnum: Bool { (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, u[s] <= 0x20 { s += 1 }
        while e > s, u[e - 1] <= 0x20 { e -= 1 }
        return String(decoding: u[s..<e], as: UTF8.self)
    }
}
