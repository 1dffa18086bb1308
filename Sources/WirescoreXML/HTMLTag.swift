/// An interned element name: comparing tags is comparing two integers.
///
/// The common HTML elements have fixed ids (the static members), so an extractor can switch on
/// them without string compares; any other name gets a per-document id above those.
public struct HTMLTag: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    static let knownNames: [String] = [
        "#document", "#text", "html", "head", "body", "title", "meta", "link", "script", "style",
        "noscript", "p", "div", "span", "a", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
        "li", "article", "main", "section", "nav", "header", "footer", "aside", "form", "figure",
        "figcaption", "img", "table", "tr", "td", "th", "tbody", "blockquote", "pre", "code", "time",
        "iframe", "svg", "button", "input", "select", "textarea", "label", "dl", "dt", "dd", "em",
        "strong", "b", "i", "u", "hr", "template", "picture", "video", "audio", "source", "caption",
        "address", "details", "summary", "menu", "option", "canvas", "object", "embed", "sup", "sub",
        "small", "cite", "q", "abbr", "mark", "font", "center", "thead", "tfoot", "dialog", "base",
        "rt", "rp",
    ]
    static let knownIDs: [String: UInt16] = {
        var d: [String: UInt16] = [:]
        for (i, n) in knownNames.enumerated() { d[n] = UInt16(i) }
        return d
    }()

    public static let document = HTMLTag(rawValue: 0), text = HTMLTag(rawValue: 1), html = HTMLTag(rawValue: 2)
    public static let head = HTMLTag(rawValue: 3), body = HTMLTag(rawValue: 4), title = HTMLTag(rawValue: 5)
    public static let meta = HTMLTag(rawValue: 6), link = HTMLTag(rawValue: 7), script = HTMLTag(rawValue: 8)
    public static let style = HTMLTag(rawValue: 9), noscript = HTMLTag(rawValue: 10), p = HTMLTag(rawValue: 11)
    public static let div = HTMLTag(rawValue: 12), span = HTMLTag(rawValue: 13), a = HTMLTag(rawValue: 14)
    public static let br = HTMLTag(rawValue: 15), h1 = HTMLTag(rawValue: 16), h2 = HTMLTag(rawValue: 17)
    public static let h3 = HTMLTag(rawValue: 18), h4 = HTMLTag(rawValue: 19), h5 = HTMLTag(rawValue: 20)
    public static let h6 = HTMLTag(rawValue: 21), ul = HTMLTag(rawValue: 22), ol = HTMLTag(rawValue: 23)
    public static let li = HTMLTag(rawValue: 24), article = HTMLTag(rawValue: 25), main = HTMLTag(rawValue: 26)
    public static let section = HTMLTag(rawValue: 27), nav = HTMLTag(rawValue: 28), header = HTMLTag(rawValue: 29)
    public static let footer = HTMLTag(rawValue: 30), aside = HTMLTag(rawValue: 31), form = HTMLTag(rawValue: 32)
    public static let figure = HTMLTag(rawValue: 33), figcaption = HTMLTag(rawValue: 34), img = HTMLTag(rawValue: 35)
    public static let table = HTMLTag(rawValue: 36), tr = HTMLTag(rawValue: 37), td = HTMLTag(rawValue: 38)
    public static let th = HTMLTag(rawValue: 39), tbody = HTMLTag(rawValue: 40), blockquote = HTMLTag(rawValue: 41)
    public static let pre = HTMLTag(rawValue: 42), code = HTMLTag(rawValue: 43), time = HTMLTag(rawValue: 44)
    public static let iframe = HTMLTag(rawValue: 45), svg = HTMLTag(rawValue: 46), button = HTMLTag(rawValue: 47)
    public static let input = HTMLTag(rawValue: 48), select = HTMLTag(rawValue: 49), textarea = HTMLTag(rawValue: 50)
    public static let label = HTMLTag(rawValue: 51), dl = HTMLTag(rawValue: 52), dt = HTMLTag(rawValue: 53)
    public static let dd = HTMLTag(rawValue: 54), em = HTMLTag(rawValue: 55), strong = HTMLTag(rawValue: 56)
    public static let b = HTMLTag(rawValue: 57), i = HTMLTag(rawValue: 58), u = HTMLTag(rawValue: 59)
    public static let hr = HTMLTag(rawValue: 60), template = HTMLTag(rawValue: 61), picture = HTMLTag(rawValue: 62)
    public static let video = HTMLTag(rawValue: 63), audio = HTMLTag(rawValue: 64), source = HTMLTag(rawValue: 65)
    public static let caption = HTMLTag(rawValue: 66), address = HTMLTag(rawValue: 67), details = HTMLTag(rawValue: 68)
    public static let summary = HTMLTag(rawValue: 69), menu = HTMLTag(rawValue: 70), option = HTMLTag(rawValue: 71)
    public static let canvas = HTMLTag(rawValue: 72), object = HTMLTag(rawValue: 73), embed = HTMLTag(rawValue: 74)
    public static let sup = HTMLTag(rawValue: 75), sub = HTMLTag(rawValue: 76), small = HTMLTag(rawValue: 77)
    public static let cite = HTMLTag(rawValue: 78), q = HTMLTag(rawValue: 79), abbr = HTMLTag(rawValue: 80)
    public static let mark = HTMLTag(rawValue: 81), font = HTMLTag(rawValue: 82), center = HTMLTag(rawValue: 83)
    public static let thead = HTMLTag(rawValue: 84), tfoot = HTMLTag(rawValue: 85), dialog = HTMLTag(rawValue: 86)
    public static let base = HTMLTag(rawValue: 87)
    /// Ruby annotations: the reading printed above East Asian characters (furigana), and the
    /// fallback parentheses around it.
    public static let rt = HTMLTag(rawValue: 88), rp = HTMLTag(rawValue: 89)
}
