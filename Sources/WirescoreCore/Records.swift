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
/// Every field is typed until the single writer serializes the record, once, with the story
/// it assigns (``json(includeText:)``). Fields owned by steps that may not run (sentiment,
/// entities, story, and what extra steps add in ``extensions``) are optional and simply left
/// out, so the key order DESIGN.md fixes holds whatever steps ran.
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
    public var story: StoryField?
    public var sentiment: SentimentField?
    public var entities: [EntityField]?
    /// Corporate events the article reports (docs/events.md).
    public var events: [EventField]?
    /// Fields added by article steps beyond the built-in ones, in the order the steps ran;
    /// written after `entities`, before `quality`.
    public var extensions: [(name: String, value: JSONValue)] = []
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

    /// The tickers (or ids) of the entities the record names, in order.
    public var entityIDs: [String] { entities?.map(\.id) ?? [] }

    /// The record as DESIGN.md orders it; `includeText: false` drops `text` (not `words`).
    public func json(includeText: Bool = true) -> JSONValue {
        var o = JSONObjectBuilder()
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
        if let story { o.set("story", story.json) }
        if let sentiment { o.set("sentiment", sentiment.json) }
        if let entities { o.set("entities", .array(entities.map(\.json))) }
        if let events { o.set("events", .array(events.map(\.json))) }
        for field in extensions { o.set(field.name, field.value) }
        o.set("quality", quality.json)
        o.set("pipeline", pipeline)
        o.set("version", version)
        return o.value
    }

    /// The record's JSON line, without the newline.
    public func line(includeText: Bool = true) -> String { json(includeText: includeText).serialized() }
}

/// The same-story cluster an article joined: DESIGN.md's `story` field.
public struct StoryField: Sendable, Equatable {
    /// The id of the story's first article.
    public var id: String
    /// 100 for the first telling, lower for each later one.
    public var novelty: Int
    /// Published time of the story's first article.
    public var firstSeen: Date

    public init(id: String, novelty: Int, firstSeen: Date) {
        self.id = id; self.novelty = novelty; self.firstSeen = firstSeen
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("novelty", novelty)
        o.set("first_seen", UTCTimestamp.rfc3339(firstSeen))
        return o.value
    }
}

/// An article's overall tone: DESIGN.md's `sentiment` field.
public struct SentimentField: Sendable, Equatable {
    /// -1...1, rounded to 4 decimals.
    public var score: Double
    /// "positive", "neutral" or "negative".
    public var label: String

    public init(score: Double, label: String) { self.score = score; self.label = label }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("score", .double(score))
        o.set("label", label)
        return o.value
    }
}

/// One corporate event: an element of `events` (docs/events.md).
public struct EventField: Sendable, Equatable {
    /// `group/type[/direction]`, e.g. `earnings/result/beat`.
    public var type: String
    /// The company's id (ticker for listed companies), nil when the sentence names none known.
    public var company: String?
    /// `subject`, or for two-company events `acquirer`/`target`, `plaintiff`/`defendant` ...
    public var role: String
    /// -1...1.
    public var sentiment: Double
    /// 0-100 event sentiment score, 50 neutral.
    public var ess: Int
    /// 0...1.
    public var confidence: Double
    /// The sentence that reports the event.
    public var evidence: String
    /// 0-100: 100 for the first report of the event's story, lower for repeats across outlets;
    /// nil until the writer knows the story.
    public var novelty: Int?

    public init(type: String, company: String?, role: String, sentiment: Double, ess: Int, confidence: Double,
                evidence: String, novelty: Int? = nil) {
        self.type = type; self.company = company; self.role = role; self.sentiment = sentiment; self.ess = ess
        self.confidence = confidence; self.evidence = evidence; self.novelty = novelty
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("type", type)
        o.set("company", company)
        o.set("role", role)
        o.set("sentiment", .double(sentiment))
        o.set("ess", ess)
        o.set("confidence", .double(confidence))
        o.set("evidence", evidence)
        if let novelty { o.set("novelty", novelty) }
        return o.value
    }
}

/// One company an article names, with the sentiment toward it: an element of `entities`.
public struct EntityField: Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: String
    public var exchange: String?
    public var sector: String?
    public var mentions: Int
    /// 0-100.
    public var relevance: Int
    /// -1...1, rounded to 4 decimals.
    public var sentiment: Double
    public var label: String
    /// The sentence that drove the sentiment.
    public var evidence: String

    public init(id: String, name: String, type: String, exchange: String?, sector: String?, mentions: Int,
                relevance: Int, sentiment: Double, label: String, evidence: String) {
        self.id = id; self.name = name; self.type = type; self.exchange = exchange; self.sector = sector
        self.mentions = mentions; self.relevance = relevance; self.sentiment = sentiment; self.label = label
        self.evidence = evidence
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("name", name)
        o.set("type", type)
        o.set("exchange", exchange)
        o.set("sector", sector)
        o.set("mentions", mentions)
        o.set("relevance", relevance)
        o.set("sentiment", .double(sentiment))
        o.set("label", label)
        o.set("evidence", evidence)
        return o.value
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
    public var code: ErrorCode
    /// A human sentence with the detail.
    public var reason: String
    public var status: Int?
    public var at: Date
    public var pipeline: String

    public init(kind: Kind, feed: String, url: String, code: ErrorCode, reason: String,
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
        o.set("code", code.rawValue)
        o.set("reason", reason)
        o.set("status", status.map(JSONValue.int) ?? .null)
        o.set("pipeline", pipeline)
        return o.value
    }
}
