import Foundation

/// How a feed has been doing, as kept in run state and listed by `wirescore feeds`.
public struct FeedHealth: Sendable, Equatable {
    public var feedID: String
    public var url: String
    public var consecutiveFailures: Int
    public var lastSuccess: Date?
    public var lastFailure: Date?
    public var lastError: String?
    public var lastStatus: Int?
    /// The earliest time the next run may fetch the feed again (backoff or Retry-After).
    public var nextAttempt: Date?
    /// Where the feed answered from at its last success when every redirect on the way was
    /// permanent (301/308): the address the feed list should name instead.
    public var movedTo: String?

    public init(feedID: String, url: String, consecutiveFailures: Int = 0, lastSuccess: Date? = nil,
                lastFailure: Date? = nil, lastError: String? = nil, lastStatus: Int? = nil, nextAttempt: Date? = nil,
                movedTo: String? = nil) {
        self.feedID = feedID; self.url = url; self.consecutiveFailures = consecutiveFailures
        self.lastSuccess = lastSuccess; self.lastFailure = lastFailure; self.lastError = lastError
        self.lastStatus = lastStatus; self.nextAttempt = nextAttempt; self.movedTo = movedTo
    }

    /// Exponential backoff after `failures` consecutive failures: 5 minutes doubling per
    /// failure, capped at `ceiling` (a day by default) so a dead feed is still retried daily.
    public static func backoff(failures: Int, base: TimeInterval = 300, ceiling: TimeInterval = 86_400) -> TimeInterval {
        guard failures > 0 else { return 0 }
        let exponent = min(failures - 1, 30)
        return min(ceiling, base * pow(2, Double(exponent)))
    }
}

/// Validators for a conditional GET.
public struct HTTPValidators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String?, lastModified: String?) { self.etag = etag; self.lastModified = lastModified }
}
