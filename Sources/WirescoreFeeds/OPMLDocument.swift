import Foundation
import WirescoreXML

/// An OPML file as an element tree, for editing a feed list without losing what wirescore
/// does not read itself.
///
/// ``OPMLParser`` flattens outlines into the few fields a run needs; rewriting a feed list from
/// those dropped the `<head>` (owner, dates, docs) and every other outline attribute
/// (`language`, `description`, `htmlUrl` on folders, vendor extensions) and the folder nesting.
/// This keeps the whole tree: elements, attributes in order, namespace declarations and text.
/// Comments are kept where they were (inside elements, and before or after the root);
/// processing instructions are not, nor the original indentation (the serializer indents two
/// spaces per level). A value type; `Sendable`.
public struct OPMLDocument: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        /// `prefix:localName` as written.
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public struct Element: Sendable, Equatable {
        /// `prefix:localName` as written.
        public var name: String
        public var namespaces: [XMLNamespaceDeclaration] = []
        public var attributes: [Attribute] = []
        public var children: [Node] = []
        /// The 1-based line of the start tag in the source (0 for elements added since).
        public var line = 0

        public init(name: String, attributes: [Attribute] = [], children: [Node] = [], line: Int = 0) {
            self.name = name; self.attributes = attributes; self.children = children; self.line = line
        }

        /// The value of the unprefixed attribute `name`, compared case-insensitively (feed
        /// lists in the wild write `xmlurl` and `xmlURL`).
        public func attribute(_ name: String) -> String? {
            let lowered = name.lowercased()
            return attributes.first { !$0.name.contains(":") && $0.name.lowercased() == lowered }?.value
        }

        public var isOutline: Bool { name == "outline" }
    }

    public indirect enum Node: Sendable, Equatable {
        case element(Element)
        case text(String)
        /// A comment's text, without `<!--` and `-->`.
        case comment(String)
    }

    /// The `<opml>` element.
    public var root: Element
    /// Comments before the root element and after it.
    public var leadingComments: [String] = []
    public var trailingComments: [String] = []

    /// Parses an OPML file; errors are ``OPMLParser``'s (ill-formed XML, not `<opml>`, no
    /// `<body>`), with their lines.
    /// - Throws: ``OPMLError``.
    public init(parsing data: [UInt8]) throws(OPMLError) {
        _ = try OPMLParser().parse(data)
        let builder = TreeBuilder()
        _ = XMLStreamParser(delegate: builder).parse(data)
        guard let root = builder.root else { throw OPMLError(message: "no root element", line: 1) }
        self.root = root
        leadingComments = builder.leadingComments
        trailingComments = builder.trailingComments
    }

    /// A feed outline with the titles of the folders (outlines) it sits in.
    public struct FeedOutline: Sendable, Equatable {
        public var element: Element
        public var folders: [String]
    }

    /// Every outline with a non-empty `xmlUrl`, in document order (the order
    /// ``OPMLParser/parse(_:)`` returns them in).
    public var feedOutlines: [FeedOutline] {
        var found: [FeedOutline] = []
        func walk(_ element: Element, _ folders: [String]) {
            for case .element(let child) in element.children {
                var inner = folders
                if child.isOutline {
                    if let url = child.attribute("xmlUrl"), !url.allSatisfy(\.isWhitespace) {
                        found.append(FeedOutline(element: child, folders: folders))
                    }
                    if let title = child.attribute("title").flatMap({ $0.isEmpty ? nil : $0 }) ?? child.attribute("text") {
                        inner.append(title)
                    }
                }
                walk(child, inner)
            }
        }
        walk(root, [])
        return found
    }

    /// Appends an outline as the last child of `<body>`.
    public mutating func appendOutline(_ attributes: [Attribute]) {
        guard let index = root.children.firstIndex(where: { if case .element(let e) = $0 { e.name == "body" } else { false } }),
              case .element(var body) = root.children[index] else { return }
        body.children.append(.element(Element(name: "outline", attributes: attributes)))
        root.children[index] = .element(body)
    }

    /// Removes every outline (with whatever it contains) for which `shouldRemove` is true.
    /// - Returns: how many were removed.
    @discardableResult
    public mutating func removeOutlines(where shouldRemove: (Element) -> Bool) -> Int {
        var removed = 0
        func prune(_ element: inout Element) {
            var kept: [Node] = []
            for node in element.children {
                guard case .element(var child) = node else { kept.append(node); continue }
                if child.isOutline && shouldRemove(child) { removed += 1; continue }
                prune(&child)
                kept.append(.element(child))
            }
            element.children = kept
        }
        prune(&root)
        return removed
    }

    /// The document as OPML text, UTF-8, indented two spaces per level.
    public func serialized() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        for comment in leadingComments { out += Self.commentText(comment) + "\n" }
        Self.write(root, depth: 0, into: &out)
        for comment in trailingComments { out += Self.commentText(comment) + "\n" }
        return out
    }

    private static func write(_ element: Element, depth: Int, into out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        out += indent + "<" + element.name
        for ns in element.namespaces {
            out += " " + (ns.prefix.map { "xmlns:\($0)" } ?? "xmlns") + "=\"" + OPMLWriter.escape(ns.uri) + "\""
        }
        for attribute in element.attributes {
            out += " " + attribute.name + "=\"" + OPMLWriter.escape(attribute.value) + "\""
        }
        let meaningful = element.children.filter {
            if case .text(let t) = $0 { return !t.allSatisfy(\.isWhitespace) }
            return true
        }
        if meaningful.isEmpty { out += "/>\n"; return }
        let hasElements = meaningful.contains { if case .text = $0 { false } else { true } }
        let hasText = meaningful.contains { if case .text = $0 { true } else { false } }
        if !hasElements {
            // Text only (`<title>Feeds</title>`): inline, exactly as read.
            out += ">"
            for case .text(let t) in meaningful { out += escapeText(t) }
            out += "</" + element.name + ">\n"
        } else if hasText {
            // Mixed content (not found in OPML, but kept): inline, whitespace untouched.
            out += ">"
            for node in element.children { writeInline(node, into: &out) }
            out += "</" + element.name + ">\n"
        } else {
            out += ">\n"
            for node in meaningful {
                switch node {
                case .element(let child): write(child, depth: depth + 1, into: &out)
                case .comment(let text): out += indent + "  " + commentText(text) + "\n"
                case .text: break
                }
            }
            out += indent + "</" + element.name + ">\n"
        }
    }

    private static func writeInline(_ node: Node, into out: inout String) {
        switch node {
        case .text(let t): out += escapeText(t)
        case .comment(let c): out += commentText(c)
        case .element(let e):
            var inner = ""
            write(e, depth: 0, into: &inner)
            out += inner.hasSuffix("\n") ? String(inner.dropLast()) : inner
        }
    }

    /// A comment as written; `--` cannot appear inside one, so it is spaced apart.
    private static func commentText(_ text: String) -> String {
        var body = text
        while body.contains("--") { body = body.replacingOccurrences(of: "--", with: "- -") }
        if body.hasSuffix("-") { body += " " }
        return "<!--" + body + "-->"
    }

    private static func escapeText(_ s: String) -> String {
        var r = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            default: r.unicodeScalars.append(ch)
            }
        }
        return r
    }
}

