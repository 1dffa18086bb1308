internal import CLibXML2

/// One attribute of a start tag, with its namespace resolved.
public struct XMLAttribute: Sendable, Equatable {
    public var localName: String
    public var prefix: String?
    public var namespaceURI: String?
    /// The attribute value with character and entity references decoded.
    public var value: String

    public init(localName: String, prefix: String? = nil, namespaceURI: String? = nil, value: String) {
        self.localName = localName; self.prefix = prefix; self.namespaceURI = namespaceURI; self.value = value
    }

    /// `prefix:localName`, or the local name alone.
    public var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
}

/// A namespace declaration made on a start tag (`xmlns` or `xmlns:prefix`).
public struct XMLNamespaceDeclaration: Sendable, Equatable {
    public var prefix: String?
    public var uri: String
}

/// Receives the events of an ``XMLStreamParser`` run, in document order.
///
/// Text arrives as borrowed UTF-8 byte buffers valid only for the duration of the call, so a
/// delegate can accumulate bytes without creating a `String` per text run.
public protocol XMLStreamDelegate: AnyObject {
    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int)
    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?)
    func xmlCharacters(_ text: UnsafeBufferPointer<UInt8>)
    func xmlCDATA(_ text: UnsafeBufferPointer<UInt8>)
    /// Whether ``xmlEndElement(localName:prefix:namespaceURI:)`` needs the element's names. A
    /// delegate that tracks its own element stack answers false, and then gets `""` and nil:
    /// making the names costs three lookups and reference counting per end tag.
    var wantsEndElementNames: Bool { get }
    /// Whether the delegate hears comments (``xmlComment(_:)``); false by default, and then
    /// libxml2 is given no comment handler at all.
    var wantsComments: Bool { get }
    /// A comment's text (between `<!--` and `-->`), for delegates that keep documents whole.
    func xmlComment(_ text: String)
}

extension XMLStreamDelegate {
    public func xmlCDATA(_ text: UnsafeBufferPointer<UInt8>) { xmlCharacters(text) }
    public var wantsEndElementNames: Bool { true }
    public var wantsComments: Bool { false }
    public func xmlComment(_ text: String) {}
}

/// What a parse run reported besides its events.
public struct XMLParseReport: Sendable, Equatable {
    /// The first error libxml2 raised (recovered from when `XML_PARSE_RECOVER` allowed it).
    public var firstError: String?
    /// The 1-based line of ``firstError``.
    public var firstErrorLine: Int?
    /// Whether any error (not warning) was raised: the document is not well-formed.
    public var hadError: Bool { firstError != nil }
    /// Whether the override encoding was unknown to libxml2 (it was ignored).
    public var unknownEncoding: Bool = false
    /// The encoding the document declared, as libxml2 read it (also for EBCDIC documents).
    public var declaredEncoding: String?
    /// Whether a malformed character or entity reference was met (a bare `&`, `&#X41;`): a
    /// caller that can repair those may parse again.
    public var sawReferenceError: Bool = false
    /// Whether the parser saw any element at all.
    public var sawRootElement: Bool = false
    /// Whether entity expansion passed ``XMLStreamParser/textBudget(forDocumentBytes:)``: no
    /// entity was expanded after that point.
    public var expansionLimitReached: Bool = false
    /// The first entity the document used without declaring it that was read as the HTML
    /// entity of that name (`&nbsp;`, `&eacute;`), and its line: recovered, but not
    /// well-formed XML (feeds count it as bozo, as feedparser's strict parser does).
    public var undeclaredEntity: String?
    public var undeclaredEntityLine: Int?
}

