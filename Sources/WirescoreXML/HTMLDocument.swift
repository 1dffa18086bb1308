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

    /// One node. For text nodes `start..<end` is the byte range in `textBytes`; for elements the
    /// range in `attributes`. Kept as one record (24 bytes) so a walk touches one cache line.
    struct Node: Sendable {
        var tag: UInt16
        /// ``HTMLDocument/spaceBefore(_:)`` (bit 0); fits the padding after `tag`.
        var flags: UInt16 = 0
        var parent: Int32
        var firstChild: Int32
        var nextSibling: Int32
        var start: Int32
        var end: Int32
    }

    var nodes: [Node]
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
    ///   - prefiltered: leave out comments, the bodies of `<script>` (JSON-LD excepted), `<style>`
    ///     and `<svg>` elements, and attributes other than the ``HTMLAttribute`` ones, for readers
    ///     that never look at them (see ``HTMLPrefilter``); the elements themselves stay. Text
    ///     nodes that are only whitespace (indentation, a third of all nodes) are folded into
    ///     ``spaceBefore(_:)`` of the next node instead of being nodes of their own.
    /// - Throws: ``XMLParseError`` when libxml2 cannot allocate a parser.
    public init(bytes raw: [UInt8], contentType: String? = nil, prefiltered: Bool = false) throws(XMLParseError) {
        let decision = HTMLCharset.detect(raw, contentType: contentType)
        var body = decision.bomLength > 0 ? Array(raw[decision.bomLength...]) : raw
        var libxmlEncoding: String? = nil
        switch decision.name {
        case "UTF-8":
            // libxml2 switches a UTF-8 document to Latin-1 at the first bad byte; repairing up
            // front keeps the rest of the page intact and the output valid UTF-8.
            if decision.source != .sniff, !HTMLCharset.isValidUTF8(body) { body = Array(String(decoding: body, as: UTF8.self).utf8) }
        case "windows-1252":
            // Done here rather than by iconv, which stops at the five bytes cp1252 leaves undefined.
            body = Windows1252.decode(body)
        default:
            libxmlEncoding = decision.name
        }
        // Only where every `<` byte is a `<` character: not in UTF-16 or ISO-2022 pages.
        if prefiltered, libxmlEncoding == nil { body = HTMLPrefilter.filter(body) }
        if body.count > Int(Int32.max) { body.removeSubrange(Int(Int32.max)...) }

        let builder = HTMLTreeBuilder(capacity: body.count, foldsBlankText: prefiltered)
        let ok = body.withUnsafeBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1) else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { cbase in
                HTMLDocument.runParser(cbase, Int32(buf.count), encoding: libxmlEncoding, builder: builder)
            }
        }
        guard ok else { throw XMLParseError(message: "libxml2 could not create an HTML parser") }
        builder.finish()

        let state = builder.state
        nodes = state.nodes
        textBytes = state.textBytes
        attributes = state.attributes
        attributeBytes = state.attributeBytes
        tagNames = state.tagNames
        attributeNames = state.attributeNames
        attributeIDs = state.attributeIDs
        encoding = libxmlEncoding ?? decision.name
        encodingSource = decision.source
    }

    private static func runParser(_ base: UnsafePointer<CChar>, _ count: Int32, encoding: String?,
                                  builder: HTMLTreeBuilder) -> Bool {
        guard count > 0 else { return true }
        LibXML2Setup.ensure()
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
    public var count: Int { nodes.count }
    /// The document node's index.
    public var root: Int { 0 }

    /// Whether whitespace-only text stood right before this node in document order and was
    /// folded away (prefiltered documents only): a reader joining text puts a space here.
    @inline(__always) public func spaceBefore(_ n: Int) -> Bool { nodes[n].flags & 1 != 0 }

    /// Whether the node is character data.
    @inline(__always) public func isText(_ n: Int) -> Bool { nodes[n].tag == HTMLTag.text.rawValue }
    /// The node's tag (``HTMLTag/text`` for text, ``HTMLTag/document`` for the root).
    @inline(__always) public func tag(_ n: Int) -> HTMLTag { HTMLTag(rawValue: nodes[n].tag) }
    /// The lowercased element name.
    public func tagName(_ n: Int) -> String { tagNames[Int(nodes[n].tag)] }
    @inline(__always) public func parent(_ n: Int) -> Int { Int(nodes[n].parent) }
    @inline(__always) public func firstChild(_ n: Int) -> Int { Int(nodes[n].firstChild) }
    @inline(__always) public func nextSibling(_ n: Int) -> Int { Int(nodes[n].nextSibling) }

    /// The children of a node in document order.
    public func children(_ n: Int) -> [Int] {
        var out: [Int] = []
        var c = firstChild(n)
        while c >= 0 { out.append(c); c = nextSibling(c) }
        return out
    }

    /// A text node's raw UTF-8 bytes (empty for elements).
    @inline(__always) public func textBytes(_ n: Int) -> ArraySlice<UInt8> {
        let node = nodes[n]
        guard node.tag == HTMLTag.text.rawValue else { return [] }
        return textBytes[Int(node.start)..<Int(node.end)]
    }

    /// An attribute's value (name lowercase), or nil.
    public func attribute(_ n: Int, _ name: String) -> String? {
        guard let bytes = attributeValueBytes(n, name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A well-known attribute's value, or nil.
    public func attribute(_ n: Int, _ name: HTMLAttribute) -> String? {
        guard let bytes = attributeValueBytes(n, name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An attribute's raw UTF-8 value without building a String.
    public func attributeValueBytes(_ n: Int, _ name: String) -> ArraySlice<UInt8>? {
        guard let id = HTMLAttribute.knownIDs[name] ?? attributeIDs[name] else { return nil }
        return attributeValueBytes(n, HTMLAttribute(rawValue: id))
    }

    /// A well-known attribute's raw value: an integer scan of the element's attribute records.
    @inline(__always)
    public func attributeValueBytes(_ n: Int, _ name: HTMLAttribute) -> ArraySlice<UInt8>? {
        let node = nodes[n]
        guard node.tag != HTMLTag.text.rawValue else { return nil }
        var i = Int(node.start)
        let end = Int(node.end)
        while i < end {
            let a = attributes[i]
            if a.name == name.rawValue { return attributeBytes[Int(a.start)..<Int(a.end)] }
            i += 1
        }
        return nil
    }

    /// Whether the element has any attributes at all (most do not).
    @inline(__always) public func hasAttributes(_ n: Int) -> Bool {
        let node = nodes[n]
        return node.tag != HTMLTag.text.rawValue && node.end > node.start
    }

    /// All attributes of an element as (name, value) pairs.
    public func attributes(_ n: Int) -> [(String, String)] {
        let node = nodes[n]
        guard node.tag != HTMLTag.text.rawValue else { return [] }
        return (Int(node.start)..<Int(node.end)).map { i in
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
            // Document order through the child and sibling links, no stack: a walk is run for
            // many subtrees per page, and a stack array (grown, and reversed per element) cost an
            // allocation and a copy for every element visited.
            var cur = n
            walk: while true {
                var descend = false
                // A folded blank run reads as one blank (what `add` makes of it).
                if cur != n, spaceBefore(cur) { pendingSpace = !out.isEmpty }
                if isText(cur) {
                    add(textBytes(cur))
                } else {
                    let t = tag(cur)
                    descend = cur == n || !(t == .script || t == .style || t == .template)
                }
                if descend, firstChild(cur) >= 0 { cur = firstChild(cur); continue walk }
                // Up to the nearest ancestor (below `n`) with a next sibling.
                while cur != n {
                    let next = nextSibling(cur)
                    if next >= 0 { cur = next; continue walk }
                    cur = parent(cur)
                }
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every element with the given tag, in document order.
    public func elements(_ t: HTMLTag) -> [Int] {
        var out: [Int] = []
        for i in nodes.indices where nodes[i].tag == t.rawValue { out.append(i) }
        return out
    }
}

/// Collects SAX events into flat arrays. Used by one parse on one thread only.
///
/// The state is one struct in memory of its own, reached through a pointer: a stored property
/// of a class costs a run-time exclusivity check (a thread-local access set) on every SAX
/// callback, about 7% of parsing in profiles, and one parse on one thread never overlaps its
/// own accesses.
final class HTMLTreeBuilder {
    let statePointer: UnsafeMutablePointer<HTMLTreeState>

    init(capacity: Int, foldsBlankText: Bool) {
        statePointer = .allocate(capacity: 1)
        statePointer.initialize(to: HTMLTreeState(capacity: capacity, foldsBlankText: foldsBlankText))
    }

    deinit {
        statePointer.deinitialize(count: 1)
        statePointer.deallocate()
    }

    var state: HTMLTreeState { statePointer.pointee }

    func finish() { statePointer.pointee.finish() }
}

struct HTMLTreeState {
    var nodes: [HTMLDocument.Node] = []
    var lastChildren: [Int32] = []
    var textBytes: [UInt8] = []
    var attributes: [HTMLDocument.AttributeRecord] = []
    var attributeBytes: [UInt8] = []
    var tagNames: [String] = HTMLTag.knownNames
    var tagIDs: [String: UInt16] = HTMLTag.knownIDs
    var attributeNames: [String] = HTMLAttribute.knownNames
    var attributeIDs: [String: UInt16] = HTMLAttribute.knownIDs
    /// libxml2 interns every element and attribute name in its parser dictionary, so within one
    /// parse a name's pointer identifies it; this small open-addressing table maps those pointers
    /// to our ids and saves building and hashing a String per tag and attribute.
    var tagCache = PointerIDCache()
    var attributeCache = PointerIDCache()

    /// Open elements; the last is where new nodes go.
    var stack: [Int32] = [0]
    /// Start tags beyond maxDepth whose end tags must be swallowed too.
    var suppressed = 0
    /// Index of the text node being extended by consecutive character callbacks, or -1.
    var openText: Int32 = -1
    /// Whether whitespace-only text becomes a flag on the next node rather than a node.
    let foldsBlankText: Bool
    /// Whitespace was seen and not yet attached to a node.
    var pendingSpace = false

    init(capacity: Int, foldsBlankText: Bool) {
        self.foldsBlankText = foldsBlankText
        // Room for a dense page, so that growing (a copy of everything so far) is rare: a
        // prefiltered real page has a node per ~40 bytes at the median and per ~29 at the
        // densest tenth, an attribute per ~72, attribute values about a third of its bytes,
        // and text can be most of them. The arrays live only while the page is extracted.
        let estimate = max(64, capacity / 24)
        nodes.reserveCapacity(estimate)
        lastChildren.reserveCapacity(estimate)
        textBytes.reserveCapacity(capacity)
        attributeBytes.reserveCapacity(capacity / 2)
        attributes.reserveCapacity(max(64, capacity / 40))
        appendNode(tag: HTMLTag.document.rawValue, parent: -1, start: 0, end: 0)
    }

    @discardableResult
    mutating func appendNode(tag: UInt16, parent: Int32, start: Int32, end: Int32) -> Int32 {
        let index = Int32(truncatingIfNeeded: nodes.count)
        nodes.append(.init(tag: tag, flags: pendingSpace ? 1 : 0, parent: parent, firstChild: -1, nextSibling: -1, start: start, end: end))
        pendingSpace = false
        lastChildren.append(-1)
        if parent >= 0 {
            let p = Int(parent)
            let last = lastChildren[p]
            if last >= 0 { nodes[Int(last)].nextSibling = index } else { nodes[p].firstChild = index }
            lastChildren[p] = index
        }
        return index
    }

    private mutating func tagID(_ name: UnsafePointer<UInt8>) -> UInt16 {
        Self.intern(name, cache: &tagCache, ids: &tagIDs, names: &tagNames)
    }

    private mutating func attributeID(_ name: UnsafePointer<UInt8>) -> UInt16 {
        Self.intern(name, cache: &attributeCache, ids: &attributeIDs, names: &attributeNames)
    }

    /// The id of a tag or attribute name: from the pointer cache (libxml2 hands out interned
    /// names), else from the name table, else a new id (the last id stands for every name past
    /// the table's capacity).
    private static func intern(_ name: UnsafePointer<UInt8>, cache: inout PointerIDCache,
                               ids: inout [String: UInt16], names: inout [String]) -> UInt16 {
        if let id = cache.lookup(name) { return id }
        let nameString = String(cString: name)
        let id: UInt16
        if let known = ids[nameString] { id = known } else {
            id = UInt16(truncatingIfNeeded: min(names.count, Int(UInt16.max) - 1))
            if names.count < Int(UInt16.max) - 1 { names.append(nameString); ids[nameString] = id }
        }
        cache.insert(name, id)
        return id
    }

    mutating func start(_ name: UnsafePointer<UInt8>, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        openText = -1
        if stack.count > HTMLDocument.maxDepth || suppressed > 0 { suppressed += 1; return }
        let tag = tagID(name)
        let attrStart = Int32(truncatingIfNeeded: attributes.count)
        if let atts {
            var i = 0
            while let an = atts[i] {
                let value = atts[i + 1]
                let aid = attributeID(an)
                let vs = Int32(truncatingIfNeeded: attributeBytes.count)
                if let value {
                    let len = Int(xmlStrlen(value))
                    attributeBytes.append(contentsOf: UnsafeBufferPointer(start: value, count: len))
                }
                attributes.append(.init(name: aid, start: vs, end: Int32(truncatingIfNeeded: attributeBytes.count)))
                i += 2
            }
        }
        let node = appendNode(tag: tag, parent: stack[stack.count - 1], start: attrStart,
                              end: Int32(truncatingIfNeeded: attributes.count))
        stack.append(node)
    }

    mutating func end() {
        openText = -1
        if suppressed > 0 { suppressed -= 1; return }
        guard stack.count > 1 else { return }
        stack.removeLast()
    }

    mutating func characters(_ ch: UnsafePointer<UInt8>, _ len: Int) {
        guard len > 0 else { return }
        if foldsBlankText, openText < 0 {
            var k = 0
            while k < len, ch[k] == 0x20 || ch[k] == 0x0A || ch[k] == 0x09 || ch[k] == 0x0D || ch[k] == 0x0C { k += 1 }
            if k == len { pendingSpace = true; return }
        }
        let start = Int32(truncatingIfNeeded: textBytes.count)
        textBytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: len))
        let end = Int32(truncatingIfNeeded: textBytes.count)
        if openText >= 0 {
            nodes[Int(openText)].end = end
        } else {
            openText = appendNode(tag: HTMLTag.text.rawValue, parent: stack[stack.count - 1], start: start, end: end)
        }
    }

    /// Frees the parse-only arrays that can be large; the name caches go with the builder
    /// (replacing them here would allocate and zero two fresh tables per page).
    mutating func finish() {
        lastChildren = []
        stack = []
    }
}

/// A fixed-size open-addressing map from a C string's address to an id. Full means "no more
/// caching", never an error: lookups then miss and the caller falls back to the String table.
struct PointerIDCache {
    private var keys = [UInt](repeating: 0, count: 1024)
    private var values = [UInt16](repeating: 0, count: 1024)
    private var used = 0

    @inline(__always) private static func slot(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 54) & 1023
    }

    func lookup(_ p: UnsafePointer<UInt8>) -> UInt16? {
        let key = UInt(bitPattern: p)
        var i = Self.slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & 1023
        }
    }

    mutating func insert(_ p: UnsafePointer<UInt8>, _ id: UInt16) {
        guard used < 768 else { return }
        let key = UInt(bitPattern: p)
        var i = Self.slot(key)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & 1023 }
        if keys[i] == 0 { used += 1 }
        keys[i] = key
        values[i] = id
    }
}

/// Runs `body` on the builder behind libxml2's user-data pointer without a retain/release pair
/// per SAX event: the builder outlives the parse (``HTMLDocument/init(bytes:contentType:prefiltered:)``
/// holds it), so the reference is guaranteed for the call.
@inline(__always)
private func withBuilder(_ ctx: UnsafeMutableRawPointer?, _ body: (HTMLTreeBuilder) -> Void) {
    guard let ctx else { return }
    Unmanaged<HTMLTreeBuilder>.fromOpaque(ctx)._withUnsafeGuaranteedRef(body)
}

private func htmlSAXStart(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                          _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let name else { return }
    withBuilder(ctx) { $0.statePointer.pointee.start(name, atts) }
}

private func htmlSAXEnd(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    withBuilder(ctx) { $0.statePointer.pointee.end() }
}

private func htmlSAXCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    guard let ch else { return }
    withBuilder(ctx) { $0.statePointer.pointee.characters(ch, Int(len)) }
}
