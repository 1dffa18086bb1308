import WirescoreXML

/// An allowlist HTML sanitiser for feed titles, summaries and content, re-serialising the markup
/// the way Python feedparser's sanitiser prints it.
///
/// - Elements outside the allowlist lose their tags but keep their text; `script`, `applet` and
///   `style` lose their content too. SVG and MathML elements are allowed inside `svg`/`math`.
/// - Attributes outside the allowlist are dropped (every `on*` handler among them); attributes
///   are printed sorted by name, double-quoted, with `&` and `"` escaped.
/// - URL attributes (`href`, `src`, ...) are resolved against the entry's base; a URL whose
///   scheme is not on the allowlist (`javascript:`, `vbscript:`, `data:` except images in `src`)
///   is emptied.
/// - `style` keeps only safe CSS declarations; a style that loses them all is dropped.
/// - Void elements print as `<br />`; comments are kept; declarations and processing
///   instructions are dropped; a `<` or `&` that starts no markup is escaped.
///
/// A single forward pass over the UTF-8 bytes; no regular expressions, no DOM. Stateless and
/// thread safe (all state lives in one call).
enum FeedSanitizer {
    /// Whether plain text looks like HTML (a tag opening), so it is treated as HTML.
    static func looksLikeHTML(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var prev: UInt8 = 0
        while let b = it.next() {
            if prev == UInt8(ascii: "<"), ((b | 0x20) >= 97 && (b | 0x20) <= 122) || b == UInt8(ascii: "/") { return true }
            prev = b
        }
        return false
    }

    /// Sanitises an HTML fragment.
    ///
    /// - Parameters:
    ///   - s: the fragment.
    ///   - base: the URL relative references are resolved against (nil: left relative).
    /// - Returns: the sanitised fragment, trimmed of surrounding white space.
    static func sanitize(_ s: String, base: String? = nil) -> String {
        var s = s
        return s.withUTF8 { sanitize(bytes: $0, base: base) }
    }

    /// Sanitises an HTML fragment given as UTF-8 bytes (see ``sanitize(_:base:)``).
    static func sanitize(bytes input: UnsafeBufferPointer<UInt8>, base: String?) -> String {
        var scratch = Scratch()
        return sanitize(bytes: input, base: base.flatMap(FeedURL.Base.init), scratch: &scratch)
    }

    /// Buffers one caller reuses across many fragments (a feed sanitises a few per entry), so
    /// a fragment costs no allocation beyond its result.
    struct Scratch {
        var out: [UInt8] = []
        var attrs: [AttributeRange] = []
        var kept: [KeptAttribute] = []
        var owned: [UInt8] = []
    }

