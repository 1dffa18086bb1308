/// Removes markup a feed reader must not render, as feedparser's sanitiser does: elements
/// outside a whitelist lose their tags (their text stays); `script`, `applet` and `style` lose
/// their content too. Attributes are kept as written. A byte scanner, no regex.
enum FeedSanitizer {
    private static let acceptable: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
        "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
        "event-source", "fieldset", "figcaption", "figure", "footer", "font", "form", "header", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "keygen", "kbd", "label", "legend", "li",
        "m", "map", "menu", "meter", "multicol", "nav", "nextid", "ol", "output", "optgroup", "option", "p",
        "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer",
        "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "time", "tfoot", "th",
        "thead", "tr", "tt", "u", "ul", "var", "video", "noscript",
        // MathML and SVG are kept as feedparser does.
        "math", "mrow", "mi", "mo", "mn", "msup", "msub", "mfrac", "msqrt", "mtext", "svg", "circle",
        "rect", "path", "g", "desc", "title", "line", "polygon", "polyline", "ellipse", "text",
    ]
    private static let dropContent: Set<String> = ["script", "applet", "style"]

    /// Whether plain text looks like HTML (a known tag or an entity), so it is treated as HTML.
    static func looksLikeHTML(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var prev: UInt8 = 0
        while let b = it.next() {
            if prev == UInt8(ascii: "<"), (b | 0x20) >= 97, (b | 0x20) <= 122 || b == UInt8(ascii: "/") { return true }
            prev = b
        }
        return false
    }

    static func sanitize(_ s: String) -> String {
        let u = Array(s.utf8)
        guard u.contains(UInt8(ascii: "<")) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        let n = u.count
        while i < n {
            guard u[i] == UInt8(ascii: "<") else { out.append(u[i]); i += 1; continue }
            var j = i + 1
            let closing = j < n && u[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < n, isNameByte(u[j]) { j += 1 }
            guard j > nameStart else { out.append(u[i]); i += 1; continue }
            let name = String(decoding: u[nameStart..<j], as: UTF8.self).lowercased()
            // End of the tag, skipping quoted attribute values.
            var k = j
            var quote: UInt8 = 0
            while k < n {
                let c = u[k]
                if quote != 0 { if c == quote { quote = 0 } }
                else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
                else if c == UInt8(ascii: ">") { break }
                k += 1
            }
            let tagEnd = min(k + 1, n)
            if acceptable.contains(name) {
                out.append(contentsOf: u[i..<tagEnd])
                i = tagEnd
            } else if !closing, dropContent.contains(name) {
                // Skip to the matching close tag (or the end).
                let close = Array("</\(name)".utf8)
                var m = tagEnd
                var found = n
                while m + close.count <= n {
                    if u[m] == UInt8(ascii: "<"), zip(u[m..<(m + close.count)], close).allSatisfy({ lower($0) == $1 }) {
                        var e = m + close.count
                        while e < n, u[e] != UInt8(ascii: ">") { e += 1 }
                        found = min(e + 1, n)
                        break
                    }
                    m += 1
                }
                i = found
            } else {
                i = tagEnd
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        ((b | 0x20) >= 97 && (b | 0x20) <= 122) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
    }

    private static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
}
