import Foundation
import WirescoreXML

/// Namespace families the feed vocabulary is matched against.
enum FeedNamespace {
    case core, dc, dcterms, content, itunes, xhtml, rdf, xml, atom03, media, other

    static func of(_ uri: String?) -> FeedNamespace {
        guard let uri, !uri.isEmpty else { return .core }
        switch uri {
        case "http://www.w3.org/2005/Atom", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
             "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss",
             "http://backend.userland.com/rss", "http://purl.org/net/rss1.1#":
            return .core
        case "http://purl.org/atom/ns#": return .atom03
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.0/": return .dc
        case "http://purl.org/dc/terms/": return .dcterms
        case "http://purl.org/rss/1.0/modules/content/": return .content
        case "http://www.itunes.com/dtds/podcast-1.0.dtd", "http://example.com/dtds/podcast-1.0.dtd": return .itunes
        case "http://www.w3.org/1999/xhtml": return .xhtml
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": return .rdf
        case "http://www.w3.org/XML/1998/namespace": return .xml
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss": return .media
        default:
            if uri.lowercased() == "http://www.itunes.com/dtds/podcast-1.0.dtd" { return .itunes }
            return .other
        }
    }
}

/// Receives the XML stream events for ``FeedBuilderState``, which does the work.
///
/// Why the split: a class's stored properties are checked for exclusive access at run time on
/// every mutation (`text.append` per text callback, `stack[...]` per element), and those checks
/// were a fifteenth of a feed's parse. The state is a struct behind a pointer this class owns,
/// so its accesses are checked statically instead. One instance per document; not thread safe.
final class FeedBuilder: XMLStreamDelegate {
    private let state: UnsafeMutablePointer<FeedBuilderState>

    init(documentBase: String?) {
        state = .allocate(capacity: 1)
        state.initialize(to: FeedBuilderState(documentBase: documentBase))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var defaultLanguage: String? {
        get { state.pointee.defaultLanguage }
        set { state.pointee.defaultLanguage = newValue }
    }
    var rootName: String? { state.pointee.rootName }
    var docTypeIsNetscape: Bool {
        get { state.pointee.docTypeIsNetscape }
        set { state.pointee.docTypeIsNetscape = newValue }
    }

    func finish() -> FeedDocument { state.pointee.finish() }

    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        state.pointee.xmlStartElement(localName: localName, prefix: prefix, namespaceURI: namespaceURI,
                                      attributes: attributes, namespaces: namespaces, line: line)
    }

    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        state.pointee.xmlEndElement(localName: localName, prefix: prefix, namespaceURI: namespaceURI)
    }

    /// The builder matches end tags with its own frame stack.
    var wantsEndElementNames: Bool { false }

    func xmlCharacters(_ text: UnsafeBufferPointer<UInt8>) { state.pointee.xmlCharacters(text) }
    func xmlCDATA(_ text: UnsafeBufferPointer<UInt8>) { state.pointee.xmlCharacters(text) }
}

/// Turns XML stream events into a ``FeedDocument`` (driven by ``FeedBuilder``).
struct FeedBuilderState {
    enum Field {
        case title, subtitle, summary, description, content, link, id, guid, language, author
        case published, updated, personName, personEmail, personURI, mediaTitle
    }

    enum Role {
        case root, feed, entry, person(entry: Bool), field(Field), markup, ignore
    }

    struct Frame {
        var role: Role
        var base: String?
        /// Where this element's text starts in `text` (-1: not capturing).
        var captureStart = -1
        /// Child elements are serialised as markup and text is escaped (inline XHTML).
        var xhtml = false
        var contentType = "text/plain"
        /// `contentType` is `text/html` or `application/xhtml+xml` (set with it, compared once).
        var isHTMLType = false
        var base64 = false
        var isPermaLink = true
        var qname = ""
        /// For XHTML content: positions of the single wrapping `<div>`'s inside, when present.
        var topLevelElements = 0
        var divInnerStart = -1
        var divInnerEnd = -1
        var nonSpaceOutsideDiv = false
        /// Atom 1.0 `type="xhtml"`: the wrapping `<div>` is not part of the value.
        var stripDiv = false

