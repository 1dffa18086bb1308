import Foundation
import WirescoreCore
import WirescoreXML

/// The metadata sources of one page gathered in a single pass: `<meta>`, `<link>`, `<title>`,
/// `lang`, JSON-LD. Each public accessor then applies its own precedence.
struct PageMetadata {
    let doc: HTMLDocument
    /// `<meta>` content keyed by lowercased property/name/itemprop/http-equiv; first wins.
    var metas: [String: String] = [:]
    var canonicalLink: String?
    var relAuthor: String?
    var htmlLang: String?
    var titleTag: String?
    var firstH1: String?
    var firstTimeDatetime: String?
    var itempropDates: [String: String] = [:]
    var bylineText: String?
    /// JSON-LD objects of an article type, in page order.
    var ldArticles: [JSONValue] = []
    /// Every JSON-LD object (flattened `@graph`s), for publisher/site lookups.
    var ldObjects: [JSONValue] = []

    init(doc: HTMLDocument) {
        self.doc = doc
        for i in 1..<doc.count where !doc.isText(i) {
            switch doc.tag(i) {
            case .meta:
                guard let content = doc.attribute(i, .content) else { continue }
                for key in [HTMLAttribute.property, .name, .itemprop, .httpEquiv] {
                    if let k = doc.attribute(i, key)?.lowercased(), !k.isEmpty, metas[k] == nil {
                        metas[k] = content.trimmingWhitespace()
                    }
                }
            case .link:
                guard let rel = doc.attribute(i, .rel)?.lowercased() else { continue }
                if rel.split(separator: " ").contains("canonical"), canonicalLink == nil { canonicalLink = doc.attribute(i, .href) }
            case .html:
                if htmlLang == nil { htmlLang = doc.attribute(i, .lang) ?? doc.attribute(i, .xmlLang) }
            case .title:
                if titleTag == nil { titleTag = doc.textContent(i) }
            case .h1:
                if firstH1 == nil { let t = doc.textContent(i); if !t.isEmpty { firstH1 = t } }
            case .time:
                if firstTimeDatetime == nil { firstTimeDatetime = doc.attribute(i, .datetime) }
            case .a:
                if relAuthor == nil, let rel = doc.attribute(i, .rel)?.lowercased(), rel.split(separator: " ").contains("author") {
                    let t = doc.textContent(i)
                    if !t.isEmpty, t.count < 80 { relAuthor = t }
                }
            case .script:
                guard let type = doc.attribute(i, .type)?.lowercased(), UTF8Search.contains(type, "ld+json") else { continue }
                var bytes: [UInt8] = []
                var c = doc.firstChild(i)
                while c >= 0 { bytes.append(contentsOf: doc.textBytes(c)); c = doc.nextSibling(c) }
                if let v = JSONLDReader.parse(bytes) { collect(v, depth: 0) }
            default:
                break
            }
            guard doc.hasAttributes(i) else { continue }
            if let ipBytes = doc.attributeValueBytes(i, .itemprop), ipBytes.count == 11 || ipBytes.count == 13 {
                let ip = String(decoding: ipBytes, as: UTF8.self).lowercased()
                if ip == "datepublished" || ip == "datecreated", itempropDates[ip] == nil {
                    itempropDates[ip] = doc.attribute(i, .datetime) ?? doc.attribute(i, .content) ?? doc.textContent(i)
                }
            }
            if bylineText == nil, let clsBytes = doc.attributeValueBytes(i, .class), Self.isBylineClass(clsBytes) {
                let t = doc.textContent(i)
                if !t.isEmpty, t.count < 120 { bylineText = t }
            }
        }
    }

    /// Byte search (no Foundation string search: this runs for every element with a class).
    static func isBylineClass(_ cls: ArraySlice<UInt8>) -> Bool {
        // One pass: only a `b` or an `a` can start a match.
        var i = cls.startIndex
        while i < cls.endIndex {
            let b = cls[i] | 0x20
            if b == UInt8(ascii: "b"), startsLowercased(cls, at: i, byline) { return true }
            if b == UInt8(ascii: "a"), startsLowercased(cls, at: i, authorDashName) || startsLowercased(cls, at: i, authorName) { return true }
            i += 1
        }
        return false
    }

    private static func startsLowercased(_ hay: ArraySlice<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
        guard hay.endIndex - i >= needle.count else { return false }
        for j in 0..<needle.count {
            var b = hay[i + j]
            if b >= 0x41 && b <= 0x5A { b += 32 }
            if b != needle[j] { return false }
        }
        return true
    }
    private static let byline = Array("byline".utf8), authorDashName = Array("author-name".utf8)
    private static let authorName = Array("authorname".utf8)

    private mutating func collect(_ v: JSONValue, depth: Int) {
        guard depth < 4 else { return }
        switch v {
        case let .array(items): for item in items { collect(item, depth: depth + 1) }
        case .object:
            if let graph = v["@graph"] { collect(graph, depth: depth + 1) }
            ldObjects.append(v)
            if Self.isArticleType(v["@type"]) { ldArticles.append(v) }
        default: break
        }
    }

    static func isArticleType(_ t: JSONValue?) -> Bool {
        switch t {
        case let .string(s)?:
            return s.hasSuffix("Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting"
                || s == "SocialMediaPosting" || s == "Review" || s == "Posting"
        case let .array(items)?: return items.contains { isArticleType($0) }
        default: return false
        }
    }

    /// A JSON-LD string as written (line breaks kept), for `articleBody`.
    func ldRawString(_ key: String) -> String? {
        for a in ldArticles { if case let .string(s)? = a[key], !s.isEmpty { return s } }
        return nil
    }

    func ldString(_ key: String) -> String? {
        for a in ldArticles { if let s = Self.text(of: a[key]) { return s } }
        return nil
    }

    /// A JSON-LD value as text: strings as-is, `{name}` objects by name, arrays joined.
    static func text(of v: JSONValue?) -> String? {
        switch v {
        case let .string(s)?:
            let t = s.trimmingWhitespace()
            return t.isEmpty ? nil : t
        case let .object(o)?:
            return text(of: o.first { $0.0 == "name" }?.1)
        case let .array(items)?:
            let parts = items.compactMap { text(of: $0) }
            var seen = Set<String>()
            let unique = parts.filter { seen.insert($0).inserted }
            return unique.isEmpty ? nil : unique.joined(separator: "; ")
        default:
            return nil
        }
    }
}

extension String {
    /// Trims and collapses whitespace runs to single spaces.
    func trimmingWhitespace() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var space = false
        var previous: UInt8 = 0
        for b in utf8 {
            defer { previous = b }
            let nbsp = b == 0xA0 && previous == 0xC2
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || nbsp {
                if nbsp, out.last == 0xC2 { out.removeLast() }
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20); space = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
