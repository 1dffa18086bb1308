import WirescoreXML

/// One feed entry of an OPML feed list.
public struct OPMLOutline: Sendable, Equatable {
    public var text: String?
    public var title: String?
    public var xmlUrl: String?
    public var htmlUrl: String?
    public var type: String?
    public var category: String?
    /// An explicit id attribute (a wirescore extension), used as the feed's id when present.
    public var id: String?
    /// 1-based line of the `<outline>` element, for error messages.
    public var line: Int

    public init(text: String? = nil, title: String? = nil, xmlUrl: String? = nil, htmlUrl: String? = nil,
                type: String? = nil, category: String? = nil, id: String? = nil, line: Int) {
        self.text = text; self.title = title; self.xmlUrl = xmlUrl; self.htmlUrl = htmlUrl
        self.type = type; self.category = category; self.id = id; self.line = line
    }
}

/// Why an OPML file was refused, with the line where libxml2 or the check found it.
public struct OPMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public init(_ message: String, line: Int?) { self.message = message; self.line = line }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// Reads OPML 2.0 feed lists (outlines flattened; folders' categories passed down).
///
/// Unlike feeds, a feed list is configuration: it is parsed strictly, and the first XML error
/// is reported with its line rather than recovered from, so `wirescore validate` can point at it.
public enum OPMLParser {
    public static func parse(_ data: [UInt8]) throws(OPMLError) -> [OPMLOutline] {
        let collector = OPMLCollector()
        let parser = XMLStreamParser(delegate: collector)
        let report = parser.parse(data)
        if let error = report.firstError {
            throw OPMLError("not well-formed XML: \(error)", line: report.firstErrorLine)
        }
        guard let root = collector.rootName else { throw OPMLError("no XML element found", line: nil) }
        guard root == "opml" else { throw OPMLError("the root element is <\(root)>, not <opml>", line: 1) }
        guard collector.sawBody else { throw OPMLError("no <body> element", line: nil) }
        return collector.outlines
    }
}

/// SAX delegate collecting outlines; categories of enclosing folder outlines are inherited.
private final class OPMLCollector: XMLStreamDelegate {
    var rootName: String?
    var sawBody = false
    var outlines: [OPMLOutline] = []
    private var folderCategories: [String?] = []

    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        if rootName == nil { rootName = localName.lowercased() }
        switch localName.lowercased() {
        case "body":
            sawBody = true
        case "outline":
            func attribute(_ name: String) -> String? {
                let value = attributes.first { $0.localName.lowercased() == name.lowercased() }?.value
                return value.flatMap { $0.isEmpty ? nil : $0 }
            }
            let folder = folderCategories.last ?? nil
            let outline = OPMLOutline(
                text: attribute("text"), title: attribute("title"), xmlUrl: attribute("xmlUrl"),
                htmlUrl: attribute("htmlUrl"), type: attribute("type"),
                category: attribute("category") ?? folder, id: attribute("id"), line: line)
            if outline.xmlUrl != nil { outlines.append(outline) }
            folderCategories.append(outline.xmlUrl == nil ? (outline.title ?? outline.text ?? folder) : folder)
        default:
            break
        }
    }

    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        if localName.lowercased() == "outline", !folderCategories.isEmpty { folderCategories.removeLast() }
    }

    func xmlCharacters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Writes an OPML 2.0 feed list (for `wirescore feeds export`).
public enum OPMLWriter {
    public static func write(title: String, outlines: [OPMLOutline]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>\(escape(title))</title>\n  </head>\n  <body>\n"
        for o in outlines {
            var attrs = "type=\"\(escape(o.type ?? "rss"))\""
            if let id = o.id { attrs += " id=\"\(escape(id))\"" }
            attrs += " text=\"\(escape(o.text ?? o.title ?? ""))\""
            if let t = o.title { attrs += " title=\"\(escape(t))\"" }
            if let x = o.xmlUrl { attrs += " xmlUrl=\"\(escape(x))\"" }
            if let h = o.htmlUrl { attrs += " htmlUrl=\"\(escape(h))\"" }
            if let c = o.category { attrs += " category=\"\(escape(c))\"" }
            out += "    <outline \(attrs)/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
