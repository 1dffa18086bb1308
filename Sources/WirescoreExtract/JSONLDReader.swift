import WirescoreCore

/// A small, forgiving JSON reader for `<script type="application/ld+json">` blocks.
///
/// Only JSON-LD needs reading (WirescoreCore only writes JSON), so this lives here. Nesting is
/// capped (``maxDepth``) so a hostile script cannot exhaust the stack; anything malformed yields
/// nil rather than an error, because metadata is best-effort.
struct JSONLDReader {
    static let maxDepth = 64
    private let s: [UInt8]
    private var i = 0

    /// Parses one JSON text; nil when it is not valid JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var r = JSONLDReader(s: bytes)
        r.skipSpace()
        guard let v = r.value(depth: 0) else { return nil }
        r.skipSpace()
        // Some sites end the block with a stray ';'.
        if r.i < r.s.count, r.s[r.i] == UInt8(ascii: ";") { r.i += 1; r.skipSpace() }
        return r.i == r.s.count ? v : v
    }

    private init(s: [UInt8]) { self.s = s }

    private mutating func skipSpace() {
        while i < s.count, s[i] == 0x20 || s[i] == 0x0A || s[i] == 0x0D || s[i] == 0x09 { i += 1 }
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard depth < Self.maxDepth, i < s.count else { return nil }
        switch s[i] {
        case UInt8(ascii: "{"):
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if i < s.count, s[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < s.count, s[i] == UInt8(ascii: "\""), let k = string() else { return nil }
                skipSpace()
                guard i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                pairs.append((k, v))
                skipSpace()
                guard i < s.count else { return nil }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                return nil
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < s.count, s[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < s.count else { return nil }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                return nil
            }
        case UInt8(ascii: "\""):
            return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = i
            while i < s.count, (s[i] >= 0x30 && s[i] <= 0x39) || s[i] == 0x2D || s[i] == 0x2B || s[i] == 0x2E || s[i] == 0x65 || s[i] == 0x45 { i += 1 }
            guard i > start else { return nil }
            let text = String(decoding: s[start..<i], as: UTF8.self)
            if let n = Int(text) { return .int(n) }
            if let d = Double(text) { return .double(d) }
            return nil
        }
    }

    private mutating func literal(_ word: String, _ v: JSONValue) -> JSONValue? {
        let w = Array(word.utf8)
        guard i + w.count <= s.count, Array(s[i..<i + w.count]) == w else { return nil }
        i += w.count
        return v
    }

    private mutating func string() -> String? {
        i += 1
        var out: [UInt8] = []
        var start = i
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: s[start..<i]); i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: s[start..<i])
                i += 1
                guard i < s.count else { return nil }
                let e = s[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"), UInt8(ascii: "f"): out.append(0x20)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if code >= 0xD800, code < 0xDC00, i + 1 < s.count, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        if let low = hex4(), low >= 0xDC00, low < 0xE000 { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
                start = i
                continue
            }
            // Raw control characters are invalid JSON but common in hand-made JSON-LD; keep them.
            i += 1
        }
        return nil
    }

    /// Four hex digits at `i` (see ``JSONEscape/hex4(_:at:)``); `i` moves only past valid ones.
    private mutating func hex4() -> UInt32? {
        var position = i
        guard let value = s.withUnsafeBytes({ JSONEscape.hex4($0, at: &position) }) else { return nil }
        i = position
        return value
    }
}