/// A hardened streaming XML parser: libxml2's SAX2 interface delivered to a Swift delegate.
///
/// Security: the network is never used (`XML_PARSE_NONET`), no DTD is loaded, external entities
/// are never resolved (XXE cannot read files), entities are not substituted by libxml2
/// (`XML_PARSE_NOENT` is off) and libxml2's amplification limits stay on (no `XML_PARSE_HUGE`),
/// so "billion laughs" documents stop with an error instead of exhausting memory.
/// `XML_PARSE_RECOVER` keeps ill-formed documents yielding events; the first error is reported.
///
/// HTML named entities that feeds use without declaring them (`&nbsp;`, `&eacute;`) resolve to
/// their characters through libxml2's HTML entity table.
///
/// Ownership: each call to ``parse(_:encoding:)`` creates and frees its own parser context; the
/// parser keeps a small private document holding HTML entities already looked up. The parser
/// holds its delegate strongly (a weak reference costs a side-table retain on every SAX event);
/// a delegate must therefore not keep the parser alive. An instance is intentionally not thread
/// safe; use one per task.
///
/// Names are interned: libxml2 hands out element and attribute names, prefixes and namespace
/// URIs from its dictionary (one pointer per distinct name per document), so each distinct name
/// becomes a Swift `String` once per parse, not once per element.
public final class XMLStreamParser {
    private let delegate: any XMLStreamDelegate
    private let endNames: Bool
    private let comments: Bool
    /// Strings already made from libxml2 dictionary pointers during the current parse. Behind a
    /// pointer, like the attribute scratch array: stored properties of a class are checked for
    /// exclusive access at run time on every mutation, and these are touched on every element.
    private let interned: UnsafeMutablePointer<InternTable>
    /// Reused for every start tag (the delegate only borrows it for the call).
    private let scratchAttributes: UnsafeMutablePointer<[XMLAttribute]>
    private var report = XMLParseReport()
    /// Text bytes delivered in the current parse, and the most it may deliver.
    private var textBytes = 0
    private var textBudget = Int.max
    /// Owns the HTML entities handed to libxml2 (freed in deinit with the document).
    private var entityDoc: xmlDocPtr?
    private var lineProvider: UnsafeMutableRawPointer?

    public init(delegate: any XMLStreamDelegate) {
        self.delegate = delegate
        endNames = delegate.wantsEndElementNames
        comments = delegate.wantsComments
        interned = .allocate(capacity: 1)
        interned.initialize(to: InternTable())
        scratchAttributes = .allocate(capacity: 1)
        scratchAttributes.initialize(to: [])
    }

    deinit {
        if let doc = entityDoc { xmlFreeDoc(doc) }
        interned.deinitialize(count: 1)
        interned.deallocate()
        scratchAttributes.deinitialize(count: 1)
        scratchAttributes.deallocate()
    }

    /// The current 1-based line while a parse is running (0 outside one).
    public var currentLine: Int {
        guard let ctx = lineProvider else { return 0 }
        return Int(xmlSAX2GetLineNumber(ctx))
    }

