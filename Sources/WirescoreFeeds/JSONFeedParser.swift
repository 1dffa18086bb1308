import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org) into the same ``FeedDocument`` as RSS and
/// Atom, with feedparser's version strings `json1` and `json11`.
///
/// Mapping: `title`, `home_page_url` -> link, `feed_url` -> id when there is no better one,
/// `description` -> subtitle, `language`, `author`/`authors[0]`; items: `id`, `url` (else
/// `external_url`) -> link, `title`, `summary`, `content_html` (sanitised, `text/html`) and
/// `content_text` (`text/plain`) -> content, `date_published`/`date_modified` -> published/updated,
/// `author`/`authors[0]`. URLs are resolved against the document's base.
///
/// Stateless; `Sendable`.
struct JSONFeedParser: Sendable {
    /// Whether the bytes look like a JSON document (first non-space byte `{`, after any BOM).
    static func looksLikeJSON(_ data: [UInt8]) -> Bool {
        var i = 0
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { i = 3 }
        while i < data.count, data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09 { i += 1 }
        return i < data.count && data[i] == UInt8(ascii: "{")
    }

    /// Parses a JSON Feed.
    ///
    /// - Parameters:
    ///   - data: the document bytes (UTF-8, as RFC 8259 requires).
    ///   - base: the base for relative URLs.
    /// - Returns: the feed; `bozo` is set when the document is JSON but not a JSON Feed.
    /// - Throws: ``FeedError`` when the bytes are not JSON at all.
    func parse(_ data: [UInt8], base: String?) throws(FeedError) -> FeedDocument {
        var bytes = data
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw FeedError("not a feed: invalid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else { throw FeedError("not a feed: JSON is not an object") }
        var doc = FeedDocument()
        doc.encoding = "utf-8"
        let version = (root["version"] as? String) ?? ""
        switch version {
        case "https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1": doc.version = "json1"
        case "https://jsonfeed.org/version/1.1", "http://jsonfeed.org/version/1.1": doc.version = "json11"
        default:
            doc.version = version.contains("jsonfeed.org/version/") ? "json" : ""
            doc.bozo = true
            doc.bozoException = version.isEmpty ? "JSON without a JSON Feed version" : "unknown JSON Feed version \(version)"
        }
        let feedBase = Self.string(root["feed_url"]).map { FeedURL.resolve($0, against: base) } ?? base
        doc.feed.title = Self.string(root["title"])
        doc.feed.titleDetail = doc.feed.title.map { FeedContent(value: $0, type: "text/plain") }
        doc.feed.link = Self.string(root["home_page_url"]).map { FeedURL.resolve($0, against: base) }
        doc.feed.id = Self.string(root["feed_url"]).map { FeedURL.resolve($0, against: base) }
        doc.feed.subtitle = Self.string(root["description"])
        doc.feed.language = Self.string(root["language"])
        if let person = Self.person(root, base: feedBase) {
            doc.feed.author = person.name ?? person.email
            doc.feed.authorDetail = person
        }
        if let items = root["items"] as? [Any] {
            doc.entries.reserveCapacity(items.count)
            for case let item as [String: Any] in items {
                doc.entries.append(entry(item, base: feedBase, feedAuthor: nil))
            }
        } else if root["items"] != nil || doc.version.hasPrefix("json") {
            doc.bozo = true
            doc.bozoException = doc.bozoException ?? "JSON Feed without an items array"
        }
        return doc
    }

    private func entry(_ item: [String: Any], base: String?, feedAuthor: FeedPerson?) -> FeedEntry {
        var e = FeedEntry()
        e.id = Self.string(item["id"])
        let url = Self.string(item["url"]) ?? Self.string(item["external_url"])
        e.link = url.map { FeedURL.resolve($0, against: base) }
        e.title = Self.string(item["title"])
        let entryBase = e.link ?? base
        if let html = Self.string(item["content_html"]) {
            e.content.append(FeedContent(value: FeedSanitizer.sanitize(html, base: entryBase), type: "text/html"))
        }
        if let text = Self.string(item["content_text"]) {
            e.content.append(FeedContent(value: text, type: "text/plain"))
        }
        if let summary = Self.string(item["summary"]) {
            e.summary = summary
        } else {
            e.summary = e.content.first?.value
        }
        if let raw = Self.string(item["date_published"]) {
            e.published = raw
            e.publishedParsed = FeedDateParser.parse(raw)
        }
        if let raw = Self.string(item["date_modified"]) {
            e.updated = raw
            e.updatedParsed = FeedDateParser.parse(raw)
        }
        if let person = Self.person(item, base: entryBase) {
            e.author = person.name ?? person.email
            e.authorDetail = person
        }
        return e
    }

    /// `authors[0]` (1.1) or `author` (1.0) as a person.
    private static func person(_ o: [String: Any], base: String?) -> FeedPerson? {
        let raw = (o["authors"] as? [Any])?.first as? [String: Any] ?? o["author"] as? [String: Any]
        guard let raw else { return nil }
        let name = string(raw["name"])
        let href = string(raw["url"]).map { FeedURL.resolve($0, against: base) }
        guard name != nil || href != nil else { return nil }
        return FeedPerson(name: name, email: nil, href: href)
    }

    /// A string member; numbers (ids are sometimes written as numbers) become their decimal text.
    private static func string(_ v: Any?) -> String? {
        switch v {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }
}
