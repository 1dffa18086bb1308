import Foundation
import WirescoreCore

/// Writes a ``FeedDocument`` as `inspect feed` JSON straight into a UTF-8 byte buffer, through
/// WirescoreCore's ``JSONByteWriter``.
///
/// Why not ``FeedDocument/feedparserJSON()`` and a tree: building a `JSONValue` tree (an enum
/// box per field, an array of key/value tuples per object) was a large part of `inspect feed`'s
/// run on a big corpus, more than the sanitiser. Here keys are constant byte strings and values
/// go to the writer directly.
///
/// The bytes are exactly what `feedparserJSON().serialized()` gives (same key order, same
/// writer); a test holds the two to that.
struct FeedJSONWriter {
    var w = JSONByteWriter()

    mutating func write(_ doc: FeedDocument) {
        raw("{\"bozo\":")
        raw(doc.bozo ? "true" : "false")
        if let e = doc.bozoException { raw(",\"bozo_exception\":"); string(e) }
        raw(",\"encoding\":"); string(doc.encoding)
        raw(",\"version\":"); string(doc.version)
        // Fields are read in place: copying a `FeedMetadata` or `FeedEntry` (as `let f = ...` or
        // `enumerated()` would) retains and releases every string in it.
        raw(",\"feed\":{\"title\":"); optional(doc.feed.title)
        raw(",\"subtitle\":"); optional(doc.feed.subtitle)
        if let summary = doc.feed.summary { raw(",\"summary\":"); string(summary) }
        raw(",\"link\":"); optional(doc.feed.link)
        raw(",\"id\":"); optional(doc.feed.id)
        raw(",\"language\":"); optional(doc.feed.language)
        raw(",\"author\":"); optional(doc.feed.author)
        raw(",\"author_detail\":"); person(doc.feed.authorDetail)
        raw(",\"updated\":"); optional(doc.feed.updated)
        raw(",\"updated_parsed\":"); date(doc.feed.updatedParsed)
        raw(",\"published\":"); optional(doc.feed.published)
        raw(",\"published_parsed\":"); date(doc.feed.publishedParsed)
        raw("},\"entries\":[")
        doc.entries.withUnsafeBufferPointer { entries in
            for k in entries.indices {
                if k > 0 { w.raw(UInt8(ascii: ",")) }
                entry(entries[k])
            }
        }
        raw("]}")
    }

    private mutating func entry(_ e: FeedEntry) {
        raw("{\"title\":"); optional(e.title)
        raw(",\"link\":"); optional(e.link)
        raw(",\"id\":"); optional(e.id)
        raw(",\"author\":"); optional(e.author)
        raw(",\"author_detail\":"); person(e.authorDetail)
        raw(",\"summary\":"); optional(e.summary)
        raw(",\"content\":[")
        for k in e.content.indices {
            if k > 0 { w.raw(UInt8(ascii: ",")) }
            raw("{\"value\":"); string(e.content[k].value)
            raw(",\"type\":"); string(e.content[k].type)
            w.raw(UInt8(ascii: "}"))
        }
        raw("],\"published\":"); optional(e.published)
        raw(",\"published_parsed\":"); date(e.publishedParsed)
        raw(",\"updated\":"); optional(e.updated)
        raw(",\"updated_parsed\":"); date(e.updatedParsed)
        w.raw(UInt8(ascii: "}"))
    }

    private mutating func person(_ p: FeedPerson?) {
        guard let p else { raw("null"); return }
        raw("{\"name\":"); optional(p.name)
        raw(",\"email\":"); optional(p.email)
        raw(",\"href\":"); optional(p.href)
        w.raw(UInt8(ascii: "}"))
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` written digit by digit (what ``UTCTimestamp/rfc3339(_:)``
    /// gives, without building a `String` through interpolation for every entry's dates).
    private mutating func date(_ d: Date?) {
        guard let d else { raw("null"); return }
        let c = UTCTimestamp.components(of: d)
        guard (0...9999).contains(c.year) else { string(UTCTimestamp.rfc3339(d)); return }
        w.raw(UInt8(ascii: "\""))
        digits(c.year, 4); w.raw(UInt8(ascii: "-"))
        digits(c.month, 2); w.raw(UInt8(ascii: "-"))
        digits(c.day, 2); w.raw(UInt8(ascii: "T"))
        digits(c.hour, 2); w.raw(UInt8(ascii: ":"))
        digits(c.minute, 2); w.raw(UInt8(ascii: ":"))
        digits(c.second, 2); w.raw(UInt8(ascii: "Z"))
        w.raw(UInt8(ascii: "\""))
    }

    @inline(__always) private mutating func digits(_ v: Int, _ width: Int) {
        var div = 1
        for _ in 1..<width { div *= 10 }
        var v = v
        while div > 0 {
            w.raw(UInt8(48 + (v / div) % 10))
            v %= div
            div /= 10
        }
    }

    @inline(__always) private mutating func raw(_ s: StaticString) { w.raw(s) }

    @inline(__always) private mutating func optional(_ s: String?) { w.string(orNull: s) }

    @inline(__always) private mutating func string(_ s: String) { w.string(s) }
}

extension FeedDocument {
    /// The `inspect feed` JSON object (see ``feedparserJSON()``) as UTF-8, appended to `out`;
    /// byte for byte what `feedparserJSON().serialized()` gives, without the intermediate tree.
    public func appendFeedparserJSON(to out: inout [UInt8]) {
        var writer = FeedJSONWriter()
        swap(&writer.w.bytes, &out)
        writer.write(self)
        swap(&writer.w.bytes, &out)
    }
}
