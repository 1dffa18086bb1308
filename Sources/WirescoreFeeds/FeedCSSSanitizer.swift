/// Cleans a `style` attribute for ``FeedSanitizer``: only declarations of presentational
/// properties survive, so a feed cannot position content over the reader's page, load images
/// (`url(...)`) or run expressions.
///
/// - `url(...)` values are removed first; a style with any other character outside a small
///   vocabulary (letters, digits, white space, `:,;#%.!`, hyphens inside words, simple quoted
///   words, parenthesised numbers) is dropped whole.
/// - A declaration survives when its property is on the allowlist, or when it is a
///   `background`/`border`/`margin`/`padding` shorthand whose every keyword is a safe keyword,
///   a colour or a short length.
/// - Declarations print as `property: value;` joined by a space.
enum FeedCSSSanitizer {
    static let properties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
        "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
        "direction", "display", "elevation", "float", "font", "font-family", "font-size", "font-style",
        "font-variant", "font-weight", "height", "letter-spacing", "line-height", "overflow", "pause",
        "pause-after", "pause-before", "pitch", "pitch-range", "richness", "speak", "speak-header",
        "speak-numeral", "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration",
        "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    ]

    static let keywords: Set<String> = [
        "auto", "aqua", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse",
        "dashed", "dotted", "fuchsia", "gray", "green", "!important", "italic", "left", "lime", "maroon",
        "medium", "none", "navy", "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "solid",
        "silver", "teal", "top", "transparent", "underline", "white", "yellow",
    ]

    static let shorthands: Set<String> = ["background", "border", "margin", "padding"]

    /// The cleaned style, or nil when nothing safe is left.
    static func sanitize(_ raw: [UInt8]) -> [UInt8]? {
        let style = removeURLs(raw)
        guard passesGauntlet(style) else { return nil }
        var out: [UInt8] = []
        for part in style.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
            guard let colon = part.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = part[part.startIndex..<colon].filter { !FeedSanitizer.isSpace($0) }
            var valueStart = part.index(after: colon)
            while valueStart < part.endIndex, FeedSanitizer.isSpace(part[valueStart]) { valueStart += 1 }
            let value = part[valueStart...]
            guard !name.isEmpty, !value.isEmpty, !value.contains(UInt8(ascii: ":")),
                  value.contains(where: { !FeedSanitizer.isSpace($0) }) else { continue }
            let property = String(decoding: name.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            var keep = properties.contains(property)
            if !keep, let dash = property.firstIndex(of: "-").map({ String(property[..<$0]) }) ?? Optional(property),
               shorthands.contains(dash) {
                keep = value.split(whereSeparator: { FeedSanitizer.isSpace($0) }).allSatisfy { word in
                    let w = String(decoding: word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
                    return keywords.contains(w) || isColourOrLength(Array(word))
                }
            }
            guard keep else { continue }
            if !out.isEmpty { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: property.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value)
            out.append(UInt8(ascii: ";"))
        }
        return out.isEmpty ? nil : out
    }

    /// Replaces every `url( ... )` with a space.
    static func removeURLs(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + 3 <= s.count, s[i] | 0x20 == UInt8(ascii: "u"), s[i + 1] | 0x20 == UInt8(ascii: "r"),
               s[i + 2] | 0x20 == UInt8(ascii: "l") {
                var j = i + 3
                while j < s.count, FeedSanitizer.isSpace(s[j]) { j += 1 }
                if j < s.count, s[j] == UInt8(ascii: "("), let close = s[j...].firstIndex(of: UInt8(ascii: ")")) {
                    var k = close + 1
                    while k < s.count, FeedSanitizer.isSpace(s[k]) { k += 1 }
                    out.append(UInt8(ascii: " "))
                    i = k
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    @inline(__always) static func isWord(_ b: UInt8) -> Bool {
        FeedSanitizer.isLetter(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "_") || b >= 0x80
    }

    static func passesGauntlet(_ s: [UInt8]) -> Bool {
        var i = 0
        while i < s.count {
            let b = s[i]
            if isWord(b) || FeedSanitizer.isSpace(b) { i += 1; continue }
            switch b {
            case UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "#"),
                 UInt8(ascii: "%"), UInt8(ascii: "."), UInt8(ascii: "!"):
                i += 1
            case UInt8(ascii: "-"):
                guard i > 0, i + 1 < s.count, isWord(s[i - 1]), isWord(s[i + 1]) else { return false }
                i += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var j = i + 1
                while j < s.count, isWord(s[j]) || FeedSanitizer.isSpace(s[j]) { j += 1 }
                guard j < s.count, s[j] == b, j > i + 1 else { return false }
                i = j + 1
            case UInt8(ascii: "("):
                var j = i + 1
                while j < s.count, (s[j] >= 48 && s[j] <= 57) || s[j] == UInt8(ascii: ",") || FeedSanitizer.isSpace(s[j]) { j += 1 }
                guard j < s.count, s[j] == UInt8(ascii: ")") else { return false }
                i = j + 1
            default:
                return false
            }
        }
        return true
    }

    /// `#hex`, `rgb(...)` fragments, or a number of at most two digits each side of the point,
    /// optionally followed by a unit, `%`, `,` or `)`.
    static func isColourOrLength(_ w: [UInt8]) -> Bool {
        guard !w.isEmpty else { return true }
        if w[0] == UInt8(ascii: "#") {
            return w.count > 1 && w.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || (($0 | 0x20) >= 97 && ($0 | 0x20) <= 102) }
        }
        if w.count >= 4, w[0] | 0x20 == UInt8(ascii: "r"), w[1] | 0x20 == UInt8(ascii: "g"),
           w[2] | 0x20 == UInt8(ascii: "b"), w[3] == UInt8(ascii: "(") {
            return w.dropFirst(4).allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ")") }
        }
        var i = 0
        var digits = 0
        while i < w.count, w[i] >= 48, w[i] <= 57 { i += 1; digits += 1 }
        guard digits <= 2 else { return false }
        if i < w.count, w[i] == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while i < w.count, w[i] >= 48, w[i] <= 57 { i += 1; frac += 1 }
            guard frac <= 2 else { return false }
        }
        let unit = String(decoding: w[i...].map { $0 | 0x20 }, as: UTF8.self)
        return ["", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].contains(unit)
    }
}
