import Foundation
import WirescoreCore
import WirescoreFeeds

/// Reads the OPML feed lists a pipeline names into ``FeedSpec``s.
///
/// Relative `xmlUrl`s resolve against the OPML file itself (so the demo's sample feeds load
/// through `file://` URLs from any working directory). Problems carry file and line.
public enum FeedListLoader {
    public static func load(_ pipeline: PipelineConfig) throws(PipelineError) -> [FeedSpec] {
        var feeds: [FeedSpec] = []
        var seenIDs: [String: FeedSpec] = [:]
        var seenURLs: Set<String> = []
        for list in pipeline.feedLists {
            for feed in try load(file: list) {
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
            throw PipelineError(file: file, line: nil, reason: "cannot read the feed list")
        }
        let outlines: [OPMLOutline]
        do {
            outlines = try OPMLParser().parse([UInt8](data))
        } catch {
            throw PipelineError(file: file, line: error.line > 0 ? error.line : nil, reason: "invalid OPML: \(error.message)")
        }
        let base = URL(fileURLWithPath: file).absoluteString
        var feeds: [FeedSpec] = []
        for outline in outlines {
            guard let raw = outline.xmlUrl?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { continue }
            guard let url = URLCanonicalizer.resolve(raw, against: base),
                  let scheme = URLComponents(string: url)?.scheme?.lowercased(),
                  ["http", "https", "file"].contains(scheme) else {
                throw PipelineError(file: file, line: outline.line, reason: "xmlUrl '\(raw)' is not an http(s) or file URL")
            }
            let title = outline.title ?? outline.text ?? ""
            let explicitID = outline.id.map(FeedSpec.slug)
            var id = explicitID ?? FeedSpec.slug(title)
            if id.isEmpty {
                id = FeedSpec.slug(URLCanonicalizer.host(of: url) ?? "") + "-" + String(StableHash.hex(StableHash.fnv1a64(url)).prefix(8))
            }
            feeds.append(FeedSpec(id: id, title: title, url: url, listFile: file, line: outline.line))
        }
        if feeds.isEmpty {
            throw PipelineError(file: file, line: nil, reason: "the feed list has no outline with an xmlUrl")
        }
        return feeds
    }
}
