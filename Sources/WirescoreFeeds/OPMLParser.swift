import WirescoreXML

/// One `<outline>` of an OPML feed list, flattened out of its nesting.
public struct OPMLOutline: Sendable, Equatable {
    /// `title`, else `text`.
    public var title: String?
    public var text: String?
    public var xmlUrl: String?
    public var htmlUrl: String?
    /// The outline's `category` attribute, else the titles of its enclosing outlines joined by "/".
    public var category: String?
    public var type: String?
    /// An explicit `id` attribute (a wirescore extension): the feed's id in records when present.
    public var id: String?
    /// The 1-based line of the `<outline` start tag in the source file.
    public var line: Int

    public init(title: String? = nil, text: String? = nil, xmlUrl: String? = nil, htmlUrl: String? = nil,
                category: String? = nil, type: String? = nil, id: String? = nil, line: Int = 0) {
        self.title = title; self.text = text; self.xmlUrl = xmlUrl; self.htmlUrl = htmlUrl
        self.category = category; self.type = type; self.id = id; self.line = line
    }
}

/// Why an OPML file could not be read, with the line of the problem.
public struct OPMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public init(message: String, line: Int) { self.message = message; self.line = line }
    public var description: String { "line \(line): \(message)" }
}

/// Reads OPML 2.0 feed lists (OPML 1.0 too).
///
/// Strict on purpose: a feed list is configuration, so an ill-formed file is an error (with its
/// line) rather than something to recover silently. Every outline is returned, nested ones
/// flattened in document order; outlines without `xmlUrl` are kept (folders) so a caller can
/// decide. Stateless and `Sendable`.
public struct OPMLParser: Sendable {
    public init() {}

    /// - Throws: ``OPMLError`` when the XML is ill-formed or the root element is not `<opml>`.
    public func parse(_ data: [UInt8]) throws(OPMLError) -> [OPMLOutline] {
        if let problem = Self.notXML(data) { throw problem }
        let collector = OPMLCollector()
        let parser = XMLStreamParser(delegate: collector)
        let report = parser.parse(data)
        if let error = report.firstError {
            throw OPMLError(message: error, line: report.firstErrorLine ?? 0)
        }
        guard let root = collector.rootName else { throw OPMLError(message: "no root element", line: 1) }
        guard root == "opml" else {
            throw OPMLError(message: "root element is <\(root)>, not <opml>", line: collector.rootLine)
        }
        guard collector.sawBody else { throw OPMLError(message: "no <body> element", line: collector.rootLine) }
        return collector.outlines
    }
}

extension OPMLParser {
    /// A reason for a file that is not XML at all, or nil. libxml2 calls both an empty file
    /// and one of plain text "Document is empty", which sends the operator looking at the
    /// wrong thing.
    static func notXML(_ data: [UInt8]) -> OPMLError? {
        var start = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }   // UTF-8 BOM
        // UTF-16 and UCS-4 documents begin with a BOM or a zero byte: leave them to libxml2.
        if let first = data.first, first == 0 || first == 0xFE || first == 0xFF { return nil }
        var line = 1
        for index in start..<data.count {
            switch data[index] {
            case 0x20, 0x09, 0x0D: continue
            case 0x0A: line += 1
            case UInt8(ascii: "<"): return nil
            default:
                let snippet = String(decoding: data[index..<min(data.count, index + 20)], as: UTF8.self)
                    .split(separator: "\n").first.map(String.init) ?? ""
                return OPMLError(message: "not an XML document: expected '<' but the file starts with '\(snippet)'", line: line)
            }
        }
        return OPMLError(message: data.isEmpty ? "the file is empty" : "the file holds no XML, only white space", line: 1)
    }
}

private final class OPMLCollector: XMLStreamDelegate {
    var rootName: String?
    var rootLine = 1
    var sawBody = false
    var outlines: [OPMLOutline] = []
    /// For each open element: the outline's title when it is an outline, else nil.
    private var stack: [(isOutline: Bool, title: String?)] = []

    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        if rootName == nil { rootName = localName; rootLine = line }
        if localName == "body" { sawBody = true }
        guard localName == "outline" else { stack.append((false, nil)); return }
        var o = OPMLOutline(line: line)
        for a in attributes where a.namespaceURI == nil {
            let value = a.value
            switch a.localName.lowercased() {
            case "title": o.title = value
            case "text": o.text = value
            case "xmlurl": o.xmlUrl = value
            case "htmlurl": o.htmlUrl = value
            case "category": o.category = value
            case "type": o.type = value
            case "id": o.id = value.isEmpty ? nil : value
            default: break
            }
        }
        if o.title == nil || o.title?.isEmpty == true { o.title = o.text }
        if o.category == nil {
            let folders = stack.compactMap { $0.isOutline ? $0.title : nil }
            if !folders.isEmpty { o.category = folders.joined(separator: "/") }
        }
        outlines.append(o)
        stack.append((true, o.title))
    }

    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        _ = stack.popLast()
    }

    func xmlCharacters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Writes feed lists as OPML 2.0.
public enum OPMLWriter {
    /// An OPML 2.0 document with one flat `<outline type="rss">` per entry.
    public static func write(_ outlines: [OPMLOutline], title: String = "wirescore feeds") -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>"
        out += escape(title)
        out += "</title>\n  </head>\n  <body>\n"
        for o in outlines {
            out += "    <outline"
            let text = o.text ?? o.title ?? o.xmlUrl ?? ""
            out += " text=\"\(escape(text))\""
            if let t = o.title { out += " title=\"\(escape(t))\"" }
            out += " type=\"\(escape(o.type ?? "rss"))\""
            if let id = o.id { out += " id=\"\(escape(id))\"" }
            if let x = o.xmlUrl { out += " xmlUrl=\"\(escape(x))\"" }
            if let h = o.htmlUrl { out += " htmlUrl=\"\(escape(h))\"" }
            if let c = o.category { out += " category=\"\(escape(c))\"" }
            out += "/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    static func escape(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "\n": r += "&#10;"
            case "\t": r += "&#9;"
            case "\r": r += "&#13;"
            default: r.unicodeScalars.append(ch)
            }
        }
        return r
    }
}
