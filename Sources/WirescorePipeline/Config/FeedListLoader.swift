import Foundation
import WirescoreCore
import WirescoreFeeds

/// Reads the OPML feed lists a pipeline names into ``FeedSpec``s.
///
/// Relative `xmlUrl`s resolve against the OPML file itself (so the demo's sample feeds load
/// through `file://` URLs from any working directory). Problems carry file and line.
public enum FeedListLoader {
    public static func load(_ pipeline: PipelineConfig) throws(PipelineError) -> [FeedSpec] {
        var lists: [[FeedSpec]] = []
        for list in pipeline.feedLists { lists.append(try load(file: list)) }
        return try merge(lists)
    }

    /// The feeds of several lists as one run sees them: a feed id used twice is an error, the
    /// same URL twice is fetched once.
    static func merge(_ lists: [[FeedSpec]]) throws(PipelineError) -> [FeedSpec] {
        var feeds: [FeedSpec] = []
        var seenIDs: [String: FeedSpec] = [:]
        var seenURLs: Set<String> = []
        for list in lists {
            for feed in list {
                if let other = seenIDs[feed.id] {
                    throw PipelineError(file: feed.listFile, line: feed.line,
                                        reason: "feed id '\(feed.id)' is already used at \(other.listFile):\(other.line ?? 0); give the outline a distinct title or id")
                }
                // The same URL twice is harmless: fetch it once.
                guard seenURLs.insert(feed.url).inserted else { continue }
                seenIDs[feed.id] = feed
                feeds.append(feed)
            }
        }
        return feeds
    }

    /// Reads one OPML file.
    public static func load(file: String) throws(PipelineError) -> [FeedSpec] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PipelineError(file: file, line: nil, reason: "cannot read the feed list: " + FileProblem.reason(file))
        }
        return try parse([UInt8](data), file: file)
    }

    /// The feeds of one OPML document read from (or about to be written to) `file`.
    static func parse(_ data: [UInt8], file: String) throws(PipelineError) -> [FeedSpec] {
        let outlines: [OPMLOutline]
        do {
            outlines = try OPMLParser().parse(data)
        } catch {
            throw PipelineError(file: file, line: error.line > 0 ? error.line : nil, reason: "invalid OPML: \(error.message)")
        }
        var feeds: [FeedSpec] = []
        for outline in outlines {
            guard let raw = outline.xmlUrl?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { continue }
            guard let url = resolvedURL(raw, listFile: file) else {
                throw PipelineError(file: file, line: outline.line, reason: "xmlUrl '\(raw)' is not an http(s) or file URL")
            }
            let title = outline.title ?? outline.text ?? ""
            let explicitID = outline.id.map(FeedSpec.slug)
            var id = explicitID ?? FeedSpec.slug(title)
            if id.isEmpty {
                id = FeedSpec.slug(URLCanonicalizer.host(of: url) ?? "") + "-" + String(StableHash.hex(StableHash.fnv1a64(url)).prefix(8))
            }
            let kind: FeedSpec.Kind = outline.type?.lowercased() == "sitemap" ? .sitemap : .feed
            feeds.append(FeedSpec(id: id, title: title, url: url, listFile: file, line: outline.line, kind: kind))
        }
        if feeds.isEmpty {
            throw PipelineError(file: file, line: nil, reason: "the feed list has no outline with an xmlUrl")
        }
        return feeds
    }

    /// An outline's `xmlUrl` made absolute against the list file it is written in; nil unless
    /// it is an http, https or file URL.
    static func resolvedURL(_ raw: String, listFile: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URLCanonicalizer.resolve(trimmed, against: URL(fileURLWithPath: listFile).absoluteString),
              let scheme = URLComponents(string: url)?.scheme?.lowercased(),
              ["http", "https", "file"].contains(scheme) else { return nil }
        return url
    }
}
