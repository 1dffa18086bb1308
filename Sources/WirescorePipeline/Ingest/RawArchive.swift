import Foundation
import WirescoreArchive
import WirescoreCore
import WirescoreOutput

/// The run's raw archive: every fetched response in `raw/date=<fetch day>/<run-id>.warc.gz`,
/// each with a JSON `metadata` record saying which feed or feed item it answered, so
/// `reprocess` can rebuild records from the archive alone. Owned by the sink; not thread safe.
final class RawArchive {
    private let layout: OutputLayout
    private let runID: String
    private var writers: [String: WARCWriter] = [:]

    init(layout: OutputLayout, runID: String) {
        self.layout = layout
        self.runID = runID
    }

    /// A sortable, unique run id: UTC start time, shard and process id.
    static func makeRunID(started: Date, shard: Int) -> String {
        let stamp = UTCTimestamp.rfc3339(started).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(stamp)-s\(shard)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Digests and compresses one exchange with its role; thread safe, so the stages' workers
    /// do it and the sink only appends.
    static func encode(_ exchange: ArchivedExchange, role: ArchiveRole) throws -> EncodedExchange {
        EncodedExchange(day: UTCTimestamp.day(exchange.date),
                        bytes: try WARCEncoder.encode(exchange, metadata: metadata(role).serialized()))
    }

    /// Appends an encoded exchange to its fetch day's archive of this run.
    func append(_ encoded: EncodedExchange) throws {
        let writer: WARCWriter
        if let existing = writers[encoded.day] {
            writer = existing
        } else {
            let path = layout.rawDirectory(day: encoded.day) + "/\(runID).warc.gz"
            writer = try WARCWriter(path: path, software: "wirescore/\(WirescoreVersion.software)")
            writers[encoded.day] = writer
        }
        try writer.append(encoded: encoded.bytes)
    }

    func close() {
        for writer in writers.values { writer.close() }
        writers.removeAll()
    }

    static func metadata(_ role: ArchiveRole) -> JSONValue {
        var o = JSONObjectBuilder()
        switch role {
        case let .feed(id):
            o.set("role", "feed")
            o.set("feed", id)
        case let .article(c):
            o.set("role", "article")
            o.set("feed", c.feedID)
            o.set("item", URLCanonicalizer.withoutUserinfo(c.itemKey))
            o.set("link", URLCanonicalizer.withoutUserinfo(c.link))
            o.set("feed_title", c.feedTitle)
            o.set("entry_title", c.entryTitle)
            o.set("entry_author", c.entryAuthor)
            o.set("entry_published", c.entryPublished.map(UTCTimestamp.rfc3339))
            // Only when present, so archives of feed items stay as they were.
            if !c.entityHints.isEmpty { o.set("entity_hints", .array(c.entityHints.map { .string($0) })) }
            if let hint = c.languageHint { o.set("language_hint", hint) }
        case let .redirect(c, location):
            o.set("role", "redirect")
            o.set("feed", c.feedID)
            o.set("item", URLCanonicalizer.withoutUserinfo(c.itemKey))
            o.set("location", URLCanonicalizer.withoutUserinfo(location))
        case let .sourceRedirect(feedID, location):
            o.set("role", "redirect")
            o.set("feed", feedID)
            o.set("location", URLCanonicalizer.withoutUserinfo(location))
        }
        return o.value
    }

    /// The article context stored by ``metadata(_:)``; nil for other roles.
    static func articleContext(fromMetadata bytes: [UInt8]) -> ArticleBuilder.Context? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["role"] as? String == "article", let feed = object["feed"] as? String,
              let item = object["item"] as? String, let link = object["link"] as? String else { return nil }
        var context = ArticleBuilder.Context(
            feedID: feed, itemKey: item, link: link, feedTitle: object["feed_title"] as? String,
            entryTitle: object["entry_title"] as? String, entryAuthor: object["entry_author"] as? String,
            entryPublished: (object["entry_published"] as? String).flatMap(UTCTimestamp.parseRFC3339))
        context.entityHints = object["entity_hints"] as? [String] ?? []
        context.languageHint = object["language_hint"] as? String
        return context
    }
}

/// One exchange's WARC records, ready to append to the archive of its fetch day.
struct EncodedExchange: Sendable {
    var day: String
    var bytes: [UInt8]
}