    /// Parses a whole document held in memory.
    ///
    /// - Parameters:
    ///   - data: the raw bytes.
    ///   - encoding: an encoding that overrides the BOM and XML declaration (an HTTP charset);
    ///     unknown names are ignored and flagged in the report.
    /// - Returns: the errors seen; events went to the delegate.
    public func parse(_ data: [UInt8], encoding: String? = nil) -> XMLParseReport {
        report = XMLParseReport()
        textBytes = 0
        textBudget = Self.textBudget(forDocumentBytes: data.count)
        interned.pointee.removeAll()
        defer { interned.pointee.removeAll() }
        guard !data.isEmpty else {
            report.firstError = "empty document"
            report.firstErrorLine = 1
            return report
        }
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = wsStartElementNs
        handler.endElementNs = wsEndElementNs
        handler.characters = wsCharacters
        handler.ignorableWhitespace = wsCharacters
        handler.cdataBlock = wsCDATA
        handler.getEntity = wsGetEntity
        // No `reference` handler: libxml2 then delivers entity replacement text as characters.
        handler.reference = nil
        handler.resolveEntity = wsResolveEntity
        handler.externalSubset = nil
        handler.serror = wsStructuredError
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil
        handler.startElement = nil
        handler.endElement = nil
        handler.comment = comments ? wsComment : nil
        handler.processingInstruction = nil

        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let total = buffer.count
            let first = min(4, total)
            let rawBase = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            LibXML2Setup.ensure()
            guard let ctxt = xmlCreatePushParserCtxt(&handler, nil, rawBase, Int32(first), nil) else {
                report.firstError = "could not create parser"
                return
            }
            defer {
                if let enc = ctxt.pointee.encoding {
                    report.declaredEncoding = String(cString: enc)
                } else if let input = ctxt.pointee.input, let enc = input.pointee.encoding {
                    report.declaredEncoding = String(cString: enc)
                }
                if let doc = ctxt.pointee.myDoc {
                    xmlFreeDoc(doc)
                    ctxt.pointee.myDoc = nil
                }
                lineProvider = nil
                xmlFreeParserCtxt(ctxt)
            }
            ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
            lineProvider = UnsafeMutableRawPointer(ctxt)
            var options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue
            if let encoding, !encoding.isEmpty {
                if let enc = xmlFindCharEncodingHandler(encoding) {
                    // The caller's encoding wins over the document's declaration.
                    options |= XML_PARSE_IGNORE_ENC.rawValue
                    _ = xmlCtxtUseOptions(ctxt, Int32(options))
                    _ = xmlSwitchToEncoding(ctxt, enc)
                } else {
                    report.unknownEncoding = true
                    _ = xmlCtxtUseOptions(ctxt, Int32(options))
                }
            } else {
                _ = xmlCtxtUseOptions(ctxt, Int32(options))
            }
            var offset = first
            let chunk = 1 << 20
            while offset < total {
                let n = min(chunk, total - offset)
                let last = offset + n >= total
                _ = xmlParseChunk(ctxt, rawBase + offset, Int32(n), last ? 1 : 0)
                offset += n
            }
            if first >= total {
                _ = xmlParseChunk(ctxt, nil, 0, 1)
            }
        }
        return report
    }

    // MARK: - Event entry points (called from the C trampolines)

    fileprivate func start(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                           _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int32,
                           _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                           _ nbAttributes: Int32,
                           _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                           _ ctx: UnsafeMutableRawPointer?) {
        if !report.sawRootElement { report.sawRootElement = true }
        if !scratchAttributes.pointee.isEmpty { scratchAttributes.pointee.removeAll(keepingCapacity: true) }
        if nbAttributes > 0, let attributes {
            for i in 0..<Int(nbAttributes) {
                let base = i * 5
                guard let name = attributes[base] else { continue }
                var value = ""
                if let start = attributes[base + 3], let end = attributes[base + 4] {
                    let count = end - start
                    if count > 0 {
                        let bytes = UnsafeBufferPointer(start: start, count: count)
                        value = bytes.contains(UInt8(ascii: "&"))
                            ? XMLEntities.decodeAttribute(bytes)
                            : String(decoding: bytes, as: UTF8.self)
                    }
                }
                scratchAttributes.pointee.append(XMLAttribute(localName: intern(name),
                                          prefix: attributes[base + 1].map(intern),
                                          namespaceURI: attributes[base + 2].map(intern),
                                          value: value))
            }
        }
        var decls: [XMLNamespaceDeclaration] = []
        if nbNamespaces > 0, let namespaces {
            for i in 0..<Int(nbNamespaces) {
                let p = namespaces[2 * i].map(intern)
                let u = namespaces[2 * i + 1].map(intern) ?? ""
                decls.append(XMLNamespaceDeclaration(prefix: p, uri: u))
            }
        }
        let line = ctx.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0
        delegate.xmlStartElement(localName: localname.map(intern) ?? "",
                                 prefix: prefix.map(intern), namespaceURI: uri.map(intern),
                                 attributes: scratchAttributes.pointee, namespaces: decls, line: line)
    }

    fileprivate func end(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                         _ uri: UnsafePointer<xmlChar>?) {
        guard endNames else {
            delegate.xmlEndElement(localName: "", prefix: nil, namespaceURI: nil)
            return
        }
        delegate.xmlEndElement(localName: localname.map(intern) ?? "",
                               prefix: prefix.map(intern), namespaceURI: uri.map(intern))
    }

    /// The most text a document of `count` bytes may deliver: ten times its size, at least
    /// 1 MiB. Literal text never exceeds the document, so only entity expansion gets there: a
    /// "quadratic blowup" (one large internal entity referenced many times), which libxml2 2.9
    /// re-expands at every reference in SAX mode without counting it against its own limits
    /// (those stop nested "billion laughs" only).
    public static func textBudget(forDocumentBytes count: Int) -> Int {
        max(1 << 20, count > Int.max / 10 ? Int.max : count * 10)
    }

    /// Past the text budget: entities are no longer expanded (``wsGetEntity``).
    fileprivate var expansionExhausted: Bool { textBytes > textBudget }

    fileprivate func comment(_ text: String) {
        delegate.xmlComment(text)
    }

    fileprivate func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int32, cdata: Bool) {
        guard let ch, len > 0 else { return }
        textBytes += Int(len)
        if textBytes > textBudget, !report.expansionLimitReached {
            // From here on entity references expand to nothing; literal text (bounded by the
            // document itself) still flows, so the items after the attack are recovered.
            report.expansionLimitReached = true
            if report.firstError == nil {
                report.firstError = "entity expansion exceeds ten times the document's size; further entities are not expanded"
                report.firstErrorLine = currentLine
            }
        }
        let buffer = UnsafeBufferPointer(start: ch, count: Int(len))
        if cdata { delegate.xmlCDATA(buffer) } else { delegate.xmlCharacters(buffer) }
    }

    fileprivate func recordError(_ error: UnsafePointer<xmlError>?) {
        guard let error else { return }
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        switch Int(error.pointee.code) {
        case Int(XML_ERR_INVALID_HEX_CHARREF.rawValue), Int(XML_ERR_INVALID_DEC_CHARREF.rawValue),
             Int(XML_ERR_INVALID_CHARREF.rawValue), Int(XML_ERR_ENTITYREF_AT_EOF.rawValue),
             Int(XML_ERR_ENTITYREF_NO_NAME.rawValue), Int(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue),
             Int(XML_ERR_NAME_REQUIRED.rawValue):
            report.sawReferenceError = true
        default:
            break
        }
        guard report.firstError == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        report.firstError = message
        report.firstErrorLine = Int(error.pointee.line)
    }

    /// An internal entity with no content, owned by this parser: handed back for every reference
    /// once the text budget is spent. (Returning nil would not do: libxml2 then looks the name
    /// up itself and expands the declared entity anyway.)
    fileprivate func spentEntity() -> xmlEntityPtr? {
        let name = "wirescore-spent-entity"
        if let doc = entityDoc, let found = xmlGetDocEntity(doc, name) { return found }
        if entityDoc == nil {
            entityDoc = xmlNewDoc(nil)
            if let doc = entityDoc { _ = xmlCreateIntSubset(doc, "entities", nil, nil) }
        }
        guard let doc = entityDoc else { return nil }
        return xmlAddDocEntity(doc, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, "")
    }

    fileprivate func noteUndeclaredEntity(_ name: UnsafePointer<xmlChar>) {
        guard report.undeclaredEntity == nil else { return }
        report.undeclaredEntity = Self.string(name)
        report.undeclaredEntityLine = currentLine
    }

    /// An HTML named entity as a libxml2 internal entity owned by this parser.
    fileprivate func htmlEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        if let doc = entityDoc, let found = xmlGetDocEntity(doc, name) { return found }
        guard let desc = htmlEntityLookup(name) else { return nil }
        let value = desc.pointee.value
        guard value > 0, let scalar = Unicode.Scalar(value) else { return nil }
        var utf8 = Array(String(Character(scalar)).utf8)
        utf8.append(0)
        if entityDoc == nil {
            entityDoc = xmlNewDoc(nil)
            if let doc = entityDoc { _ = xmlCreateIntSubset(doc, "entities", nil, nil) }
        }
        guard let doc = entityDoc else { return nil }
        return utf8.withUnsafeBufferPointer { content in
            xmlAddDocEntity(doc, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, content.baseAddress)
        }
    }

    static func string(_ p: UnsafePointer<xmlChar>) -> String {
        String(cString: p)
    }

    /// The string for a libxml2 dictionary name, made once per distinct pointer per parse.
    @inline(__always) private func intern(_ p: UnsafePointer<xmlChar>) -> String {
        interned.pointee.string(for: p)
    }
}

