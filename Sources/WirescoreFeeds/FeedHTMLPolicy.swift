/// The allowlists ``FeedSanitizer`` applies: HTML elements and attributes that cannot run code
/// or load active content, the SVG and MathML vocabularies allowed inside `svg` and `math`, and
/// the URL schemes a link may use.
///
/// The lists follow the long-standing html5lib/feedparser sanitiser vocabulary so that readers
/// that compare with Python feedparser see the same markup. `autoplay` is deliberately absent.
enum FeedHTMLPolicy {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
        "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
        "event-source", "fieldset", "figcaption", "figure", "footer", "font", "form", "header", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "keygen", "kbd", "label", "legend", "li",
        "m", "map", "menu", "meter", "multicol", "nav", "nextid", "ol", "output", "optgroup", "option", "p",
        "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer",
        "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "time", "tfoot", "th",
        "thead", "tr", "tt", "u", "ul", "var", "video", "noscript",
    ]

    /// Elements whose content is dropped with them.
    static let dropContent: Set<String> = ["script", "applet", "style"]

    /// Elements printed as `<name />` and never closed.
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
        "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    static let attributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete",
        "autofocus", "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor",
        "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch",
        "challenge", "char", "charoff", "charset", "checked", "choff", "cite", "class", "clear", "color",
        "cols", "colspan", "compact", "contenteditable", "controls", "coords", "data", "datafld",
        "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled", "draggable",
        "dynsrc", "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers",
        "height", "hidefocus", "hidden", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode",
        "ismap", "keytype", "label", "lang", "leftspacing", "list", "longdesc", "loop", "loopcount",
        "loopend", "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method", "min", "multiple",
        "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping", "point-size",
        "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min",
        "replace", "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope", "selected",
        "shape", "size", "span", "src", "start", "step", "style", "summary", "suppress", "tabindex",
        "target", "template", "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign",
        "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ]

    /// Attributes holding a URL: resolved against the base, scheme-checked.
    static let urlAttributes: Set<String> = [
        "action", "background", "cite", "codebase", "data", "dynsrc", "href", "longdesc", "lowsrc",
        "poster", "src", "usemap", "xlink:href",
    ]

    /// Schemes a URL attribute may use (anything else is emptied; `data:` only for images).
    static let urlSchemes: Set<String> = [
        "http", "https", "ftp", "ftps", "sftp", "mailto", "news", "nntp", "tel", "urn", "feed", "webcal",
        "irc", "ircs", "xmpp", "magnet", "git", "svn", "ssh", "rtsp", "mms", "aim", "callto", "skype",
        "sip", "sips", "gopher", "telnet",
    ]

    /// Lowercase SVG element name -> its printed (camel-case) spelling.
    static let svgElements: [String: String] = {
        let names = [
            "a", "animate", "animateColor", "animateMotion", "animateTransform", "circle", "defs", "desc",
            "ellipse", "font-face", "font-face-name", "font-face-src", "g", "glyph", "hkern",
            "linearGradient", "line", "marker", "metadata", "missing-glyph", "mpath", "path", "polygon",
            "polyline", "radialGradient", "rect", "set", "stop", "svg", "switch", "text", "title", "tspan",
            "use",
        ]
        return Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }()

    static let mathElements: Set<String> = [
        "annotation", "annotation-xml", "maction", "math", "merror", "mfenced", "mfrac", "mi",
        "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow",
        "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder",
        "munderover", "none", "semantics",
    ]

    /// Lowercase SVG/MathML attribute name -> its printed spelling (allowed in foreign content).
    static let foreignAttributes: [String: String] = {
        let names = [
            "accent-height", "accumulate", "additive", "alphabetic", "arabic-form", "ascent",
            "attributeName", "attributeType", "baseProfile", "bbox", "begin", "by", "calcMode", "cap-height",
            "class", "color", "color-rendering", "content", "cx", "cy", "d", "dx", "dy", "descent", "display",
            "dur", "end", "fill", "fill-opacity", "fill-rule", "font-family", "font-size", "font-stretch",
            "font-style", "font-variant", "font-weight", "from", "fx", "fy", "g1", "g2", "glyph-name",
            "gradientUnits", "hanging", "height", "horiz-adv-x", "horiz-origin-x", "id", "ideographic", "k",
            "keyPoints", "keySplines", "keyTimes", "lang", "marker-end", "marker-mid", "marker-start",
            "markerHeight", "markerUnits", "markerWidth", "mathematical", "max", "min", "name", "offset",
            "opacity", "orient", "origin", "overline-position", "overline-thickness", "panose-1", "path",
            "pathLength", "points", "preserveAspectRatio", "r", "refX", "refY", "repeatCount", "repeatDur",
            "requiredExtensions", "requiredFeatures", "restart", "rotate", "rx", "ry", "slope", "stemh",
            "stemv", "stop-color", "stop-opacity", "strikethrough-position", "strikethrough-thickness",
            "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
            "stroke-miterlimit", "stroke-opacity", "stroke-width", "systemLanguage", "target",
            "text-anchor", "to", "transform", "type", "u1", "u2", "underline-position",
            "underline-thickness", "unicode", "unicode-range", "units-per-em", "values", "version",
            "viewBox", "visibility", "width", "widths", "x", "x-height", "x1", "x2", "xlink:actuate",
            "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type",
            "xml:base", "xml:lang", "xml:space", "xmlns", "xmlns:xlink", "y", "y1", "y2", "zoomAndPan",
            // MathML
            "actiontype", "align", "columnalign", "columnlines", "columnspacing", "columnspan", "depth",
            "displaystyle", "encoding", "equalcolumns", "equalrows", "fence", "fontstyle", "fontweight",
            "frame", "linethickness", "lspace", "mathbackground", "mathcolor", "mathvariant", "maxsize",
            "minsize", "open", "other", "rowalign", "rowlines", "rowspacing", "rowspan", "rspace",
            "scriptlevel", "selection", "separator", "separators", "stretchy",
        ]
        return Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }()

    // MARK: Packed lookups used on the hot path

    static let elementHTML: UInt16 = 1, elementVoid: UInt16 = 2, elementDrop: UInt16 = 4
    static let elementSVG: UInt16 = 8, elementMath: UInt16 = 16
    /// `svg` and `math` themselves: they open foreign content.
    static let elementSVGRoot: UInt16 = 32, elementMathRoot: UInt16 = 64

    /// Every element name the sanitiser knows, with its canonical spelling and role flags.
    static let elementTable: FeedNameTable = {
        var names: [(String, UInt16)] = []
        names += svgElements.values.map { ($0, elementSVG) }
        names += elements.map { ($0, elementHTML) }
        names += voidElements.map { ($0, elementVoid) }
        names += dropContent.map { ($0, elementDrop) }
        names += mathElements.map { ($0, elementMath) }
        names += [("svg", elementSVGRoot), ("math", elementMathRoot)]
        return FeedNameTable(names)
    }()

    static let attributeHTML: UInt16 = 1, attributeURL: UInt16 = 2, attributeForeign: UInt16 = 4
    /// Attributes the sanitiser treats specially, flagged so it never compares strings:
    /// `style` (CSS-cleaned), `xmlns`, `xmlns:xlink`, and any `xlink:` attribute (needs the
    /// xlink namespace declared).
    static let attributeStyle: UInt16 = 8, attributeXMLNS: UInt16 = 16
    static let attributeXlinkNS: UInt16 = 32, attributeXlink: UInt16 = 64

    /// Every attribute name the sanitiser keeps, with its canonical spelling and role flags.
    static let attributeTable: FeedNameTable = {
        var names: [(String, UInt16)] = []
        names += foreignAttributes.values.map { ($0, attributeForeign) }
        names += attributes.map { ($0, attributeHTML) }
        names += urlAttributes.map { ($0, attributeURL) }
        names += [("style", attributeStyle), ("xmlns", attributeXMLNS), ("xmlns:xlink", attributeXlinkNS)]
        names += foreignAttributes.values.filter { $0.hasPrefix("xlink:") }.map { ($0, attributeXlink) }
        return FeedNameTable(names)
    }()

    static let schemeAllowed: UInt16 = 1, schemeData: UInt16 = 2

    /// ``urlSchemes`` plus `data` (allowed for images only), looked up without a `String`.
    static let urlSchemeTable: FeedNameTable = {
        FeedNameTable(urlSchemes.map { ($0, schemeAllowed) } + [("data", schemeData)])
    }()
}
