import Foundation

/// What one ingest run did: the one line cron mails and the figures `--metrics-file` exports.
public struct IngestSummary: Sendable, Equatable {
    public var feedsOK = 0
    public var feedsNotModified = 0
    public var feedsFailed = 0
    /// Feeds skipped because their backoff or Retry-After had not expired.
    public var feedsBackingOff = 0
    public var articlesNew = 0
    public var articlesDuplicate = 0
    public var articlesThin = 0
    /// Items left for the next run because `--max-duration` ran out.
    public var itemsDeferred = 0
    public var errors = 0
    public var duration: TimeInterval = 0

    public init() {}

    public var line: String {
        let seconds = String(format: "%.1f", duration)
        return "feeds ok=\(feedsOK) not_modified=\(feedsNotModified) failed=\(feedsFailed) backing_off=\(feedsBackingOff)"
            + " articles new=\(articlesNew) duplicate=\(articlesDuplicate) thin=\(articlesThin) deferred=\(itemsDeferred)"
            + " errors=\(errors) duration=\(seconds)s"
    }
}
