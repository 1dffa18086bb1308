internal import CLibXML2

/// A parsed HTML page as a compact, immutable Swift DOM.
///
/// libxml2's HTML parser (error-recovering, the same tag-soup rules browsers grew up with)
/// drives SAX callbacks that fill flat arrays here; no libxml2 tree is ever built, so there is
/// no `xmlDoc` to own or free, and the parser context lives only inside ``init(bytes:contentType:)``.
/// That is both faster than building and then copying libxml2's tree and means no C pointer
/// outlives parsing. The value is `Sendable` and can be read from any thread.
///
/// Nodes are addressed by `Int` index; index 0 is the document node. Element names are
/// lowercased (libxml2 does that for HTML), comments are dropped, adjacent character data is
/// merged into one text node. Nesting is clamped at ``maxDepth``: start tags deeper than that are
/// not materialised (their text still lands in the deepest kept element), so every consumer can
/// walk the tree recursively without risking the stack, whatever the input.
public struct HTMLDocument: Sendable {
    /// Deepest element nesting kept. Real pages stay far below; hostile ones are flattened.
    public static let maxDepth = 256
    /// Marks a missing parent/child/sibling.
    public static let none = -1

    struct AttributeRecord: Sendable {
        var name: UInt16
        var start: Int32
        var end: Int32
    }

    // Structure of arrays: one entry per node.
    var tags: [UInt16]
    var parents: [Int32]
    var firstChildren: [Int32]
    var nextSiblings: [Int32]
    /// For text nodes the byte range in `textBytes`; for elements the range in `attributes`.
    var rangeStarts: [Int32]
    var rangeEnds: [Int32]
    var textBytes: [UInt8]
    var attributes: [AttributeRecord]
    var attributeBytes: [UInt8]
    var tagNames: [String]
    var attributeNames: [String]
    var attributeIDs: [String: UInt16]

    /// The encoding the body was decoded from, e.g. "UTF-8" or "windows-1252".
    public let encoding: String
    /// Why that encoding was chosen.
    public let encodingSource: HTMLCharset.Source