/// Strings for libxml2 dictionary pointers: open addressing on the pointer's bits.
///
/// A `[UnsafeRawPointer: String]` hashed every lookup with SipHash, three lookups per element
/// (name, prefix, namespace); a document has a few dozen distinct names, so a small table
/// probed with a multiplicative hash finds them in one or two compares.
struct InternTable {
    private var keys: [UnsafeRawPointer?] = Array(repeating: nil, count: 64)
    private var values: [String] = Array(repeating: "", count: 64)
    private var count = 0

    mutating func removeAll() {
        if count == 0 { return }
        keys = Array(repeating: nil, count: 64)
        values = Array(repeating: "", count: 64)
        count = 0
    }

    @inline(__always) mutating func string(for p: UnsafePointer<UInt8>) -> String {
        let key = UnsafeRawPointer(p)
        let mask = keys.count - 1
        var i = Self.slot(key, mask)
        while let k = keys[i] {
            if k == key { return values[i] }
            i = (i + 1) & mask
        }
        let s = String(cString: p)
        keys[i] = key
        values[i] = s
        count += 1
        if count * 2 > keys.count { grow() }
        return s
    }

    @inline(__always) private static func slot(_ key: UnsafeRawPointer, _ mask: Int) -> Int {
        let bits = UInt(bitPattern: key)
        return Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: "", count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) {
            guard let k else { continue }
            var i = Self.slot(k, mask)
            while keys[i] != nil { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}

// MARK: - C trampolines

/// The parser behind a libxml2 context (stored in `_private`; the callbacks' `ctx` is the context).
private func owner(_ ctx: UnsafeMutableRawPointer?) -> XMLStreamParser? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let priv = ctxt.pointee._private else { return nil }
    return Unmanaged<XMLStreamParser>.fromOpaque(priv).takeUnretainedValue()
}

/// Runs `body` on the parser behind `ctx` without retaining it: `parse` keeps the parser alive
/// for the whole run, and a retain/release pair per text callback was measurable.
@inline(__always)
private func withOwner(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLStreamParser) -> Void) {
    guard let ctx else { return }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let priv = ctxt.pointee._private else { return }
    Unmanaged<XMLStreamParser>.fromOpaque(priv)._withUnsafeGuaranteedRef(body)
}