    /// Sanitises UTF-8 bytes against an already parsed base, with reusable buffers.
    static func sanitize(bytes input: UnsafeBufferPointer<UInt8>, base: FeedURL.Base?, scratch: inout Scratch) -> String {
        guard input.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") || $0 == 0xC2 }) else {
            return String(decoding: trimmed(input), as: UTF8.self)
        }
        var run = Run(input: input, base: base, scratch: &scratch)
        run.process()
        let result = run.out.withUnsafeBufferPointer { String(decoding: trimmed($0), as: UTF8.self) }
        run.release(to: &scratch)
        return result
    }

    private static func trimmed<C: BidirectionalCollection>(_ c: C) -> C.SubSequence where C.Element == UInt8 {
        var start = c.startIndex
        var end = c.endIndex
        while start < end, isSpace(c[start]) { start = c.index(after: start) }
        while end > start, isSpace(c[c.index(before: end)]) { end = c.index(before: end) }
        return c[start..<end]
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 97 && (b | 0x20) <= 122
    }

    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    struct AttributeRange {
        var nameStart: Int, nameEnd: Int
        /// -1 when the attribute has no value (`<input checked>`).
        var valueStart: Int, valueEnd: Int
    }

    struct KeptAttribute {
        var name: UnsafeBufferPointer<UInt8>
        var rank: UInt16
        var owned: Bool
        var start: Int, end: Int
    }

    /// One sanitising pass.
    private struct Run {
        let input: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        /// Open `script`/`applet`/`style` elements; text is kept only at zero. As in feedparser,
        /// an unmatched end tag takes it below zero (text is dropped until a start tag brings it
        /// back), so `</script>x<script>y` keeps `y` as inert text. Either way no tag inside is
        /// ever printed: what survives is text, never executable markup.
        var dropDepth = 0
        var svgDepth = 0
        var mathDepth = 0
        /// Scratch buffers reused across tags.
        var attrs: [AttributeRange] = []
        /// Kept attributes of the current tag: a range of `input`, or of `owned` for values the
        /// sanitiser rewrote (URLs, styles).
        var kept: [KeptAttribute] = []
        var owned: [UInt8] = []
        /// The base relative URLs resolve against.
        let parsedBase: FeedURL.Base?

        /// Takes the scratch buffers (emptied) for the run; ``release(to:)`` gives them back.
        init(input: UnsafeBufferPointer<UInt8>, base: FeedURL.Base?, scratch: inout Scratch) {
            self.input = input
            self.parsedBase = base
            swap(&out, &scratch.out)
            swap(&attrs, &scratch.attrs)
            swap(&kept, &scratch.kept)
            swap(&owned, &scratch.owned)
            if !out.isEmpty { out.removeAll(keepingCapacity: true) }
            out.reserveCapacity(input.count + 16)
        }

        mutating func release(to scratch: inout Scratch) {
            swap(&out, &scratch.out)
            swap(&attrs, &scratch.attrs)
            swap(&kept, &scratch.kept)
            swap(&owned, &scratch.owned)
        }

        mutating func process() {
            let n = input.count
            var i = 0
            var textStart = 0
            guard let base = input.baseAddress else { return }
            while i < n {
                // Eight bytes at a time; the lowest flag is the first `<` or `&` (most text has none).
                if i + 8 <= n {
                    let m = Run.markupMask(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if m == 0 { i += 8; continue }
                    i += m.trailingZeroBitCount >> 3
                }
                let b = input[i]
                if b != UInt8(ascii: "<") && b != UInt8(ascii: "&") {
                    if b == 0xC2, i + 1 < n, let mapped = Run.windows1252(input[i + 1]) {
                        // A C1 control in HTML is a windows-1252 character mislabelled (`don\u{92}t`
                        // means `don’t`), as browsers and feedparser read it.
                        flushText(textStart, i)
                        if dropDepth == 0 { XMLEntities.appendUTF8(mapped, to: &out) }
                        i += 2
                        textStart = i
                        continue
                    }
                    i += 1
                    continue
                }
                if b == UInt8(ascii: "&") {
                    let end = Run.referenceEnd(input, i)
                    // A well-formed reference stays in the text run, copied as written.
                    if end > i { i = end; continue }
                    flushText(textStart, i)
                    if dropDepth == 0 { out.append(contentsOf: "&amp;".utf8) }
                    i += 1
                    textStart = i
                    continue
                }
                flushText(textStart, i)
                let next = markup(at: i)
                if next == i {
                    if dropDepth == 0 { out.append(contentsOf: "&lt;".utf8) }
                    i += 1
                } else {
                    i = next
                }
                textStart = i
            }
            flushText(textStart, n)
        }

        /// Flags the bytes of eight that are `<`, `&` or 0xC2 (the lead byte of U+0080...U+00BF)
        /// with a SWAR zero-byte test on `x ^ c`; a borrow can flag bytes above a real match, never
        /// below, so the lowest flag is exact.
        @inline(__always) static func markupMask(_ x: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let lt = x ^ (ones &* 0x3C), amp = x ^ (ones &* 0x26), c2 = x ^ (ones &* 0xC2)
            return ((lt &- ones) & ~lt & highs) | ((amp &- ones) & ~amp & highs) | ((c2 &- ones) & ~c2 & highs)
        }

        /// The windows-1252 character for the C1 control whose UTF-8 second byte is `b`
        /// (U+0080...U+009F), or nil (not a C1 control, or one of the five bytes 1252 leaves
        /// undefined).
        static func windows1252(_ b: UInt8) -> Unicode.Scalar? {
            guard b >= 0x80, b <= 0x9F else { return nil }
            let v = Windows1252C1.table[Int(b - 0x80)]
            return v == 0 ? nil : Unicode.Scalar(v)
        }

        @inline(__always) mutating func flushText(_ from: Int, _ to: Int) {
            guard to > from, dropDepth == 0 else { return }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[from..<to]))
        }

        /// The end of a character or entity reference starting at `i` (`&...;`), or `i`.
        /// Static, like ``find(_:_:from:)``: a non-mutating method called from the mutating scan
        /// made the compiler copy the whole run (its buffers) for each call.
        static func referenceEnd(_ input: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
            let n = input.count
            var j = i + 1
            guard j < n else { return i }
            if input[j] == UInt8(ascii: "#") {
                j += 1
                var hex = false
                if j < n, input[j] == UInt8(ascii: "x") || input[j] == UInt8(ascii: "X") { hex = true; j += 1 }
                let digitsStart = j
                while j < n {
                    let c = input[j]
                    let ok = (c >= 48 && c <= 57) || (hex && (((c | 0x20) >= 97) && ((c | 0x20) <= 102)))
                    if !ok { break }
                    j += 1
                }
                guard j > digitsStart, j < n, input[j] == UInt8(ascii: ";") else { return i }
                return j + 1
            }
            guard isLetter(input[j]) else { return i }
            while j < n, j - i < 40, isLetter(input[j]) || (input[j] >= 48 && input[j] <= 57) { j += 1 }
            guard j < n, input[j] == UInt8(ascii: ";") else { return i }
            return j + 1
        }

        /// Handles the markup starting with `<` at `i`; returns the index after it, or `i` when
        /// the `<` starts no markup (it is then text).
        mutating func markup(at i: Int) -> Int {
            let n = input.count
            guard i + 1 < n else { return i }
            let c = input[i + 1]
            if c == UInt8(ascii: "!") {
                if i + 3 < n, input[i + 2] == UInt8(ascii: "-"), input[i + 3] == UInt8(ascii: "-") {
                    guard let close = Run.find(input, "-->", from: i + 4) else { return i }
                    if dropDepth == 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<(close + 3)])) }
                    return close + 3
                }
                // A declaration (`<!DOCTYPE ...>`) is dropped; `<![CDATA[` and the like are text.
                guard i + 2 < n, FeedSanitizer.isLetter(input[i + 2]), let gt = Run.find(input, ">", from: i + 2) else { return i }
                return gt + 1
            }
            if c == UInt8(ascii: "?") {
                guard let gt = Run.find(input, ">", from: i + 2) else { return i }
                return gt + 1
            }
            if c == UInt8(ascii: "/") {
                guard i + 2 < n, FeedSanitizer.isLetter(input[i + 2]) else { return i }
                var j = i + 2
                while j < n, FeedSanitizer.isNameByte(input[j]) { j += 1 }
                guard let gt = Run.find(input, ">", from: j) else { return i }
                endTag(nameStart: i + 2, nameEnd: j)
                return gt + 1
            }
            guard FeedSanitizer.isLetter(c) else { return i }
            var j = i + 1
            while j < n, FeedSanitizer.isNameByte(input[j]) { j += 1 }
            let nameEnd = j
            // Attributes, up to the closing '>' (quotes respected), as byte ranges.
            if !attrs.isEmpty { attrs.removeAll(keepingCapacity: true) }
            var selfClosing = false
            var closed = false
            while j < n {
                let b = input[j]
                if b == UInt8(ascii: ">") { closed = true; j += 1; break }
                if FeedSanitizer.isSpace(b) { j += 1; continue }
                if b == UInt8(ascii: "/") {
                    if j + 1 < n, input[j + 1] == UInt8(ascii: ">") { selfClosing = true }
                    j += 1; continue
                }
                let ns = j
                while j < n {
                    let a = input[j]
                    if FeedSanitizer.isSpace(a) || a == UInt8(ascii: "=") || a == UInt8(ascii: ">")
                        || a == UInt8(ascii: "/") { break }
                    j += 1
                }
                if j == ns { j += 1; continue }  // a stray quote
                let ne = j
                var k = j
                while k < n, FeedSanitizer.isSpace(input[k]) { k += 1 }
                guard k < n, input[k] == UInt8(ascii: "=") else {
                    attrs.append(AttributeRange(nameStart: ns, nameEnd: ne, valueStart: -1, valueEnd: -1))
                    continue
                }
                k += 1
                while k < n, FeedSanitizer.isSpace(input[k]) { k += 1 }
                guard k < n else { j = k; break }
                let q = input[k]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    var e = k + 1
                    while e < n, input[e] != q { e += 1 }
                    guard e < n else { j = n; break }
                    attrs.append(AttributeRange(nameStart: ns, nameEnd: ne, valueStart: k + 1, valueEnd: e))
                    j = e + 1
                } else {
                    var e = k
                    while e < n, !FeedSanitizer.isSpace(input[e]), input[e] != UInt8(ascii: ">") { e += 1 }
                    attrs.append(AttributeRange(nameStart: ns, nameEnd: ne, valueStart: k, valueEnd: e))
                    j = e
                }
            }
            guard closed else { return i }
            startTag(nameStart: i + 1, nameEnd: nameEnd, selfClosing: selfClosing)
            return j
        }

        static func find(_ input: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
            let p = needle.utf8Start
            let m = needle.utf8CodeUnitCount
            let n = input.count
            var k = from
            while k + m <= n {
                if input[k] == p[0] {
                    var ok = true
                    var t = 1
                    while t < m { if input[k + t] != p[t] { ok = false; break }; t += 1 }
                    if ok { return k }
                }
                k += 1
            }
            return nil
        }

        // MARK: Elements

        mutating func startTag(nameStart: Int, nameEnd: Int, selfClosing: Bool) {
            let nameBytes = UnsafeBufferPointer(rebasing: input[nameStart..<nameEnd])
            guard let element = FeedHTMLPolicy.elementTable.lookup(nameBytes) else { return }
            let flags = element.flags
            if flags & FeedHTMLPolicy.elementDrop != 0 { dropDepth += 1; return }
            guard dropDepth == 0 else { return }
            let isSVG = flags & FeedHTMLPolicy.elementSVGRoot != 0
            let isMath = flags & FeedHTMLPolicy.elementMathRoot != 0
            var foreign = false
            if flags & FeedHTMLPolicy.elementSVG != 0, svgDepth > 0 || isSVG {
                foreign = true
            } else if flags & FeedHTMLPolicy.elementMath != 0, mathDepth > 0 || isMath {
                foreign = true
            } else if flags & FeedHTMLPolicy.elementHTML == 0 {
                return
            }
            if isSVG, !selfClosing { svgDepth += 1 }
            if isMath, !selfClosing { mathDepth += 1 }
            if !kept.isEmpty { kept.removeAll(keepingCapacity: true) }
            if !owned.isEmpty { owned.removeAll(keepingCapacity: true) }
            var hasXMLNS = false
            var hasXlinkNS = false
            var usesXlink = false
            for r in attrs {
                let attrBytes = UnsafeBufferPointer(rebasing: input[r.nameStart..<r.nameEnd])
                guard let attribute = FeedHTMLPolicy.attributeTable.lookup(attrBytes) else { continue }
                let aflags = attribute.flags
                let allowed = aflags & FeedHTMLPolicy.attributeHTML != 0
                    || (foreign && aflags & FeedHTMLPolicy.attributeForeign != 0)
                guard allowed else { continue }
                // Names shared by HTML and SVG/MathML are lowercase in both lists, so the
                // table's spelling is right for either; the first occurrence of a name wins.
                if kept.contains(where: { $0.rank == attribute.rank }) { continue }
                if foreign {
                    if aflags & FeedHTMLPolicy.attributeXMLNS != 0 { hasXMLNS = true }
                    if aflags & FeedHTMLPolicy.attributeXlinkNS != 0 { hasXlinkNS = true }
                    if aflags & FeedHTMLPolicy.attributeXlink != 0 { usesXlink = true }
                }
                let (vs, ve) = r.valueStart >= 0 ? (r.valueStart, r.valueEnd) : (r.nameStart, r.nameEnd)
                let raw = UnsafeBufferPointer(rebasing: input[vs..<ve])
                if aflags & FeedHTMLPolicy.attributeStyle != 0 {
                    let from = owned.count
                    guard FeedCSSSanitizer.sanitize(raw, appendingTo: &owned) else { continue }
                    kept.append(KeptAttribute(name: attribute.name, rank: attribute.rank, owned: true,
                                              start: from, end: owned.count))
                } else if aflags & FeedHTMLPolicy.attributeURL != 0, !Run.startsWithHTTPScheme(raw) {
                    let from = owned.count
                    appendCleanURL(raw, isImageSource: attribute.name.elementsEqual("src".utf8)
                                   || attribute.name.elementsEqual("poster".utf8))
                    kept.append(KeptAttribute(name: attribute.name, rank: attribute.rank, owned: true,
                                              start: from, end: owned.count))
                } else {
                    kept.append(KeptAttribute(name: attribute.name, rank: attribute.rank, owned: false, start: vs, end: ve))
                }
            }
            if foreign {
                if let xmlns = Run.xmlnsName {
                    if isSVG, !hasXMLNS { keepOwned(xmlns, Array("http://www.w3.org/2000/svg".utf8)) }
                    if isMath, !hasXMLNS { keepOwned(xmlns, Array("http://www.w3.org/1998/Math/MathML".utf8)) }
                }
                if usesXlink, !hasXlinkNS, let xlink = Run.xmlnsXlinkName {
                    keepOwned(xlink, Array("http://www.w3.org/1999/xlink".utf8))
                }
            }
            // Attributes print sorted by name; ranks are the names' byte order (insertion sort:
            // a tag has a handful).
            if kept.count > 1 {
                for x in 1..<kept.count {
                    let item = kept[x]
                    var y = x
                    while y > 0, kept[y - 1].rank > item.rank { kept[y] = kept[y - 1]; y -= 1 }
                    kept[y] = item
                }
            }
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: element.name)
            for k in kept.indices {
                let a = kept[k]
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: a.name)
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: "\""))
                if a.owned {
                    owned.withUnsafeBufferPointer { appendAttributeValue(UnsafeBufferPointer(rebasing: $0[a.start..<a.end])) }
                } else {
                    appendAttributeValue(UnsafeBufferPointer(rebasing: input[a.start..<a.end]))
                }
                out.append(UInt8(ascii: "\""))
            }
            if flags & FeedHTMLPolicy.elementVoid != 0 {
                out.append(contentsOf: " />".utf8)
            } else {
                out.append(UInt8(ascii: ">"))
            }
        }

        /// Keeps an attribute whose value the sanitiser produced itself.
        mutating func keepOwned(_ attribute: FeedNameTable.Entry, _ value: [UInt8]) {
            let from = owned.count
            owned.append(contentsOf: value)
            kept.append(KeptAttribute(name: attribute.name, rank: attribute.rank, owned: true, start: from, end: owned.count))
        }

        static let xmlnsName = FeedHTMLPolicy.attributeTable.lookup("xmlns")
        static let xmlnsXlinkName = FeedHTMLPolicy.attributeTable.lookup("xmlns:xlink")

        mutating func endTag(nameStart: Int, nameEnd: Int) {
            let nameBytes = UnsafeBufferPointer(rebasing: input[nameStart..<nameEnd])
            guard let element = FeedHTMLPolicy.elementTable.lookup(nameBytes) else { return }
            let flags = element.flags
            if flags & FeedHTMLPolicy.elementDrop != 0 { dropDepth -= 1; return }
            guard dropDepth == 0 else { return }
            if flags & FeedHTMLPolicy.elementSVG != 0, svgDepth > 0 {
            } else if flags & FeedHTMLPolicy.elementMath != 0, mathDepth > 0 {
            } else if flags & FeedHTMLPolicy.elementHTML == 0 || flags & FeedHTMLPolicy.elementVoid != 0 {
                return
            }
            if flags & FeedHTMLPolicy.elementSVGRoot != 0, svgDepth > 0 { svgDepth -= 1 }
            if flags & FeedHTMLPolicy.elementMathRoot != 0, mathDepth > 0 { mathDepth -= 1 }
            out.append(UInt8(ascii: "<"))
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: element.name)
            out.append(UInt8(ascii: ">"))
        }

        /// Keeps character references as written; escapes a bare `&`, `"` and `<`.
        mutating func appendAttributeValue(_ v: UnsafeBufferPointer<UInt8>) {
            // Copy runs between the bytes that need escaping, not byte by byte.
            var from = 0
            var k = 0
            while k < v.count {
                let b = v[k]
                if b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "<") {
                    if b == UInt8(ascii: "&"), Run.isReference(v, k) { k += 1; continue }
                    if k > from { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[from..<k])) }
                    switch b {
                    case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                    case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                    default: out.append(contentsOf: "&lt;".utf8)
                    }
                    from = k + 1
                }
                k += 1
            }
            if v.count > from { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[from...])) }
        }

        static func isReference(_ v: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
            var j = k + 1
            guard j < v.count else { return false }
            if v[j] == UInt8(ascii: "#") { j += 1; if j < v.count, v[j] | 0x20 == UInt8(ascii: "x") { j += 1 } }
            let start = j
            while j < v.count, FeedSanitizer.isLetter(v[j]) || (v[j] >= 48 && v[j] <= 57) { j += 1 }
            return j > start && j < v.count && v[j] == UInt8(ascii: ";")
        }

        /// Appends a URL attribute's value to `owned`: resolved against the base, or nothing
        /// when its scheme is not allowed.
        mutating func appendCleanURL(_ raw: UnsafeBufferPointer<UInt8>, isImageSource: Bool) {
            // Fast path: a plain absolute http(s) URL with no references or control characters.
            if Run.isPlainHTTP(raw) { owned.append(contentsOf: raw); return }
            // Decode references and drop control characters and white space before judging the
            // scheme: `java&#x09;script:` and `&#106;avascript:` are the same attack.
            let decoded: [UInt8] = raw.contains(UInt8(ascii: "&"))
                ? Array(XMLEntities.decodeAttribute(raw).utf8) : Array(raw)
            var scheme: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var schemeLength = 0
            var hasScheme = false
            for b in decoded {
                if b <= 0x20 || b == 0x7F { continue }
                if b == UInt8(ascii: ":") { hasScheme = schemeLength > 0; break }
                if FeedSanitizer.isLetter(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "+")
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") {
                    // Packed like FeedNameTable keys (lowercase, 8 bytes a word); longer than
                    // 24 bytes is no scheme on the list.
                    if schemeLength < 24 {
                        let v = UInt64(b | (FeedSanitizer.isLetter(b) ? 0x20 : 0)) << UInt64((schemeLength & 7) * 8)
                        switch schemeLength >> 3 {
                        case 0: scheme.0 |= v
                        case 1: scheme.1 |= v
                        default: scheme.2 |= v
                        }
                    }
                    schemeLength += 1
                    continue
                }
                break
            }
            if hasScheme {
                if schemeLength <= 24, let known = FeedHTMLPolicy.urlSchemeTable.lookup(packed: scheme) {
                    if known.flags & FeedHTMLPolicy.schemeAllowed != 0 { owned.append(contentsOf: raw); return }
                    if known.flags & FeedHTMLPolicy.schemeData != 0, isImageSource,
                       decoded.count > 11, decoded[5...].starts(with: "image/".utf8) {
                        owned.append(contentsOf: raw)
                    }
                }
                return
            }
            guard let parsedBase, !raw.isEmpty else { owned.append(contentsOf: raw); return }
            let t = FeedSanitizer.trimmed(raw)
            FeedURL.appendResolved(t.isEmpty ? raw : UnsafeBufferPointer(rebasing: t), against: parsedBase, to: &owned)
        }

        /// Whether the value starts with `http:` or `https:` as written (any case): then
        /// decoding references cannot change its scheme, and an allowed scheme keeps the value
        /// as is, so the URL check has nothing to do.
        static func startsWithHTTPScheme(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
            guard raw.count > 5, raw[0] | 0x20 == UInt8(ascii: "h"), raw[1] | 0x20 == UInt8(ascii: "t"),
                  raw[2] | 0x20 == UInt8(ascii: "t"), raw[3] | 0x20 == UInt8(ascii: "p") else { return false }
            return raw[4] == UInt8(ascii: ":") || (raw[4] | 0x20 == UInt8(ascii: "s") && raw[5] == UInt8(ascii: ":"))
        }

        static func isPlainHTTP(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
            guard raw.count > 8, raw[0] | 0x20 == UInt8(ascii: "h"), raw[1] | 0x20 == UInt8(ascii: "t"),
                  raw[2] | 0x20 == UInt8(ascii: "t"), raw[3] | 0x20 == UInt8(ascii: "p") else { return false }
            var k = 4
            if raw[k] | 0x20 == UInt8(ascii: "s") { k += 1 }
            guard raw[k] == UInt8(ascii: ":"), raw[k + 1] == UInt8(ascii: "/"), raw[k + 2] == UInt8(ascii: "/") else { return false }
            for b in raw where b <= 0x20 || b == 0x7F || b == UInt8(ascii: "&") { return false }
            return true
        }
    }
}

/// windows-1252's characters for 0x80...0x9F (0: undefined there).
enum Windows1252C1 {
    static let table: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