        var isPerson: Bool { if case .person = role { return true }; return false }
    }

    let documentBase: String?
    var defaultLanguage: String?
    private(set) var rootName: String?
    private var version = ""
    private var doc = FeedDocument()
    private var stack: [Frame] = []
    private var text: [UInt8] = []
    private var person = FeedPerson()
    private var personHasParts = false
    private var sawRDFChannelNamespace: String?

    init(documentBase: String?) {
        self.documentBase = documentBase
        text.reserveCapacity(4096)
    }

    mutating func finish() -> FeedDocument {
        doc.version = version
        if doc.feed.language == nil, let lang = defaultLanguage { doc.feed.language = lang }
        return doc
    }

    // MARK: - Events

    mutating func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        // The parent is read field by field, not copied: a `Frame` copy retains its strings.
        let parentIndex = stack.count - 1
        var base = parentIndex >= 0 ? stack[parentIndex].base : documentBase
        var lang: String?
        if !attributes.isEmpty {
            for a in attributes where a.namespaceURI == "http://www.w3.org/XML/1998/namespace" {
                if a.localName == "base" { base = resolveURL(a.value, against: base) }
                if a.localName == "lang" { lang = a.value }
            }
        }
        var ns = namespace(of: namespaceURI)
        // An unknown default namespace is read as the core vocabulary, as feedparser does.
        if ns == .other, prefix == nil { ns = .core }
        let lowerName = localName.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? localName.lowercased() : localName

        // Inside captured content every child element is content, not feed vocabulary.
        if parentIndex >= 0, stack[parentIndex].captureStart >= 0, !stack[parentIndex].isPerson {
            let qname = prefix.map { "\($0):\(localName)" } ?? localName
            var frame = Frame(role: .markup, base: base)
            frame.captureStart = stack[parentIndex].captureStart
            frame.xhtml = stack[parentIndex].xhtml
            frame.qname = qname
            var parentIsXHTMLField = false
            if case .field = stack[parentIndex].role, stack[parentIndex].xhtml { parentIsXHTMLField = true }
            if parentIsXHTMLField {
                // A direct child of an XHTML text construct.
                stack[parentIndex].topLevelElements += 1
            }
            writeStartTag(qname, attributes: attributes, namespaces: namespaces, base: base)
            if parentIsXHTMLField, ns == .xhtml, lowerName == "div", stack[parentIndex].topLevelElements == 1 {
                stack[parentIndex].divInnerStart = text.count
            }
            stack.append(frame)
            return
        }
        let localName = lowerName

