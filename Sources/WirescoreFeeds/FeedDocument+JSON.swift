import Foundation
import WirescoreCore

extension FeedDocument {
    /// The document as DESIGN.md's `inspect feed` object, shaped like Python feedparser's result:
    /// `{"bozo", "encoding", "version", "feed": {...}, "entries": [...]}`.
    ///
    /// Every key is present; absent values are null (`content` is an empty array). `*_parsed`
    /// dates are `YYYY-MM-DDTHH:MM:SSZ` strings in UTC; the unsuffixed date fields are the raw
    /// strings of the document.
    public func feedparserJSON() -> JSONValue {
        var root = JSONObjectBuilder()
        root.set("bozo", bozo)
        if let bozoException { root.set("bozo_exception", bozoException) }
        root.set("encoding", encoding)
        root.set("version", version)
        var f = JSONObjectBuilder()
        f.set("title", feed.title)
        f.set("subtitle", feed.subtitle)
        if let summary = feed.summary { f.set("summary", summary) }
        f.set("link", feed.link)
        f.set("id", feed.id)
        f.set("language", feed.language)
        f.set("author", feed.author)
        f.set("author_detail", Self.person(feed.authorDetail))
        f.set("updated", feed.updated)
        f.set("updated_parsed", Self.date(feed.updatedParsed))
        f.set("published", feed.published)
        f.set("published_parsed", Self.date(feed.publishedParsed))
        root.set("feed", f.value)
        root.set("entries", .array(entries.map(Self.entry)))
        return root.value
    }

    static func entry(_ e: FeedEntry) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("title", e.title)
        o.set("link", e.link)
        o.set("id", e.id)
        o.set("author", e.author)
        o.set("author_detail", person(e.authorDetail))
        o.set("summary", e.summary)
        o.set("content", .array(e.content.map { c in
            var b = JSONObjectBuilder()
            b.set("value", c.value)
            b.set("type", c.type)
            return b.value
        }))
        o.set("published", e.published)
        o.set("published_parsed", date(e.publishedParsed))
        o.set("updated", e.updated)
        o.set("updated_parsed", date(e.updatedParsed))
        return o.value
    }

    static func person(_ p: FeedPerson?) -> JSONValue {
        guard let p else { return .null }
        var o = JSONObjectBuilder()
        o.set("name", p.name)
        o.set("email", p.email)
        o.set("href", p.href)
        return o.value
    }

    static func date(_ d: Date?) -> JSONValue {
        d.map { .string(UTCTimestamp.rfc3339($0)) } ?? .null
    }
}
