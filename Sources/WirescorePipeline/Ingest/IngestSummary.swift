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
    /// Article pages not fetched because their site's robots.txt disallows them (settled).
    public var robotsDisallowed = 0
    /// Items handed back to the next run because the run stopped early (`--max-duration`, or
    /// a signal), in flight or not yet started.
    public var itemsDeferred = 0
    /// Items listed by feeds that have not settled yet, across all feeds of this shard's state
    /// when the run ended: the next run works them off whatever their feeds answer.
    public var itemsOpen = 0
    public var errors = 0
    public var duration: TimeInterval = 0
    /// Set when the run stopped early: "deadline" or the signal's name.
    public var stoppedBy: String?
    /// With an `s3://` output: objects the store took in this run, objects left in the spool
    /// for the next run (the store was down), requests sent and body bytes uploaded.
    public var objectsUploaded: Int?
    public var objectsSpooled: Int?
    public var requests: Int?
    public var bytesUploaded: Int?
    /// With a stream output: article records JetStream acknowledged.
    public var recordsStreamed: Int?

    public init() {}

    /// Feeds that were due in this run (not backing off) and none answered, while some were
    /// due: every fetch failed (DNS down, every host blocking us, a proxy gone). A run-level
    /// failure cron and alerting must see (`wirescore ingest` exits 69, EX_UNAVAILABLE). Feeds
    /// all backing off after earlier failures count too, so the alert does not flap to green
    /// while every feed waits out its backoff.
    public var noFeedAnswered: Bool {
        feedsOK + feedsNotModified == 0 && feedsFailed + feedsBackingOff > 0
    }

    public var line: String {
        let seconds = String(format: "%.1f", duration)
        return "feeds ok=\(feedsOK) not_modified=\(feedsNotModified) failed=\(feedsFailed) backing_off=\(feedsBackingOff)"
            + " articles new=\(articlesNew) duplicate=\(articlesDuplicate) thin=\(articlesThin) robots=\(robotsDisallowed) deferred=\(itemsDeferred)"
            + " open=\(itemsOpen) errors=\(errors) duration=\(seconds)s"
            + (stoppedBy.map { " stopped_by=\($0)" } ?? "")
            + (objectsUploaded.map { " uploaded=\($0)" } ?? "") + (objectsSpooled.map { " spooled=\($0)" } ?? "")
            + (requests.map { " requests=\($0)" } ?? "") + (bytesUploaded.map { " uploaded_bytes=\($0)" } ?? "")
            + (recordsStreamed.map { " streamed=\($0)" } ?? "")
    }
}
