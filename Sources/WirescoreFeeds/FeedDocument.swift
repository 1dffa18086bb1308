import Foundation

/// A parsed RSS, RDF or Atom document, shaped like Python feedparser's result.
///
/// Raw date strings are kept as the document wrote them; the `*Parsed` dates are what
/// ``FeedDateParser`` made of them (nil when unparseable).
public struct FeedDocument: Sendable, Equatable {
    /// Whether the document was not well-formed (or its encoding was wrong); content was
    /// still recovered as far as possible.
    public var bozo: Bool = false
    /// The first problem seen when ``bozo`` is true, with its line when known.
    public var bozoException: String?
    /// The character encoding the document was read with (`utf-8`, `iso-8859-1`, ...).
    public var encoding: String = "utf-8"
    /// The format, spelled as feedparser does: `rss20`, `rss10`, `atom10`, ..., or "" when unknown.
    public var version: String = ""
    public var feed = FeedMetadata()
    public var entries: [FeedEntry] = []

    public init() {}
}

/// Channel-level (feed-level) metadata.
public struct FeedMetadata: Sendable, Equatable {
    public var title: String?
    public var titleDetail: FeedContent?
    public var subtitle: String?
    /// A channel-level summary element (`itunes:summary`), as feedparser keeps it beside the
    /// subtitle.
    public var summary: String?
    public var link: String?
    public var id: String?
    public var language: String?
    public var author: String?
    public var authorDetail: FeedPerson?
    public var updated: String?
    public var updatedParsed: Date?
    public var published: String?
    public var publishedParsed: Date?

    public init() {}
}

/// One item (RSS) or entry (Atom).
public struct FeedEntry: Sendable, Equatable {
    public var title: String?
    public var link: String?
    public var id: String?
    public var author: String?
    public var authorDetail: FeedPerson?
    public var summary: String?
    public var content: [FeedContent] = []
    public var published: String?
    public var publishedParsed: Date?
    public var updated: String?
    public var updatedParsed: Date?

    public init() {}
}

/// A person construct: Atom `author`, or an RSS author string split into name and email.
public struct FeedPerson: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var href: String?

    public init(name: String? = nil, email: String? = nil, href: String? = nil) {
        self.name = name; self.email = email; self.href = href
    }
}

/// A piece of content with its media type (`text/plain`, `text/html`, `application/xhtml+xml`).
public struct FeedContent: Sendable, Equatable {
    public var value: String
    public var type: String

    public init(value: String, type: String) { self.value = value; self.type = type }
}