    /// Parses an HTML body.
    ///
    /// Never touches the network (`HTML_PARSE_NONET`), never reports to stderr, and accepts any
    /// bytes: libxml2 recovers from every syntax error, so the only failure is a parser context
    /// that cannot be allocated.
    /// - Parameters:
    ///   - bytes: the raw HTTP body.
    ///   - contentType: the HTTP `Content-Type` value; its `charset` wins over the document's own.
    /// - Throws: ``XMLParseError`` when libxml2 cannot allocate a parser.
    public init(bytes raw: [UInt8], contentType: String? = nil) throws(XMLParseError) {
        let decision = HTMLCharset.detect(raw, contentType: contentType)
        var body = decision.bomLength > 0 ? Array(raw[decision.bomLength...]) : raw
        var libxmlEncoding: String? = nil
        switch decision.name {
        case "UTF-8":
            // libxml2 switches a UTF-8 document to Latin-1 at the first bad byte; repairing up
            // front keeps the rest of the page intact and the output valid UTF-8.
            if !HTMLCharset.isValidUTF8(body) { body = Array(String(decoding: body, as: UTF8.self).utf8) }
        case "windows-1252":
            // Done here rather than by iconv, which stops at the five bytes cp1252 leaves undefined.
            body = Windows1252.decode(body)
        default:
            libxmlEncoding = decision.name
        }
        if body.count > Int(Int32.max) { body.removeSubrange(Int(Int32.max)...) }

        let builder = HTMLTreeBuilder(capacity: body.count)
        let ok = body.withUnsafeBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1) else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { cbase in
                HTMLDocument.runParser(cbase, Int32(buf.count), encoding: libxmlEncoding, builder: builder)
            }
        }
        guard ok else { throw XMLParseError(message: "libxml2 could not create an HTML parser") }
        builder.finish()

        tags = builder.tags
        parents = builder.parents
        firstChildren = builder.firstChildren
        nextSiblings = builder.nextSiblings
        rangeStarts = builder.rangeStarts
        rangeEnds = builder.rangeEnds
        textBytes = builder.textBytes
        attributes = builder.attributes
        attributeBytes = builder.attributeBytes
        tagNames = builder.tagNames
        attributeNames = builder.attributeNames
        attributeIDs = builder.attributeIDs
        encoding = libxmlEncoding ?? decision.name
        encodingSource = decision.source
    }

    private static func runParser(_ base: UnsafePointer<CChar>, _ count: Int32, encoding: String?,
                                  builder: HTMLTreeBuilder) -> Bool {
        guard count > 0 else { return true }
        guard let ctxt = htmlCreateMemoryParserCtxt(base, count) else { return false }
        defer { htmlFreeParserCtxt(ctxt) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | HTML_PARSE_NODEFDTD.rawValue)
        _ = htmlCtxtUseOptions(ctxt, options)
        guard let sax = ctxt.pointee.sax else { return false }
        var handler = htmlSAXHandler()
        // SAX2 magic only so that `serror` is honoured: errors go nowhere instead of stderr.
        handler.initialized = XML_SAX2_MAGIC
        handler.startElement = htmlSAXStart
        handler.endElement = htmlSAXEnd
        handler.characters = htmlSAXCharacters
        handler.ignorableWhitespace = htmlSAXCharacters
        handler.cdataBlock = htmlSAXCharacters
        handler.serror = { _, _ in }
        handler.error = nil
        handler.warning = nil
        sax.pointee = handler
        // Without an explicit switch the HTML parser treats undeclared non-ASCII as Latin-1.
        if let encoding, let hdlr = xmlFindCharEncodingHandler(encoding) {
            _ = xmlSwitchToEncoding(ctxt, hdlr)
        } else {
            _ = xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        }
        ctxt.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
        _ = htmlParseDocument(ctxt)
        if let doc = ctxt.pointee.myDoc {
            xmlFreeDoc(doc)
            ctxt.pointee.myDoc = nil
        }
        return true
    }

    // MARK: - Reading

    /// Number of nodes, document node included.
    public var count: Int { tags.count }
    /// The document node's index.
    public var root: Int { 0 }

    /// Whether the node is character data.
    @inline(__always) public func isText(_ n: Int) -> Bool { tags[n] == HTMLTag.text.rawValue }
    /// The node's tag (``HTMLTag/text`` for text, ``HTMLTag/document`` for the root).
    @inline(__always) public func tag(_ n: Int) -> HTMLTag { HTMLTag(rawValue: tags[n]) }
    /// The lowercased element name.
    public func tagName(_ n: Int) -> String { tagNames[Int(tags[n])] }
    @inline(__always) public func parent(_ n: Int) -> Int { Int(parents[n]) }
    @inline(__always) public func firstChild(_ n: Int) -> Int { Int(firstChildren[n]) }
    @inline(__always) public func nextSibling(_ n: Int) -> Int { Int(nextSiblings[n]) }

    /// The children of a node in document order.
    public func children(_ n: Int) -> [Int] {
        var out: [Int] = []
        var c = firstChild(n)
        while c >= 0 { out.append(c); c = nextSibling(c) }
        return out
    }

    /// A text node's raw UTF-8 bytes (empty for elements).
    @inline(__always) public func textBytes(_ n: Int) -> ArraySlice<UInt8> {
        guard isText(n) else { return [] }
        return textBytes[Int(rangeStarts[n])..<Int(rangeEnds[n])]
    }

    /// An attribute's value (name lowercase), or nil.
    public func attribute(_ n: Int, _ name: String) -> String? {
        guard let bytes = attributeValueBytes(n, name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An attribute's raw UTF-8 value without building a String.
    public func attributeValueBytes(_ n: Int, _ name: String) -> ArraySlice<UInt8>? {
        guard !isText(n), let id = attributeIDs[name] else { return nil }
        var i = Int(rangeStarts[n])
        let end = Int(rangeEnds[n])
        while i < end {
            let a = attributes[i]
            if a.name == id { return attributeBytes[Int(a.start)..<Int(a.end)] }
            i += 1
        }
        return nil
    }

    /// All attributes of an element as (name, value) pairs.
    public func attributes(_ n: Int) -> [(String, String)] {
        guard !isText(n) else { return [] }
        return (Int(rangeStarts[n])..<Int(rangeEnds[n])).map { i in
            let a = attributes[i]
            return (attributeNames[Int(a.name)], String(decoding: attributeBytes[Int(a.start)..<Int(a.end)], as: UTF8.self))
        }
    }

    /// Concatenated descendant text, whitespace runs collapsed to one space and trimmed.
    /// Walks iteratively; `script`/`style`/`template` content is skipped unless `n` is one of them.
    public func textContent(_ n: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var pendingSpace = false
        func add(_ bytes: ArraySlice<UInt8>) {
            for b in bytes {
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
            }
        }
        if isText(n) { add(textBytes(n)) } else {
            var stack = [n]
            var first = true
            while let cur = stack.popLast() {
                if isText(cur) { add(textBytes(cur)); continue }
                let t = tag(cur)
                if !first && (t == .script || t == .style || t == .template) { continue }
                first = false
                // Push children reversed so they pop in document order.
                let kids = children(cur)
                for k in kids.reversed() { stack.append(k) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every element with the given tag, in document order.
    public func elements(_ t: HTMLTag) -> [Int] {
        var out: [Int] = []
        for i in tags.indices where tags[i] == t.rawValue { out.append(i) }
        return out
    }
}

/// Collects SAX events into flat arrays. Used by one parse on one thread only.
final class HTMLTreeBuilder {
    var tags: [UInt16] = []
    var parents: [Int32] = []
    var firstChildren: [Int32] = []
    var nextSiblings: [Int32] = []
    var rangeStarts: [Int32] = []
    var rangeEnds: [Int32] = []
    var lastChildren: [Int32] = []
    var textBytes: [UInt8] = []
    var attributes: [HTMLDocument.AttributeRecord] = []
    var attributeBytes: [UInt8] = []
    var tagNames: [String] = HTMLTag.knownNames
    var tagIDs: [String: UInt16] = HTMLTag.knownIDs
    var attributeNames: [String] = []
    var attributeIDs: [String: UInt16] = [:]

    /// Open elements; the last is where new nodes go.
    var stack: [Int32] = [0]
    /// Start tags beyond maxDepth whose end tags must be swallowed too.
    var suppressed = 0
    /// Index of the text node being extended by consecutive character callbacks, or -1.
    var openText: Int32 = -1

    init(capacity: Int) {
        let estimate = max(64, capacity / 40)
        tags.reserveCapacity(estimate); parents.reserveCapacity(estimate)
        firstChildren.reserveCapacity(estimate); nextSiblings.reserveCapacity(estimate)
        rangeStarts.reserveCapacity(estimate); rangeEnds.reserveCapacity(estimate)
        lastChildren.reserveCapacity(estimate)
        textBytes.reserveCapacity(capacity / 2)
        attributeBytes.reserveCapacity(capacity / 8)
        appendNode(tag: HTMLTag.document.rawValue, parent: -1, start: 0, end: 0)
    }

    @discardableResult
    func appendNode(tag: UInt16, parent: Int32, start: Int32, end: Int32) -> Int32 {
        let index = Int32(tags.count)
        tags.append(tag); parents.append(parent)
        firstChildren.append(-1); nextSiblings.append(-1); lastChildren.append(-1)
        rangeStarts.append(start); rangeEnds.append(end)
        if parent >= 0 {
            let p = Int(parent)
            let last = lastChildren[p]
            if last >= 0 { nextSiblings[Int(last)] = index } else { firstChildren[p] = index }
            lastChildren[p] = index
        }
        return index
    }

    func start(_ name: UnsafePointer<UInt8>, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        openText = -1
        if stack.count > HTMLDocument.maxDepth || suppressed > 0 { suppressed += 1; return }
        let nameString = String(cString: name)
        let tagID: UInt16
        if let id = tagIDs[nameString] { tagID = id } else {
            tagID = UInt16(truncatingIfNeeded: min(tagNames.count, Int(UInt16.max) - 1))
            if tagNames.count < Int(UInt16.max) - 1 { tagNames.append(nameString); tagIDs[nameString] = tagID }
        }
        let attrStart = Int32(attributes.count)
        if let atts {
            var i = 0
            while let an = atts[i] {
                let value = atts[i + 1]
                let aname = String(cString: an)
                let aid: UInt16
                if let id = attributeIDs[aname] { aid = id } else {
                    aid = UInt16(truncatingIfNeeded: attributeNames.count)
                    if attributeNames.count < Int(UInt16.max) { attributeNames.append(aname); attributeIDs[aname] = aid }
                }
                let vs = Int32(truncatingIfNeeded: attributeBytes.count)
                if let value {
                    var len = 0
                    while value[len] != 0 { len += 1 }
                    attributeBytes.append(contentsOf: UnsafeBufferPointer(start: value, count: len))
                }
                attributes.append(.init(name: aid, start: vs, end: Int32(truncatingIfNeeded: attributeBytes.count)))
                i += 2
            }
        }
        let node = appendNode(tag: tagID, parent: stack[stack.count - 1], start: attrStart, end: Int32(attributes.count))
        stack.append(node)
    }

    func end(_ name: UnsafePointer<UInt8>?) {
        openText = -1
        if suppressed > 0 { suppressed -= 1; return }
        guard stack.count > 1 else { return }
        stack.removeLast()
    }

    func characters(_ ch: UnsafePointer<UInt8>, _ len: Int) {
        guard len > 0 else { return }
        let start = Int32(truncatingIfNeeded: textBytes.count)
        textBytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: len))
        let end = Int32(truncatingIfNeeded: textBytes.count)
        if openText >= 0 {
            rangeEnds[Int(openText)] = end
        } else {
            openText = appendNode(tag: HTMLTag.text.rawValue, parent: stack[stack.count - 1], start: start, end: end)
        }
    }

    func finish() {
        lastChildren = []
        stack = []
    }
}

private func builder(_ ctx: UnsafeMutableRawPointer?) -> HTMLTreeBuilder? {
    guard let ctx else { return nil }
    return Unmanaged<HTMLTreeBuilder>.fromOpaque(ctx).takeUnretainedValue()
}

private func htmlSAXStart(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                          _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let b = builder(ctx), let name else { return }
    b.start(name, atts)
}

private func htmlSAXEnd(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    builder(ctx)?.end(name)
}

private func htmlSAXCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    guard let b = builder(ctx), let ch else { return }
    b.characters(ch, Int(len))
}
