import WirescoreCore

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
        var out: [UInt8] = []
        let kept = raw.withUnsafeBufferPointer { sanitize($0, appendingTo: &out) }
        return kept ? out : nil
    }

    /// Appends the cleaned style to `out`; false (and nothing appended) when nothing safe is left.
    ///
    /// One pass over the declarations with index arithmetic and table lookups: the sanitiser
    /// cleans the `style` of every styled element of every entry, and splitting into arrays,
    /// building a `String` per property and word and hashing it into a `Set` made this a
    /// thirtieth of a feed's parse.
    static func sanitize(_ raw: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) -> Bool {
        if containsURL(raw) {
            let style = removeURLs(Array(raw))
            return style.withUnsafeBufferPointer { sanitizeDeclarations($0, appendingTo: &out) }
        }
        return sanitizeDeclarations(raw, appendingTo: &out)
    }

    static let propertyTable = FeedNameTable(properties.map { ($0, 1) })
    static let keywordTable = FeedNameTable(keywords.map { ($0, 1) })

    private static func sanitizeDeclarations(_ style: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) -> Bool {
        guard passesGauntlet(style) else { return false }
        let start = out.count
        var name: [UInt8] = []
        let n = style.count
        var ps = 0
        while ps < n {
            var pe = ps
            while pe < n, style[pe] != UInt8(ascii: ";") { pe += 1 }
            defer { ps = pe + 1 }
            guard pe > ps else { continue }
            var colon = ps
            while colon < pe, style[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < pe else { continue }
            // The property: white space removed, ASCII lowercased.
            name.removeAll(keepingCapacity: true)
            for k in ps..<colon where !FeedSanitizer.isSpace(style[k]) {
                let c = style[k]
                name.append(c.asciiLowercased)
            }
            var vs = colon + 1
            while vs < pe, FeedSanitizer.isSpace(style[vs]) { vs += 1 }
            let value = UnsafeBufferPointer(rebasing: style[vs..<pe])
            guard !name.isEmpty, !value.isEmpty, !value.contains(UInt8(ascii: ":")),
                  value.contains(where: { !FeedSanitizer.isSpace($0) }) else { continue }
            var keep = name.withUnsafeBufferPointer { propertyTable.lookup($0) } != nil
            if !keep {
                let dash = name.firstIndex(of: UInt8(ascii: "-")) ?? name.count
                if isShorthand(name[..<dash]) { keep = allSafeWords(value) }
            }
            guard keep else { continue }
            if out.count > start { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: name)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: value)
            out.append(UInt8(ascii: ";"))
        }
        return out.count > start
    }

    private static func isShorthand(_ p: ArraySlice<UInt8>) -> Bool {
        p.elementsEqual("background".utf8) || p.elementsEqual("border".utf8)
            || p.elementsEqual("margin".utf8) || p.elementsEqual("padding".utf8)
    }

    /// Whether every white-space separated word is a safe keyword, a colour or a short length.
    private static func allSafeWords(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = value.count
        while i < n {
            while i < n, FeedSanitizer.isSpace(value[i]) { i += 1 }
            guard i < n else { break }
            var j = i
            while j < n, !FeedSanitizer.isSpace(value[j]) { j += 1 }
            let word = UnsafeBufferPointer(rebasing: value[i..<j])
            if keywordTable.lookup(word) == nil, !isColourOrLength(word) { return false }
            i = j
        }
        return true
    }

    /// Whether `url` appears (any case): only then is there anything for ``removeURLs(_:)`` to do.
    private static func containsURL(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 3 else { return false }
        for i in 0..<(s.count - 2) where s[i] | 0x20 == UInt8(ascii: "u")
            && s[i + 1] | 0x20 == UInt8(ascii: "r") && s[i + 2] | 0x20 == UInt8(ascii: "l") {
            return true
        }
        return false
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

    static func passesGauntlet(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static func isColourOrLength(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
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
        // The unit, compared with every byte OR 0x20 (the allowlist is lowercase).
        let rest = w.count - i
        if rest == 0 { return true }
        if rest == 1 {
            let c = w[i] | 0x20
            return c == UInt8(ascii: "%") || c == UInt8(ascii: ",") || c == UInt8(ascii: ")")
        }
        return unitMatches(w, i)
    }

    /// `cm em ex in mm pc pt px` at `i` (case-insensitive), as the whole rest of the word.
    private static func unitMatches(_ w: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard w.count - i == 2 else { return false }
        let a = w[i] | 0x20, b = w[i + 1] | 0x20
        switch (a, b) {
        case (UInt8(ascii: "c"), UInt8(ascii: "m")), (UInt8(ascii: "e"), UInt8(ascii: "m")),
             (UInt8(ascii: "e"), UInt8(ascii: "x")), (UInt8(ascii: "i"), UInt8(ascii: "n")),
             (UInt8(ascii: "m"), UInt8(ascii: "m")), (UInt8(ascii: "p"), UInt8(ascii: "c")),
             (UInt8(ascii: "p"), UInt8(ascii: "t")), (UInt8(ascii: "p"), UInt8(ascii: "x")):
            return true
        default:
            return false
        }
    }
}