private func wsStartElementNs(_ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?,
                              _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                              _ nbNamespaces: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                              _ nbAttributes: Int32, _ nbDefaulted: Int32,
                              _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    withOwner(ctx) { $0.start(localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, attributes, ctx) }
}

private func wsEndElementNs(_ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?,
                            _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
    withOwner(ctx) { $0.end(localname, prefix, uri) }
}

private func wsCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    withOwner(ctx) { $0.characters(ch, len, cdata: false) }
}

private func wsComment(_ ctx: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?) {
    guard let value else { return }
    withOwner(ctx) { $0.comment(String(cString: value)) }
}

private func wsCDATA(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    withOwner(ctx) { $0.characters(ch, len, cdata: true) }
}

private func wsGetEntity(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
    guard let name else { return nil }
    // Past the text budget an entity reference expands to nothing (quadratic blowup).
    if let parser = owner(ctx), parser.expansionExhausted { return parser.spentEntity() }
    if let declared = xmlSAX2GetEntity(ctx, name) {
        // External entities are never handed back: nothing outside the document is read.
        let type = declared.pointee.etype
        if type == XML_INTERNAL_GENERAL_ENTITY || type == XML_INTERNAL_PREDEFINED_ENTITY {
            return declared
        }
        return nil
    }
    guard let parser = owner(ctx), let entity = parser.htmlEntity(name) else { return nil }
    parser.noteUndeclaredEntity(name)
    return entity
}

private func wsResolveEntity(_ ctx: UnsafeMutableRawPointer?, _ publicId: UnsafePointer<xmlChar>?,
                             _ systemId: UnsafePointer<xmlChar>?) -> xmlParserInputPtr? {
    nil
}

private func wsStructuredError(_ userData: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let parser = owner(userData) else { return }
    parser.recordError(error)
    // libxml2 2.9 drops every entity reference once a document is known to be ill-formed
    // (`xmlParseReference` returns early), even in recovery mode. The error is recorded above,
    // so the context is marked well-formed again to keep recovering text such as `&amp;`.
    if let userData, let error, error.pointee.code != Int32(XML_ERR_ENTITY_LOOP.rawValue) {
        userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee.wellFormed = 1
    }
}