/// Builds the element tree from SAX events.
private final class TreeBuilder: XMLStreamDelegate {
    var root: OPMLDocument.Element?
    var leadingComments: [String] = []
    var trailingComments: [String] = []
    private var stack: [OPMLDocument.Element] = []

    var wantsComments: Bool { true }

    func xmlComment(_ text: String) {
        if stack.isEmpty {
            if root == nil { leadingComments.append(text) } else { trailingComments.append(text) }
        } else {
            stack[stack.count - 1].children.append(.comment(text))
        }
    }

    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        var element = OPMLDocument.Element(name: prefix.map { "\($0):\(localName)" } ?? localName, line: line)
        element.namespaces = namespaces
        element.attributes = attributes.map { OPMLDocument.Attribute(name: $0.qualifiedName, value: $0.value) }
        stack.append(element)
    }

    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty {
            if root == nil { root = done }
        } else {
            stack[stack.count - 1].children.append(.element(done))
        }
    }

    func xmlCharacters(_ text: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        let string = String(decoding: text, as: UTF8.self)
        if case .text(let previous) = stack[stack.count - 1].children.last {
            stack[stack.count - 1].children[stack[stack.count - 1].children.count - 1] = .text(previous + string)
        } else {
            stack[stack.count - 1].children.append(.text(string))
        }
    }

    var wantsEndElementNames: Bool { false }
}