        guard parentIndex >= 0 else {
            startRoot(localName: localName, ns: ns, namespaceURI: namespaceURI, attributes: attributes, lang: lang, base: base)
            return
        }
        var frame = Frame(role: .ignore, base: base)
        switch stack[parentIndex].role {
        case .root:
            if localName == "channel" && (ns == .core || ns == .other) {
                frame.role = .feed
                if let lang, doc.feed.language == nil { defaultLanguage = defaultLanguage ?? lang }
                if version.isEmpty, rootName == "rdf" || rootName == "RDF" {
                    version = namespaceURI == "http://my.netscape.com/rdf/simple/0.9/" ? "rss090" : "rss10"
                }
                for a in attributes where a.localName == "href" && a.namespaceURI == nil {
                    doc.feed.link = resolveURL(a.value, against: base)
                }
            } else if (localName == "item" || localName == "entry") && ns == .core {
                frame.role = .entry
                startEntry(attributes, base: base)
                if version.isEmpty, rootName == "rdf" || rootName == "RDF" {
                    version = namespaceURI == "http://my.netscape.com/rdf/simple/0.9/" ? "rss090" : "rss10"
                }
            }
        case .feed:
            if (localName == "item" || localName == "entry") && (ns == .core || ns == .atom03) {
                frame.role = .entry
                startEntry(attributes, base: base)
            } else {
                configureField(&frame, localName: localName, ns: ns, attributes: attributes, inEntry: false, base: base)
            }
        case .entry:
            configureField(&frame, localName: localName, ns: ns, attributes: attributes, inEntry: true, base: base)
        case .person:
            if ns == .core || ns == .atom03 {
                switch localName {
                case "name": frame.role = .field(.personName)
                case "email": frame.role = .field(.personEmail)
                case "uri", "url", "homepage": frame.role = .field(.personURI)
                default: break
                }
                if case .field = frame.role { frame.captureStart = text.count }
            }
        case .field, .markup, .ignore:
            break
        }
        stack.append(frame)
    }

    private mutating func startEntry(_ attributes: [XMLAttribute], base: String?) {
        doc.entries.append(FeedEntry())
        mediaTitle = nil
        let i = doc.entries.count - 1
        for a in attributes {
            switch (a.localName.lowercased(), a.namespaceURI) {
            case ("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"):
                doc.entries[i].id = a.value
            case ("href", nil):
                doc.entries[i].link = resolveURL(a.value, against: base)
            case ("lastmod", nil):
                setDate(.updated, a.value, inEntry: true)
            default: break
            }
        }
    }

    private var mediaTitle: String?
    private var summarySet = false

    private mutating func startRoot(localName: String, ns: FeedNamespace, namespaceURI: String?,
                           attributes: [XMLAttribute], lang: String?, base: String?) {
        rootName = localName
        let localName = localName.lowercased()
        var frame = Frame(role: .root, base: base)
        frame.qname = localName
        if let lang { defaultLanguage = lang }
        switch localName {
        case "rss":
            let v = attributes.first { $0.localName == "version" && $0.namespaceURI == nil }?.value ?? ""
            switch v {
            case "0.91": version = "rss091u"
            case "0.92": version = "rss092"
            case "0.93": version = "rss093"
            case "0.94": version = "rss094"
            case "0.90", "0.9": version = "rss090"
            default: version = v.hasPrefix("2") ? "rss20" : "rss"
            }
            if docTypeIsNetscape && version == "rss091u" { version = "rss091n" }
        case "RDF" where ns == .rdf, "rdf":
            version = ""
        case "feed":
            frame.role = .feed
            if namespaceURI == "http://www.w3.org/2005/Atom" {
                version = "atom10"
            } else {
                let v = attributes.first { $0.localName == "version" && $0.namespaceURI == nil }?.value ?? ""
                switch v {
                case "0.1": version = "atom01"
                case "0.2": version = "atom02"
                case "0.3": version = "atom03"
                default: version = namespaceURI == "http://purl.org/atom/ns#" ? "atom03" : "atom"
                }
            }
        case "channel":
            // CDF, or a bare RSS channel.
            frame.role = .feed
            for a in attributes where a.localName.lowercased() == "href" && a.namespaceURI == nil {
                doc.feed.link = resolveURL(a.value, against: base)
            }
            for a in attributes where a.localName.lowercased() == "lastmod" && a.namespaceURI == nil {
                setDate(.updated, a.value, inEntry: false)
            }
        default:
            frame.role = .ignore
        }
        stack.append(frame)
    }

    var docTypeIsNetscape = false

    private mutating func configureField(_ frame: inout Frame, localName: String, ns: FeedNamespace,
                                attributes: [XMLAttribute], inEntry: Bool, base: String?) {
        func attr(_ name: String) -> String? {
            attributes.first { $0.localName == name && ($0.namespaceURI == nil) }?.value
        }
        var field: Field?
        var type = "text/plain"
        var atomConstruct = false
        switch ns {
        case .core, .atom03:
            switch localName {
            case "title": field = .title; atomConstruct = true
            case "description": field = .description; type = "text/html"
            case "subtitle", "tagline": field = .subtitle; atomConstruct = true
            case "summary": field = .summary; atomConstruct = true
            case "content": field = .content; atomConstruct = true
            case "abstract": field = .description
            case "fullitem": field = .content; type = "text/html"
            case "body" where inEntry:
                field = .content
                frame.xhtml = true
                type = "application/xhtml+xml"
            case "link":
                if let href = attr("href") {
                    let rel = attr("rel") ?? "alternate"
                    let linkType = attr("type") ?? (rel == "self" ? "application/atom+xml" : "text/html")
                    if rel == "alternate", linkType == "text/html" || linkType == "application/xhtml+xml" {
                        setLink(resolveURL(href, against: base), inEntry: inEntry)
                    }
                    return
                }
                if let rel = attr("rel"), rel != "alternate" { return }
                field = .link
            case "id": field = .id
            case "guid":
                field = .guid
                frame.isPermaLink = (attr("isPermaLink") ?? attr("ispermalink") ?? "true").lowercased() != "false"
            case "language": field = .language
            case "author", "managingeditor":
                frame.role = .person(entry: inEntry)
                frame.captureStart = text.count
                person = FeedPerson()
                personHasParts = false
                return
            case "pubdate", "published", "issued": field = .published
            case "lastbuilddate", "updated", "modified": field = .updated
            default: break
            }
        case .dc:
            switch localName {
            case "title": field = .title
            case "description": field = .description
            case "creator", "author": field = .author
            case "date": field = .updated
            case "language": field = .language
            default: break
            }
        case .dcterms:
            switch localName {
            case "modified": field = .updated
            case "issued": field = .published
            default: break
            }
        case .content:
            if localName == "encoded" { field = .content; type = "text/html" }
        case .media:
            if localName == "title" && inEntry { field = .mediaTitle }
        case .itunes:
            switch localName {
            case "subtitle" where !inEntry: field = .subtitle
            case "summary": field = .summary
            case "author": field = .author
            default: break
            }
        case .xhtml:
            if localName == "body" || localName == "div" {
                field = .content
                frame.xhtml = true

                type = "application/xhtml+xml"
            }
        default: break
        }
        guard let field else { return }
        frame.stripDiv = true
        if atomConstruct {
            let raw = (attr("type") ?? "").lowercased()
            let mode = (attr("mode") ?? "").lowercased()
            switch raw {
            case "", "text": type = "text/plain"
            case "html": type = "text/html"
            case "xhtml": type = "application/xhtml+xml"
            default: type = raw
            }
            if ns == .atom03 || version == "atom03" {
                if mode == "escaped" { if raw.isEmpty { type = "text/plain" } }
                else if mode == "base64" { frame.base64 = true }
                else if mode == "xml" { frame.xhtml = true; if raw.isEmpty { type = "application/xhtml+xml" } }
                if raw.isEmpty && mode != "xml" { type = "text/plain" }
                if raw == "text/html" || raw == "application/xhtml+xml" { type = raw }
            }
            if type == "application/xhtml+xml" { frame.xhtml = true }
            frame.stripDiv = raw == "xhtml"
            if version == "atom10", type != "text/plain", type != "text/html",
               !frame.xhtml, !type.hasPrefix("text/"), !type.hasSuffix("xml") {
                frame.base64 = true
            }
        }
        if frame.xhtml { type = "application/xhtml+xml" }
        frame.role = .field(field)
        frame.contentType = type
        frame.isHTMLType = type == "text/html" || type == "application/xhtml+xml"
        frame.captureStart = text.count
    }

    mutating func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        guard let frame = stack.popLast() else { return }
        switch frame.role {
        case .markup:
            if frame.captureStart >= 0 {
                text.append(UInt8(ascii: "<"))
                text.append(UInt8(ascii: "/"))
                text.append(contentsOf: frame.qname.utf8)
                text.append(UInt8(ascii: ">"))
                if let parentIndex = stack.indices.last, case .field = stack[parentIndex].role,
                   stack[parentIndex].xhtml, stack[parentIndex].topLevelElements == 1,
                   stack[parentIndex].divInnerStart >= 0, stack[parentIndex].divInnerEnd < 0 {
                    stack[parentIndex].divInnerEnd = text.count - frame.qname.utf8.count - 3
                }
            }
        case .entry:
            let i = doc.entries.count - 1
            if i >= 0, doc.entries[i].title == nil, let mediaTitle { doc.entries[i].title = mediaTitle }
            summarySet = false
        case .field(let field):
            var value: String
            switch field {
            case .title, .subtitle, .summary, .description, .content:
                let html = frame.isHTMLType
                if html && !frame.base64 {
                    // Sanitise straight from the text buffer: one String, not two.
                    value = takeText(frame, sanitizingWith: frame.base)
                } else {
                    value = takeText(frame)
                    let guessed = frame.contentType == "text/plain" && !version.hasPrefix("atom")
                        && FeedSanitizer.looksLikeHTML(value)
                    if html || guessed { value = FeedSanitizer.sanitize(value, base: frame.base) }
                }
            default:
                value = takeText(frame)
            }
            assign(field, value: value, frame: frame)
        case .person(let inEntry):
            let raw = takeText(frame)
            finishPerson(raw: raw, inEntry: inEntry)
        default:
            break
        }
    }

    mutating func xmlCharacters(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Index into the stack rather than copying the top frame (its strings would be
        // retained and released on every text callback).
        let topIndex = stack.count - 1
        guard topIndex >= 0, stack[topIndex].captureStart >= 0 else { return }
        if !stack[topIndex].xhtml {
            // Escaped HTML in RSS arrives as many one-byte runs (`&lt;` is its own callback).
            if bytes.count == 1 { text.append(bytes[0]) } else { text.append(contentsOf: bytes) }
            return
        }
        let top = stack[topIndex]
        if top.xhtml {
            appendEscaped(bytes)
            if case .field = top.role, top.divInnerStart >= 0 || top.topLevelElements > 0 {
                if bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) {
                    stack[stack.count - 1].nonSpaceOutsideDiv = true
                }
            } else if case .field = top.role,
                      bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) {
                stack[stack.count - 1].nonSpaceOutsideDiv = true
            }
        } else {
            text.append(contentsOf: bytes)
        }
    }

    mutating func xmlCDATA(_ bytes: UnsafeBufferPointer<UInt8>) {
        xmlCharacters(bytes)
    }

    // MARK: - Text

    /// The byte range of `frame`'s captured text: the inside of the wrapping `<div>` for XHTML
    /// content that is one div and nothing else, else everything captured. Nil when nothing was.
    private func capturedRange(_ frame: Frame) -> Range<Int>? {
        guard frame.captureStart >= 0, frame.captureStart <= text.count else { return nil }
        if frame.xhtml, frame.stripDiv, frame.topLevelElements == 1, frame.divInnerStart >= 0,
           frame.divInnerEnd >= frame.divInnerStart, !frame.nonSpaceOutsideDiv {
            return frame.divInnerStart..<frame.divInnerEnd
        }
        return frame.captureStart..<text.count
    }

    /// The captured text of `frame` sanitised as HTML, without an intermediate `String`.
    private mutating func takeText(_ frame: Frame, sanitizingWith base: String?) -> String {
        guard let range = capturedRange(frame) else { return "" }
        let (start, end) = (range.lowerBound, range.upperBound)
        let parsed = parsedBase(base)
        let value = text.withUnsafeBufferPointer { all in
            FeedSanitizer.sanitize(bytes: UnsafeBufferPointer(rebasing: all[start..<end]), base: parsed,
                                   scratch: &sanitizerScratch)
        }
        text.removeSubrange(frame.captureStart...)
        return value
    }

    private mutating func takeText(_ frame: Frame) -> String {
        guard let range = capturedRange(frame) else { return "" }
        var (start, end) = (range.lowerBound, range.upperBound)
        // Trim ASCII white space.
        while start < end, isSpace(text[start]) { start += 1 }
        while end > start, isSpace(text[end - 1]) { end -= 1 }
        let value: String
        if frame.base64 {
            let raw = String(decoding: text[start..<end], as: UTF8.self)
            let cleaned = raw.filter { !$0.isWhitespace }
            if let decoded = Data(base64Encoded: cleaned, options: .ignoreUnknownCharacters) {
                value = String(decoding: decoded, as: UTF8.self)
            } else {
                value = raw
            }
        } else {
            value = String(decoding: text[start..<end], as: UTF8.self)
        }
        text.removeSubrange(frame.captureStart...)
        return value
    }

    /// The last namespace URI classified: elements come in runs of one namespace, and the parser
    /// hands the same `String` for the same URI, so the check is usually an identity compare
    /// instead of comparing against each known URI in turn.
    private var lastNamespaceURI: String?
    private var lastNamespace = FeedNamespace.core

    private mutating func namespace(of uri: String?) -> FeedNamespace {
        guard let uri else { return .core }
        if let last = lastNamespaceURI, last == uri { return lastNamespace }
        let ns = FeedNamespace.of(uri)
        lastNamespaceURI = uri
        lastNamespace = ns
        return ns
    }

    /// The sanitiser's buffers, reused for every fragment of the document.
    private var sanitizerScratch = FeedSanitizer.Scratch()
    /// The last base parsed for the sanitiser: entries of a feed almost always share one.
    private var lastBase: String?
    private var lastParsedBase: FeedURL.Base?

    /// `reference` resolved against `base` (``FeedURL/resolve(_:against:)``), parsing each
    /// distinct base once per document and skipping absolute references without allocating.
    private mutating func resolveURL(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        if reference.isEmpty { return base }
        if FeedURL.hasScheme(reference) { return reference }
        guard let parsed = parsedBase(base) else { return reference }
        var out: [UInt8] = []
        var reference = reference
        reference.withUTF8 { FeedURL.appendResolved($0, against: parsed, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func parsedBase(_ base: String?) -> FeedURL.Base? {
        guard let base else { return nil }
        if let lastBase, lastBase == base { return lastParsedBase }
        lastBase = base
        lastParsedBase = FeedURL.Base(base)
        return lastParsedBase
    }

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var from = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            let rep: String
            switch b {
            case UInt8(ascii: "&"): rep = "&amp;"
            case UInt8(ascii: "<"): rep = "&lt;"
            case UInt8(ascii: ">"): rep = "&gt;"
            default: continue
            }
            if i > from { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<i])) }
            text.append(contentsOf: rep.utf8)
            from = i + 1
        }
        if from < bytes.count { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...])) }
    }

    private mutating func writeStartTag(_ qname: String, attributes: [XMLAttribute],
                               namespaces: [XMLNamespaceDeclaration], base: String?) {
        text.append(UInt8(ascii: "<"))
        text.append(contentsOf: qname.utf8)
        for ns in namespaces where ns.uri != "http://www.w3.org/1999/xhtml" {
            text.append(contentsOf: (ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"").utf8)
            appendAttributeValue(ns.uri)
            text.append(UInt8(ascii: "\""))
        }
        for a in attributes {
            if a.namespaceURI == "http://www.w3.org/XML/1998/namespace" { continue }
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: a.qualifiedName.utf8)
            text.append(contentsOf: "=\"".utf8)
            var value = a.value
            if a.namespaceURI == nil, a.localName == "href" || a.localName == "src" {
                value = resolveURL(value, against: base)
            }
            appendAttributeValue(value)
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: ">"))
    }

    /// Appends an attribute value escaped for a double-quoted attribute, copying the runs
    /// between escapes in one append each (inline XHTML content has many attributes).
    private mutating func appendAttributeValue(_ s: String) {
        var s = s
        s.withUTF8 { v in
            var from = 0
            for k in 0..<v.count {
                let rep: StaticString
                switch v[k] {
                case UInt8(ascii: "&"): rep = "&amp;"
                case UInt8(ascii: "<"): rep = "&lt;"
                case UInt8(ascii: "\""): rep = "&quot;"
                default: continue
                }
                if k > from { text.append(contentsOf: UnsafeBufferPointer(rebasing: v[from..<k])) }
                text.append(contentsOf: UnsafeBufferPointer(start: rep.utf8Start, count: rep.utf8CodeUnitCount))
                from = k + 1
            }
            if v.count > from { text.append(contentsOf: UnsafeBufferPointer(rebasing: v[from...])) }
        }
    }

    // MARK: - Assignment

    private var inEntry: Bool {
        var i = stack.count - 1
        while i >= 0 {
            switch stack[i].role {
            case .entry: return true
            case .feed: return false
            default: i -= 1
            }
        }
        return false
    }

    private mutating func setLink(_ link: String, inEntry: Bool) {
        if inEntry, !doc.entries.isEmpty { doc.entries[doc.entries.count - 1].link = link }
        else if !inEntry { doc.feed.link = link }
    }

    private mutating func setDate(_ field: Field, _ raw: String, inEntry: Bool) {
        let parsed = FeedDateParser.parse(raw)
        if inEntry {
            guard !doc.entries.isEmpty else { return }
            let i = doc.entries.count - 1
            if field == .published { doc.entries[i].published = raw; doc.entries[i].publishedParsed = parsed }
            else { doc.entries[i].updated = raw; doc.entries[i].updatedParsed = parsed }
        } else {
            if field == .published { doc.feed.published = raw; doc.feed.publishedParsed = parsed }
            else { doc.feed.updated = raw; doc.feed.updatedParsed = parsed }
        }
    }

    private mutating func assign(_ field: Field, value: String, frame: Frame) {
        let entry = inEntry
        let i = doc.entries.count - 1
        if entry && i < 0 { return }
        switch field {
        case .title:
            if entry { doc.entries[i].title = value }
            else { doc.feed.title = value; doc.feed.titleDetail = FeedContent(value: value, type: frame.contentType) }
        case .subtitle:
            if !entry { doc.feed.subtitle = value }
        case .description, .summary:
            if entry {
                // A second summary-like element is content, as in feedparser.
                if summarySet {
                    doc.entries[i].content.append(FeedContent(value: value, type: frame.contentType))
                } else {
                    doc.entries[i].summary = value
                    summarySet = true
                }
            } else {
                if field == .summary, doc.feed.summary == nil { doc.feed.summary = value }
                if field == .description || doc.feed.subtitle == nil { doc.feed.subtitle = value }
            }
        case .content:
            guard entry else { return }
            doc.entries[i].content.append(FeedContent(value: value, type: frame.contentType))
            if doc.entries[i].summary == nil { doc.entries[i].summary = value }
        case .mediaTitle:
            mediaTitle = value
        case .link:
            setLink(resolveURL(value, against: frame.base), inEntry: entry)
        case .id:
            let id = resolveURL(value, against: frame.base)
            if entry { doc.entries[i].id = id } else { doc.feed.id = id }
        case .guid:
            let id = frame.isPermaLink ? resolveURL(value, against: frame.base) : value
            if entry {
                doc.entries[i].id = id
                if frame.isPermaLink, doc.entries[i].link == nil { doc.entries[i].link = id }
            } else { doc.feed.id = id }
        case .language:
            if !entry { doc.feed.language = value }
        case .author:
            setAuthorString(value, inEntry: entry)
        case .published, .updated:
            setDate(field, value, inEntry: entry)
        case .personName:
            person.name = value; personHasParts = true
        case .personEmail:
            person.email = value; personHasParts = true
        case .personURI:
            person.href = resolveURL(value, against: frame.base); personHasParts = true
        }
    }

    private mutating func finishPerson(raw: String, inEntry: Bool) {
        if personHasParts {
            var author: String?
            if let name = person.name, let email = person.email { author = "\(name) (\(email))" }
            else { author = person.name ?? person.email }
            let detail = person
            if inEntry {
                guard !doc.entries.isEmpty else { return }
                let i = doc.entries.count - 1
                doc.entries[i].author = author
                doc.entries[i].authorDetail = detail
            } else {
                doc.feed.author = author
                doc.feed.authorDetail = detail
            }
        } else {
            setAuthorString(raw, inEntry: inEntry)
        }
        person = FeedPerson()
        personHasParts = false
    }

    private mutating func setAuthorString(_ value: String, inEntry: Bool) {
        guard !value.isEmpty else { return }
        let detail = FeedAuthorString.split(value)
        if inEntry {
            guard !doc.entries.isEmpty else { return }
            let i = doc.entries.count - 1
            doc.entries[i].author = value
            doc.entries[i].authorDetail = detail
        } else {
            doc.feed.author = value
            doc.feed.authorDetail = detail
        }
    }
}
