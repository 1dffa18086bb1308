import Foundation

/// Why an article passed or was held back, as DESIGN.md's `quality` field.
public struct Quality: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, thin, held }
    public var status: Status
    public var reasons: [String]
    public init(status: Status, reasons: [String] = []) { self.status = status; self.reasons = reasons }

    public var json: JSONValue {
        .object([("status", .string(status.rawValue)), ("reasons", .array(reasons.map(JSONValue.string)))])
    }
}

/// One scored article: a line of `articles/date=.../part-N.jsonl`.
///
/// Fields owned by later stages (story, sentiment, entities) are optional JSON values so that
/// the record's key order stays the one DESIGN.md fixes whatever stages ran.
public struct ArticleRecord: Sendable {
    public var id: String
    public var url: String
    public var canonicalURL: String?
    public var feed: String
    public var source: String
    public var title: String
    public var author: String?
    public var lang: String?
    public var published: Date?
    public var fetched: Date
    public var text: String
    public var words: Int
    public var story: JSONValue?
    public var sentiment: JSONValue?
    public var entities: JSONValue?
    public var quality: Quality
    public var pipeline: String
    public var version: String

    public init(id: String, url: String, canonicalURL: String?, feed: String, source: String,
                title: String, author: String?, lang: String?, published: Date?, fetched: Date,
                text: String, words: Int, quality: Quality, pipeline: String, version: String) {
        self.id = id; self.url = URLCanonicalizer.withoutUserinfo(url)
        self.canonicalURL = canonicalURL.map(URLCanonicalizer.withoutUserinfo); self.feed = feed
        self.source = source; self.title = title; self.author = author; self.lang = lang
        self.published = published; self.fetched = fetched; self.text = text; self.words = words
        self.quality = quality; self.pipeline = pipeline; self.version = version
    }

    /// The UTC day the record is filed under: published date, else fetch date.
    public var partitionDay: String { UTCTimestamp.day(published ?? fetched) }

    /// The record as DESIGN.md orders it; `includeText: false` drops `text` (not `words`).
    public func json(includeText: Bool = true) -> JSONValue {
        var o = JSONObjectBuilder()
        setFieldsBeforeStory(&o, includeText: includeText)
        if let story { o.set("story", story) }
        setFieldsAfterStory(&o)
        return o.value
    }

    /// The record serialized except for `story`, which the single writer assigns last: the
    /// ingest workers serialize records in parallel and the writer only splices the story in
    /// (serializing every record on the writer's one thread showed in profiles).
    public func lineAroundStory(includeText: Bool = true) -> ArticleLine {
        var head = JSONObjectBuilder()
        setFieldsBeforeStory(&head, includeText: includeText)
        var tail = JSONObjectBuilder()
        setFieldsAfterStory(&tail)
        return ArticleLine(head: String(head.value.serialized().dropLast()), tail: String(tail.value.serialized().dropFirst()))
    }

    private func setFieldsBeforeStory(_ o: inout JSONObjectBuilder, includeText: Bool) {
        o.set("id", id)
        o.set("url", url)
        o.set("canonical_url", canonicalURL)
        o.set("feed", feed)
        o.set("source", source)
        o.set("title", title)
        o.set("author", author)
        o.set("lang", lang)
        o.set("published", published.map(UTCTimestamp.rfc3339))
        o.set("fetched", UTCTimestamp.rfc3339(fetched))
        if includeText { o.set("text", text) }
        o.set("words", words)
    }

    private func setFieldsAfterStory(_ o: inout JSONObjectBuilder) {
        if let sentiment { o.set("sentiment", sentiment) }
        if let entities { o.set("entities", entities) }
        o.set("quality", quality.json)
        o.set("pipeline", pipeline)
        o.set("version", version)
    }
}

/// An article's JSON line in two parts around its `story` field (see
/// ``ArticleRecord/lineAroundStory(includeText:)``): `head` is the object up to `words` without
/// its closing brace, `tail` the fields after `story` with the closing brace.
public struct ArticleLine: Sendable, Equatable {
    public var head: String
    public var tail: String

    /// The whole line, exactly as ``ArticleRecord/json(includeText:)`` serializes with `story` set.
    public func line(story: JSONValue?) -> String {
        guard let story else { return head + "," + tail }
        return head + ",\"story\":" + story.serialized() + "," + tail
    }
}

/// One failed feed or article: a line of `errors/date=.../part-N.jsonl`.
public struct ErrorRecord: Sendable {
    /// What failed: the whole feed, or one article of it.
    public enum Kind: String, Sendable { case feed, article }
    public var kind: Kind
    public var feed: String
    public var url: String
    /// A short machine-readable class (`http_status`, `timeout`, `not_html`, ...).
    public var code: String
    /// A human sentence with the detail.
    public var reason: String
    public var status: Int?
    public var at: Date
    public var pipeline: String

    public init(kind: Kind, feed: String, url: String, code: String, reason: String,
                status: Int? = nil, at: Date, pipeline: String) {
        self.kind = kind; self.feed = feed; self.url = URLCanonicalizer.withoutUserinfo(url); self.code = code
        self.reason = reason; self.status = status; self.at = at; self.pipeline = pipeline
    }

    public var partitionDay: String { UTCTimestamp.day(at) }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("at", UTCTimestamp.rfc3339(at))
        o.set("kind", kind.rawValue)
        o.set("feed", feed)
        o.set("url", url)
        o.set("code", code)
        o.set("reason", reason)
        o.set("status", status.map(JSONValue.int) ?? .null)
        o.set("pipeline", pipeline)
        return o.value
    }
}
